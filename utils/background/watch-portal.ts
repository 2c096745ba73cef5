import { browser } from 'wxt/browser';
import type { RequestOf, WatchReply } from '../messaging/protocol';
import { CATALOGUE } from '../portals/catalogue';
import { toCustomPortal } from '../portals/custom';
import type { Portal } from '../portals/schema';
import { watchCandidate, watchedPortalInput, watchOrigin } from '../portals/watch';
import { currentPortals, forgetCurrentPortals } from '../state/current-portals';
import { MAX_USER_PORTALS, customPortals, readItem, updateItem } from '../state/storage';

/**
 * "Watch this portal" from the popup. The popup asked for the origin in the patient's click (a
 * user gesture only it has); here the background re-checks everything before anything is stored,
 * since the popup's view of the page may be stale: the host must still be watchable (not a
 * catalogue, policy or patient host, not an imitation of a catalogue address), the platform must
 * be a catalogue platform, and the browser must really have granted the origin. The stored portal
 * then goes through the same machinery as one added on the settings page: the background registers
 * its content script when the list changes (clinic-policy.ts), and removing it gives the origin back.
 */
export interface WatchDeps {
  contains: (origins: string[]) => Promise<boolean>;
  catalogue?: readonly Portal[];
}

const defaultDeps: WatchDeps = { contains: (origins) => browser.permissions.contains({ origins }) };

export async function onWatchPortal({ host, platformId }: RequestOf<'ui-bg/watch-portal'>, deps: WatchDeps = defaultDeps): Promise<WatchReply> {
  const catalogue = deps.catalogue ?? (CATALOGUE as readonly Portal[]);
  const platform = catalogue.find((portal) => portal.id === platformId && portal.kind === 'platform');
  if (!platform) return { status: 'refused', reason: `${platformId} is not a platform Portal Guard knows` };
  const current = await currentPortals();
  const candidate = watchCandidate(`https://${host}/`, current.index, catalogue);
  if (candidate.kind === 'imitation') {
    const { imitates } = candidate.imitation;
    return { status: 'refused', reason: candidate.imitation.reason, lookalike: { imitates: imitates.name, ...(imitates.homeUrl ? { officialHome: imitates.homeUrl } : {}) } };
  }
  if (candidate.kind === 'no') return { status: 'refused', reason: candidate.reason };
  if (candidate.host !== host) return { status: 'refused', reason: `${host} is not a host name Portal Guard can watch` };
  if (!(await deps.contains([watchOrigin(host)]).catch(() => false))) return { status: 'refused', reason: `The browser has not given Portal Guard permission for ${host}` };

  const stored = await readItem(customPortals);
  if (stored.length >= MAX_USER_PORTALS) return { status: 'refused', reason: `You can add up to ${MAX_USER_PORTALS} portals` };
  const input = watchedPortalInput(host, candidate.registrableDomain, platform, new Set([...stored.map((portal) => portal.id), ...current.index.portals.map((portal) => portal.id)]));
  const { portal, problems } = toCustomPortal(input, 'user', { index: current.index, catalogue });
  if (!portal || problems.length > 0) return { status: 'refused', reason: problems[0]?.reason ?? `${host} cannot be watched` };
  await updateItem(customPortals, (list) => [...list.filter((entry) => entry.id !== input.id), input]);
  forgetCurrentPortals();
  return { status: 'watching', portalId: input.id, name: input.name };
}
