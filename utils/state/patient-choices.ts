import type { Notice } from '../feed/schema';
import { noticeDismissals, portalAccounts, readItem, remediationProgress, settings, updateItem, type RegisteredItem, type Settings } from './storage';
import { relevance, type Relevance } from '../notices/relevance';
import { own } from '../own-keys';

/**
 * The patient's own decisions about notices (dismissals, "I changed my password on…", steps done
 * or skipped), read and written through the storage registry, and applied to a portal's notices
 * with the pure relevance rules.
 */

export interface RelevantNotice {
  notice: Notice;
  why: Extract<Relevance, { show: true }>['why'];
}

/** What `relevantNotices` reads: the patient's dismissals, password-change dates and notice window. */
export interface NoticeChoices {
  dismissals: ItemValue<typeof noticeDismissals>;
  accounts: ItemValue<typeof portalAccounts>;
  prefs: Settings;
}
type ItemValue<I> = I extends RegisteredItem<infer T> ? T : never;

export async function readNoticeChoices(): Promise<NoticeChoices> {
  const [dismissals, accounts, prefs] = await Promise.all([readItem(noticeDismissals), readItem(portalAccounts), readItem(settings)]);
  return { dismissals, accounts, prefs };
}

/**
 * Of a portal's notices, the ones to show now. A caller that is already waiting on other storage
 * reads (the popup's `tabStatus`) passes `choices` it started at the same time, so these three
 * reads do not wait behind the others.
 */
export async function relevantNotices(portalId: string, candidates: readonly Notice[], now = new Date(), choices?: Promise<NoticeChoices>): Promise<RelevantNotice[]> {
  if (candidates.length === 0) return [];
  const { dismissals, accounts, prefs } = await (choices ?? readNoticeChoices());
  const passwordChangedOn = own(accounts, portalId)?.passwordChangedOn;
  const shown: RelevantNotice[] = [];
  for (const notice of candidates) {
    const verdict = relevance(notice, {
      now,
      windowMonths: prefs.noticeWindowMonths,
      ...(passwordChangedOn ? { passwordChangedOn } : {}),
      ...(own(dismissals, notice.id) ? { dismissedAtModified: own(dismissals, notice.id) } : {}),
    });
    if (verdict.show) shown.push({ notice, why: verdict.why });
  }
  return shown;
}

/** Hide a notice until its `modified` date changes. */
export function dismissNotice(notice: Pick<Notice, 'id' | 'modified'>): Promise<void> {
  return updateItem(noticeDismissals, (all) => ({ ...all, [notice.id]: notice.modified }));
}

/** Record (or clear, with `undefined`) the date the patient changed a portal's password. */
export function setPasswordChangedOn(portalId: string, date: string | undefined): Promise<void> {
  return updateItem(portalAccounts, (all) => {
    const { passwordChangedOn: _old, ...rest } = own(all, portalId) ?? {};
    return { ...all, [portalId]: { ...rest, ...(date ? { passwordChangedOn: date } : {}) } };
  });
}

export async function getPasswordChangedOn(portalId: string): Promise<string | undefined> {
  return own(await readItem(portalAccounts), portalId)?.passwordChangedOn;
}

/** Mark a remediation step done or skipped, or clear the choice. */
export function setStepChoice(noticeId: string, stepId: string, choice: 'done' | 'skipped' | undefined): Promise<void> {
  return updateItem(remediationProgress, (all) => {
    const { [stepId]: _old, ...steps } = own(all, noticeId) ?? {};
    return { ...all, [noticeId]: choice ? { ...steps, [stepId]: choice } : steps };
  });
}

export async function getStepChoices(noticeId: string): Promise<Record<string, 'done' | 'skipped'>> {
  return own(await readItem(remediationProgress), noticeId) ?? {};
}
