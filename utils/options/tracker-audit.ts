import type { TrackerSummary } from '../messaging/protocol';
import { currentPolicy } from '../policy/managed';
import { trackerAuditSetting, type Effective } from '../policy/effective';
import { currentPortals } from '../state/current-portals';
import { readItem, trackerAuditPrefs, trackerSightings, updateItem, writeItem } from '../state/storage';
import { summariseSightings } from '../trackers/summary';

/**
 * What the settings page and the tracker page show of the tracker audit (docs/trackers.md), and
 * the patient's two actions: the switch, and clearing a portal's record. The background is the
 * only writer of new sightings; clearing here is a removal it cannot undo, since it only adds what
 * a signed-in page sends after the clear.
 */

export interface PortalTrackers {
  portalId: string;
  /** The portal's name from the current index, or its id when it has left the index. */
  name: string;
  country: string | undefined;
  trackers: TrackerSummary[];
}

export interface TrackerAuditData {
  setting: Effective;
  portals: PortalTrackers[];
}

export async function loadTrackerAudit(): Promise<TrackerAuditData> {
  const [prefs, sightings, policy, portals] = await Promise.all([readItem(trackerAuditPrefs), readItem(trackerSightings), currentPolicy().catch(() => undefined), currentPortals().catch(() => undefined)]);
  return {
    setting: trackerAuditSetting(policy?.policy ?? {}, prefs.enabled),
    portals: Object.entries(sightings)
      .filter(([, list]) => list.length > 0)
      .map(([portalId, list]) => {
        const portal = portals?.index.byId(portalId);
        return { portalId, name: portal?.name ?? portalId, country: portal?.country, trackers: summariseSightings(list) };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export const setTrackerAudit = (enabled: boolean) => writeItem(trackerAuditPrefs, { enabled });

/** Forget what was recorded for one portal. */
export const clearPortalTrackers = (portalId: string) =>
  updateItem(trackerSightings, (all) => {
    const { [portalId]: _gone, ...rest } = all;
    return rest;
  });

/** Call `onChange` when the switch, the sightings or the policy changes; returns a stop function. */
export function watchTrackerAudit(onChange: () => void): () => void {
  const stops = [trackerAuditPrefs, trackerSightings].map((registered) => registered.item.watch(() => onChange()));
  return () => stops.forEach((stop) => stop());
}
