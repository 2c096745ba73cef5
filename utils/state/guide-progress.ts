import { getPasswordChangedOn, setPasswordChangedOn } from './patient-choices';
import { localDate } from '../notices/relevance';
import { guideProgress, readItem, updateItem } from './storage';
import { passwordChangedAt, reduceGuide, type GuideEvent, type GuideProgress } from '../guide/state';
import { PROTOTYPE_NAME_REASON, notPrototypeName, own } from '../own-keys';

/**
 * The guide's progress in storage: one read-modify-write per event (serialised per key by
 * `updateItem`), so the guide page, the assistant (through the background) and the reminder
 * alarm never undo one another's changes.
 */

export async function getGuide(portalId: string): Promise<GuideProgress | undefined> {
  return own(await readItem(guideProgress), portalId);
}

export async function allGuides(): Promise<Record<string, GuideProgress>> {
  return readItem(guideProgress);
}

/** Apply one event to a portal's guide and return the result. */
export async function updateGuide(portalId: string, event: GuideEvent, now = Date.now()): Promise<GuideProgress> {
  // zod drops a `__proto__` key silently; refuse every inherited name out loud instead.
  if (!notPrototypeName(portalId)) throw new Error(`${portalId} ${PROTOTYPE_NAME_REASON}`);
  let result: GuideProgress | undefined;
  await updateItem(guideProgress, (all) => {
    const current = own(all, portalId);
    result = reduceGuide(current, event, now);
    return result === current ? all : { ...all, [portalId]: result };
  });
  return result!;
}

/**
 * Finish the guide. When step 1 was done, record the day it was done as the date the password
 * changed, which the notice relevance rules use to stop showing older breach notices (a later
 * date the patient gave on a notice page is kept). Skipping step 1 records nothing: the password
 * was not changed, so the notices are still relevant.
 */
export async function finishGuide(portalId: string, { now = Date.now(), timeZone }: { now?: number; timeZone?: string } = {}): Promise<GuideProgress> {
  const progress = await updateGuide(portalId, { type: 'finish' }, now);
  const changedAt = passwordChangedAt(progress);
  if (progress.finishedAt !== undefined && changedAt !== undefined) {
    const date = localDate(new Date(changedAt), timeZone);
    const existing = await getPasswordChangedOn(portalId);
    if (!existing || existing < date) await setPasswordChangedOn(portalId, date);
  }
  return progress;
}
