import { browser } from 'wxt/browser';
import { formatNumber } from '../i18n/format';
import { t } from '../i18n/t';
import type { RequestOf, WatchReply } from '../messaging/protocol';
import { CATALOGUE } from '../portals/catalogue';
import { toCustomPortal } from '../portals/custom';
import type { Portal } from '../portals/schema';
import { watchCandidate, watchedPortalInput, watchOrigin } from '../portals/watch';
import { currentPortals, forgetCurrentPortals } from '../state/current-portals';
import { MAX_USER_PORTALS, customPortals, readItem, updateItem } from '../state/storage';

/**
 * "Watch this portal" from the popup. The popup asks for the origin in the patient's click (a
 * user gesture only it has) and sends this request in the same click, without waiting for the
 * answer: Firefox may close the popup while its permission prompt is open, and the popup's code
 * would then never run again. So the background waits for the grant itself (`permissions.onAdded`,
 * up to `GRANT_WAIT_MS`), and re-checks everything before anything is stored,
 * since the popup's view of the page may be stale: the host must still be watchable (not a
 * catalogue, policy or patient host, not an imitation of a catalogue address), the platform must
 * be a catalogue platform, and the browser must really have granted the origin. The stored portal
 * then goes through the same machinery as one added on the settings page: the background registers
 * its content script when the list changes (clinic-policy.ts), and removing it gives the origin back.
 */
export interface WatchDeps {
  /** Resolves true once the browser holds `origin` (already, or when the patient allows it), false after `timeoutMs`. */
  granted: (origin: string, timeoutMs: number) => Promise<boolean>;
  catalogue?: readonly Portal[];
}

/** How long the background waits for the patient to answer the browser's prompt. */
export const GRANT_WAIT_MS = 2 * 60_000;

/** Listen first, then ask, so a grant that lands in between is not missed. */
export function waitForGrant(origin: string, timeoutMs: number, permissions = browser.permissions): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (granted: boolean) => {
      clearTimeout(timer);
      permissions.onAdded.removeListener(onAdded);
      resolve(granted);
    };
    const onAdded = (added: { origins?: string[] }) => {
      if (added.origins?.includes(origin)) done(true);
    };
    permissions.onAdded.addListener(onAdded);
    // `done` only runs later (an event, a timer, a promise), by when `timer` is set.
    const timer = setTimeout(() => done(false), timeoutMs);
    void permissions.contains({ origins: [origin] }).then(
      (has) => has && done(true),
      () => {},
    );
  });
}

const defaultDeps: WatchDeps = { granted: (origin, timeoutMs) => waitForGrant(origin, timeoutMs) };

export async function onWatchPortal({ host, platformId }: RequestOf<'ui-bg/watch-portal'>, deps: WatchDeps = defaultDeps): Promise<WatchReply> {
  const catalogue = deps.catalogue ?? (CATALOGUE as readonly Portal[]);
  const platform = catalogue.find((portal) => portal.id === platformId && portal.kind === 'platform');
  if (!platform) return { status: 'refused', reason: t('popup.watch.reason.unknownPlatform', { platform: platformId }) };
  const current = await currentPortals();
  const candidate = watchCandidate(`https://${host}/`, current.index, catalogue);
  if (candidate.kind === 'imitation') {
    const { imitates } = candidate.imitation;
    return { status: 'refused', reason: candidate.imitation.reason, lookalike: { imitates: imitates.name, ...(imitates.homeUrl ? { officialHome: imitates.homeUrl } : {}) } };
  }
  if (candidate.kind === 'no') return { status: 'refused', reason: candidate.reason };
  if (candidate.host !== host) return { status: 'refused', reason: t('popup.watch.reason.notHost', { host }) };
  if (!(await deps.granted(watchOrigin(host), GRANT_WAIT_MS).catch(() => false))) return { status: 'refused', reason: t('popup.watch.reason.noPermission', { host }) };

  // The list may have changed while the prompt was open: check against it as it is now.
  forgetCurrentPortals();
  const now = await currentPortals();
  const again = watchCandidate(`https://${host}/`, now.index, catalogue);
  if (again.kind !== 'watchable') return { status: 'refused', reason: again.kind === 'no' ? again.reason : again.imitation.reason };
  const stored = await readItem(customPortals);
  if (stored.length >= MAX_USER_PORTALS) return { status: 'refused', reason: t('popup.watch.reason.tooMany', MAX_USER_PORTALS, { count: formatNumber(MAX_USER_PORTALS) }) };
  const input = watchedPortalInput(host, candidate.registrableDomain, platform, new Set([...stored.map((portal) => portal.id), ...now.index.portals.map((portal) => portal.id)]));
  const { portal, problems } = toCustomPortal(input, 'user', { index: now.index, catalogue });
  if (!portal || problems.length > 0) return { status: 'refused', reason: problems[0]?.reason ?? t('popup.watch.reason.cannotWatch', { host }) };
  await updateItem(customPortals, (list) => [...list.filter((entry) => entry.id !== input.id), input]);
  forgetCurrentPortals();
  return { status: 'watching', portalId: input.id, name: input.name };
}
