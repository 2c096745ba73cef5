import { browser } from 'wxt/browser';
import { needsProbe } from '../guide/change-password';
import { finishGuide, getGuide, updateGuide } from '../state/guide-progress';
import type { Sender } from '../messaging/listen';
import { guidePageUrl } from '../pages';
import type { RequestOf, ResponseOf } from '../messaging/protocol';
import type { PortalIndex, PortalMatch } from '../portals';
import { portalIndex } from '../state/current-portals';
import { readItem, settings } from '../state/storage';
import { hasBreachCheckPermission, type PermissionsApi } from '../password/breach-check-permission';
import { breachCheckSetting } from '../policy/effective';
import { currentPolicy } from '../policy/managed';

/**
 * What content scripts may ask about the password guide. As with notices, the portal always comes
 * from `sender.url` (where the browser says the frame is), never from the payload, so a page can
 * only ever act on the guide of the portal it is: it cannot open, probe or mark another portal's.
 * The portal is looked up in the current index (catalogue, policy and the patient's own portals),
 * so the guide works on a clinic's own myindici tenant as well as on a catalogue portal.
 */

type IndexSource = () => Promise<PortalIndex>;

async function senderPortal(sender: Sender, index: IndexSource): Promise<{ match: PortalMatch; origin: string }> {
  const lookup = (await index()).lookupUrl(sender.url ?? '');
  if (lookup.kind !== 'portal') throw new Error('not on a portal');
  return { match: lookup.match, origin: new URL(sender.url!).origin };
}

export async function onOpenGuide(_request: RequestOf<'cs-bg/open-guide'>, sender: Sender, { tabs = browser.tabs, now = Date.now, index = portalIndex as IndexSource } = {}): Promise<ResponseOf<'cs-bg/open-guide'>> {
  const { match, origin } = await senderPortal(sender, index);
  const progress = await updateGuide(match.portal.id, { type: 'open', host: match.host }, now());
  const opener = sender.tab;
  await tabs.create({
    url: guidePageUrl({ portal: match.portal.id, host: match.host }),
    ...(opener?.id !== undefined ? { openerTabId: opener.id, index: opener.index + 1 } : {}),
  });
  return { ok: true, probeChangePassword: needsProbe(match.portal, origin, progress, now()) };
}

/** For the session reply: whether this page should run the well-known check now. */
export async function probeWanted(match: PortalMatch, origin: string, now = Date.now()): Promise<boolean> {
  return needsProbe(match.portal, origin, await getGuide(match.portal.id), now);
}

export async function onChangePasswordProbe({ result }: RequestOf<'cs-bg/change-password-probe'>, sender: Sender, { now = Date.now, index = portalIndex as IndexSource } = {}): Promise<ResponseOf<'cs-bg/change-password-probe'>> {
  const { match, origin } = await senderPortal(sender, index);
  // Only an answer we asked for is kept, so a page cannot keep rewriting it.
  if (await probeWanted(match, origin, now())) await updateGuide(match.portal.id, { type: 'probe', origin, result }, now());
  return { ok: true };
}

export async function onPasswordForm(_request: RequestOf<'cs-bg/password-form'>, sender: Sender, { permissions = browser.permissions, policy = currentPolicy, index = portalIndex as IndexSource } = {}): Promise<ResponseOf<'cs-bg/password-form'>> {
  const { match } = await senderPortal(sender, index);
  const [progress, prefs, managed] = await Promise.all([getGuide(match.portal.id), readItem(settings), policy()]);
  // A managed policy's `pwnedPasswordsCheck` overrides the patient's choice (utils/policy/effective.ts).
  const breachCheck = breachCheckSetting(managed.policy, prefs.breachCheck).on && (await hasBreachCheckPermission(permissions as unknown as PermissionsApi));
  return {
    ok: true,
    breachCheck,
    guide: !progress ? 'none' : progress.finishedAt !== undefined ? 'finished' : 'in-progress',
    changePasswordStep: progress?.steps['change-password']?.status ?? 'open',
  };
}

export async function onGuidePasswordChanged(_request: RequestOf<'cs-bg/guide-password-changed'>, sender: Sender, { now = Date.now, index = portalIndex as IndexSource } = {}): Promise<ResponseOf<'cs-bg/guide-password-changed'>> {
  const { match } = await senderPortal(sender, index);
  const progress = await updateGuide(match.portal.id, { type: 'mark', step: 'change-password', status: 'done' }, now());
  return { ok: true, guide: progress.finishedAt !== undefined ? 'finished' : 'in-progress' };
}

/**
 * A change from the guide page (`ui-bg/guide-event`, extension pages only). The portal must be one
 * Portal Guard recognises now, and a host is kept only if the current index gives it to that portal.
 */
export async function onGuideEvent({ portalId, event }: RequestOf<'ui-bg/guide-event'>, { now = Date.now, index = portalIndex as IndexSource } = {}): Promise<ResponseOf<'ui-bg/guide-event'>> {
  const current = await index();
  if (!current.byId(portalId)) throw new Error('no such portal');
  if (event.type === 'finish') {
    const progress = await finishGuide(portalId, { now: now() });
    return { ok: true, finished: progress.finishedAt !== undefined };
  }
  const checked = event.type === 'open' && event.host && current.lookupHost(event.host)?.portal.id !== portalId ? { type: 'open' as const } : event;
  const progress = await updateGuide(portalId, checked, now());
  return { ok: true, finished: progress.finishedAt !== undefined };
}
