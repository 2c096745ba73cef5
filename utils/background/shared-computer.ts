import { browser, type Browser } from 'wxt/browser';
import { formatNumber } from '../i18n/format';
import { t } from '../i18n/t';
import { listPortalDownloads } from '../export-review/downloads';
import { sharedComputerSetting } from '../policy/effective';
import { currentPolicy } from '../policy/managed';
import type { PortalIndex, PortalMatch } from '../portals';
import { currentPortals } from '../state/current-portals';
import { readItem, sharedComputer, sharedComputerSessionStart, signOutReminders, tabSessions, updateItem, writeItem, type SignOutReminder, type TabSession } from '../state/storage';
import { allTabSessions } from './tab-sessions';

/**
 * Shared-computer mode (docs/deploy.md, "Shared computers"). When a portal tab whose last report
 * was `signed-in` closes, or leaves the portal, without a sign-out having been seen, Portal Guard
 * raises ONE notification per portal, "You may still be signed in to X", whose click opens the
 * portal's sign-out page (or its home page). Optionally it clears that portal's cookies and site
 * data (origin only, `browsingData`), and it mentions the record files downloaded from the portal
 * during this browser session (`downloads`, when granted). Every reminder is also recorded in
 * `storage.session`, so the popup and the options page can show it when notifications are not
 * allowed, and tests can see it.
 *
 *   tab closes ─────────────► signed in? ──► still signed in in another tab? ──► remind
 *   tab starts loading ──► pending ──► new page reports the same portal ──► (stayed) cancel
 *                                   └► loaded, no report from that portal in 3 s ──► remind
 */

export const NOTIFICATION_PREFIX = 'portal-guard-signout:';
/** After the new page has loaded, how long its content script has to say it is still the portal. */
export const LEFT_PORTAL_AFTER_MS = 3_000;
/** Should the page's "loaded" event be missed (it can beat the hand-over), decide after this long anyway. */
export const LEFT_PORTAL_FALLBACK_MS = 15_000;

export type ReminderNotification = SignOutReminder['notification'];

export interface SharedComputerDeps {
  settings: () => Promise<{ on: boolean; clearSiteData: boolean }>;
  index: () => Promise<PortalIndex>;
  /** The sign-out page a policy or patient portal names (catalogue portals have their home page). */
  signOutUrl: (match: PortalMatch) => Promise<string | undefined>;
  otherSessions: () => Promise<Record<string, TabSession>>;
  notify: (id: string, title: string, message: string) => Promise<ReminderNotification>;
  clearSiteData: (origin: string) => Promise<boolean>;
  /** Record files downloaded from this portal since the browser started; undefined without `downloads`. */
  downloadsFrom: (match: PortalMatch) => Promise<number | undefined>;
  now: () => number;
}

/** Raise the reminder for a session a tab just left, if the mode is on and it was signed in. */
export async function remindIfSignedIn(session: TabSession | undefined, how: SignOutReminder['how'], deps: SharedComputerDeps = defaultDeps): Promise<SignOutReminder | undefined> {
  if (!session || session.state !== 'signed-in') return undefined;
  const mode = await deps.settings();
  if (!mode.on) return undefined;
  const lookup = (await deps.index()).lookupUrl(session.url);
  if (lookup.kind !== 'portal') return undefined;
  const { match } = lookup;
  // Still signed in in another tab: the patient is still using the portal.
  const others = Object.values(await deps.otherSessions());
  if (others.some((other) => other.state === 'signed-in' && safeHost(other.url) === match.host)) return undefined;

  const origin = new URL(session.url).origin;
  const [signOutUrl, downloads, cleared] = await Promise.all([deps.signOutUrl(match), deps.downloadsFrom(match).catch(() => undefined), mode.clearSiteData ? deps.clearSiteData(origin).catch(() => false) : false]);
  const message = [
    cleared ? t('notification.signedIn.cleared', { host: match.host }) : t('notification.signedIn.signOut'),
    downloads ? t('notification.signedIn.downloads', downloads, { count: formatNumber(downloads) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const id = `${NOTIFICATION_PREFIX}${match.portal.id}`;
  const notification = await deps.notify(id, t('notification.signedIn.title', { portal: match.displayName }), message).catch((): ReminderNotification => 'failed');
  const reminder: SignOutReminder = {
    id,
    portalId: match.portal.id,
    host: match.host,
    displayName: match.displayName,
    ...(signOutUrl ? { signOutUrl } : {}),
    at: deps.now(),
    how,
    notification,
    clearedSiteData: cleared,
    ...(downloads !== undefined ? { downloads } : {}),
  };
  // One per portal: a newer reminder replaces the older one, as the notification does.
  await updateItem(signOutReminders, (list) => [...list.filter((item) => item.id !== id), reminder].slice(-50));
  return reminder;
}

/** Where the reminder's click goes: the portal's named sign-out page, else its home page, else its root. */
async function signOutUrlFor(match: PortalMatch): Promise<string | undefined> {
  const custom = (await currentPortals()).custom.find(({ portal }) => portal.id === match.portal.id);
  return custom?.input.signOutUrl ?? match.portal.homeUrl ?? `https://${match.host}/`;
}

// Chrome has no `notifications` at all until the optional permission is granted, and Firefox has no buttons.
type NotificationsApi = Pick<typeof browser.notifications, 'create' | 'clear' | 'onClicked'> & Partial<Pick<typeof browser.notifications, 'onButtonClicked'>>;

const notificationsApi = (): NotificationsApi | undefined => browser.notifications;

// WXT's types are Chrome's; Firefox filters by `hostnames` where Chrome takes `origins`.
type BrowsingDataApi = { remove(options: Browser.browsingData.RemovalOptions & { hostnames?: string[] }, types: Browser.browsingData.DataTypeSet): Promise<void> };

async function notify(id: string, title: string, message: string): Promise<ReminderNotification> {
  const api = notificationsApi();
  if (!api || !(await browser.permissions.contains({ permissions: ['notifications'] }))) return 'no-permission';
  // Firefox has no notification buttons; a click on the notification does the same.
  const buttons = import.meta.env.BROWSER === 'firefox' ? {} : { buttons: [{ title: t('notification.signedIn.button') }] };
  await api.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message, ...buttons });
  return 'shown';
}

async function clearSiteData(origin: string): Promise<boolean> {
  if (!(await browser.permissions.contains({ permissions: ['browsingData'] }))) return false;
  const data: BrowsingDataApi | undefined = browser.browsingData;
  if (!data) return false;
  // Chrome filters by origin; Firefox by host name (and only for some kinds of data).
  if (import.meta.env.BROWSER === 'firefox') await data.remove({ hostnames: [new URL(origin).hostname] }, { cookies: true, localStorage: true });
  else await data.remove({ origins: [origin] }, { cookies: true, localStorage: true, indexedDB: true, cacheStorage: true, serviceWorkers: true, fileSystems: true });
  return true;
}

async function downloadsFrom(match: PortalMatch): Promise<number | undefined> {
  if (!(await browser.permissions.contains({ permissions: ['downloads'] }))) return undefined;
  const since = await browserSessionStart();
  const index = (await currentPortals()).index;
  return (await listPortalDownloads(index, browser)).filter((download) => download.host === match.host && download.exists && Date.parse(download.startTime) >= since).length;
}

/** When this browser session started, as far as the extension knows: the first background start since. */
async function browserSessionStart(now = Date.now()): Promise<number> {
  const stored = await readItem(sharedComputerSessionStart);
  if (stored !== null) return stored;
  await writeItem(sharedComputerSessionStart, now);
  return now;
}

const defaultDeps: SharedComputerDeps = {
  settings: async () => {
    const [{ policy }, prefs] = await Promise.all([currentPolicy(), readItem(sharedComputer)]);
    return { on: sharedComputerSetting(policy, prefs.enabled).on, clearSiteData: prefs.clearSiteData };
  },
  index: async () => (await currentPortals()).index,
  signOutUrl: signOutUrlFor,
  otherSessions: allTabSessions,
  notify,
  clearSiteData,
  downloadsFrom,
  now: Date.now,
};

export interface SharedComputerWatch {
  /** A tab closed or started loading a new document; `session` is what it held (already forgotten). */
  tabLeft(tabId: number, session: TabSession | undefined, how: 'closed' | 'loading'): void;
  stop(): void;
}

/**
 * Watch tabs for portal sessions left signed in. `tabLeft` is called by the tab lifecycle in
 * start.ts (which forgets the tab's session and hands it over); page loads and new reports are
 * watched here. Notification clicks open the reminder's sign-out page.
 */
export function watchSharedComputer({ deps = defaultDeps, tabs = browser.tabs, setTimer = setTimeout, clearTimer = clearTimeout, clicks = listenForClicks } = {}): SharedComputerWatch {
  const pending = new Map<number, { session: TabSession; timer?: ReturnType<typeof setTimeout> }>();
  const settle = (tabId: number) => {
    const entry = pending.get(tabId);
    if (entry?.timer !== undefined) clearTimer(entry.timer);
    pending.delete(tabId);
    return entry;
  };

  const decideAfter = (tabId: number, ms: number) => {
    const entry = pending.get(tabId);
    if (!entry) return;
    if (entry.timer !== undefined) clearTimer(entry.timer);
    entry.timer = setTimer(() => {
      const left = settle(tabId);
      if (left) void remindIfSignedIn(left.session, 'navigated', deps).catch(() => {});
    }, ms);
  };
  // Tabs whose latest document has finished loading. start.ts hands a tab over only after an
  // async storage step, so under load the new page's 'complete' can come first: it used to be
  // lost, the 15 s fallback decided instead, and the e2e run saw the tab closed before that
  // (shared-computer.e2e.ts, "left the portal"). Remembering it lets the hand-over start the 3 s wait.
  const loaded = new Set<number>();
  const onUpdated = (tabId: number, change: { status?: string }) => {
    if (change.status === 'loading') loaded.delete(tabId);
    if (change.status !== 'complete') return;
    loaded.add(tabId);
    decideAfter(tabId, LEFT_PORTAL_AFTER_MS);
  };
  // A new report from the same portal host in that tab: the patient is still there.
  const unwatchReports = tabSessions.item.watch((all) => {
    for (const [tabId, entry] of pending) {
      const now = tabSessions.read(all)?.[String(tabId)];
      if (now && safeHost(now.url) === safeHost(entry.session.url)) settle(tabId);
    }
  });
  tabs.onUpdated.addListener(onUpdated);

  const stopClicks = clicks();
  return {
    tabLeft(tabId, session, how) {
      const earlier = settle(tabId);
      if (how === 'closed') {
        // A tab that closes while its navigation away was pending left the portal all the same.
        void remindIfSignedIn(session ?? earlier?.session, 'closed', deps).catch(() => {});
      } else if (session?.state === 'signed-in') {
        pending.set(tabId, { session });
        decideAfter(tabId, loaded.has(tabId) ? LEFT_PORTAL_AFTER_MS : LEFT_PORTAL_FALLBACK_MS);
      }
    },
    stop() {
      for (const tabId of [...pending.keys()]) settle(tabId);
      loaded.clear();
      unwatchReports();
      tabs.onUpdated.removeListener(onUpdated);
      stopClicks();
    },
  };
}

/** Open the sign-out page when a reminder (or its button) is clicked. Attached again once the permission arrives. */
function listenForClicks(): () => void {
  let attached: NotificationsApi | undefined;
  const open = (id: string) => {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    void (async () => {
      const reminder = (await readItem(signOutReminders)).find((item) => item.id === id);
      if (reminder?.signOutUrl) await browser.tabs.create({ url: reminder.signOutUrl });
      await attached?.clear(id);
    })().catch(() => {});
  };
  const attach = () => {
    const api = notificationsApi();
    if (!api || attached) return;
    attached = api;
    api.onClicked.addListener(open);
    api.onButtonClicked?.addListener(open);
  };
  attach();
  const onAdded = () => attach();
  browser.permissions?.onAdded?.addListener(onAdded);
  return () => {
    browser.permissions?.onAdded?.removeListener(onAdded);
    attached?.onClicked.removeListener(open);
    attached?.onButtonClicked?.removeListener(open);
  };
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
