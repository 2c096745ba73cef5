import { browser, type Browser } from 'wxt/browser';
import { formatNumber } from '../i18n/format';
import { t } from '../i18n/t';
import { allGuides, updateGuide } from '../state/guide-progress';
import { reminderDue, type GuideProgress } from '../guide/state';
import { guidePageUrl } from '../pages';
import type { PortalIndex } from '../portals';
import { portalIndex } from '../state/current-portals';
import { readItem, settings } from '../state/storage';

/**
 * The password guide's one reminder, only if the patient asked for it: a single notification per
 * guide run, once it has sat unfinished for N days (`reminderDue`). There is no schedule of
 * "change your password" nags; a finished guide is never reminded about.
 *
 * The alarm only exists while reminders are on; it wakes the background a few times a day to
 * look, which costs nothing when no guide is due. A click on the notification opens the guide.
 */

export const REMINDER_ALARM = 'guide-reminder';
export const REMINDER_CHECK_MINUTES = 6 * 60;
const NOTIFICATION_PREFIX = 'portal-guard-guide:';

type Notifications = Pick<typeof browser.notifications, 'create' | 'clear' | 'onClicked'>;

export interface ReminderDeps {
  now: () => number;
  /** Undefined while the optional `notifications` permission is not granted (Chrome). */
  notifications: () => Notifications | undefined;
  canNotify: () => Promise<boolean>;
  /** The portals recognised now, so a guide for a clinic's or the patient's own portal is named and opened too. */
  index: () => Promise<PortalIndex>;
}

const defaultDeps: ReminderDeps = {
  now: Date.now,
  notifications: (): Notifications | undefined => browser.notifications,
  canNotify: () => browser.permissions.contains({ permissions: ['notifications'] }),
  index: portalIndex,
};

export function reminderMessage(portalId: string, progress: GuideProgress, now: number, index: Pick<PortalIndex, 'lookupHost' | 'byId'>): { title: string; message: string } {
  const name = (progress.host && index.lookupHost(progress.host)?.displayName) || index.byId(portalId)?.name;
  const days = Math.floor((now - progress.updatedAt) / 86_400_000);
  const count = formatNumber(days);
  return {
    title: t('notification.guide.title'),
    message: name ? t('notification.guide.message', days, { portal: name, count }) : t('notification.guide.messageNoName', days, { count }),
  };
}

/** Show the reminders that are due now and record them, so none is shown twice. */
export async function checkReminders(deps: ReminderDeps = defaultDeps): Promise<string[]> {
  const { guideReminderDays } = await readItem(settings);
  const notifications = deps.notifications();
  if (guideReminderDays === null || !notifications || !(await deps.canNotify())) return [];
  const now = deps.now();
  const index = await deps.index();
  const shown: string[] = [];
  for (const [portalId, progress] of Object.entries(await allGuides())) {
    // A portal that was removed (the policy dropped it, the patient deleted it) is not reminded about.
    if (!reminderDue(progress, now, guideReminderDays) || !index.byId(portalId)) continue;
    await notifications.create(`${NOTIFICATION_PREFIX}${portalId}`, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), ...reminderMessage(portalId, progress, now, index) });
    await updateGuide(portalId, { type: 'reminder-sent' }, now);
    shown.push(portalId);
  }
  return shown;
}

export interface StartRemindersOptions {
  alarms?: typeof browser.alarms;
  tabs?: Pick<typeof browser.tabs, 'create'>;
  deps?: ReminderDeps;
}

/** Keep the alarm in step with the setting, check on the alarm, open the guide on a click. */
export function startGuideReminders({ alarms = browser.alarms, tabs = browser.tabs, deps = defaultDeps }: StartRemindersOptions = {}): () => void {
  const onAlarm = (alarm: Browser.alarms.Alarm) => {
    if (alarm.name === REMINDER_ALARM) void checkReminders(deps).catch(() => {});
  };
  alarms.onAlarm.addListener(onAlarm);

  const sync = async (days: number | null) => {
    const existing = await alarms.get(REMINDER_ALARM);
    if (days === null && existing) await alarms.clear(REMINDER_ALARM);
    if (days !== null && !existing) await alarms.create(REMINDER_ALARM, { periodInMinutes: REMINDER_CHECK_MINUTES, delayInMinutes: 1 });
  };
  void readItem(settings).then((current) => sync(current.guideReminderDays)).catch(() => {});
  const unwatch = settings.item.watch((next) => void sync(next?.guideReminderDays ?? null).catch(() => {}));

  // Registered at start-up (an MV3 worker woken by the click must find it at once), and only when
  // the API exists: without the permission Chrome has no `notifications` at all.
  const notifications = deps.notifications();
  const onClicked = (id: string) => {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    const portalId = id.slice(NOTIFICATION_PREFIX.length);
    void Promise.all([allGuides(), deps.index()]).then(([guides, index]) => {
      if (!index.byId(portalId)) return;
      void tabs.create({ url: guidePageUrl({ portal: portalId, host: guides[portalId]?.host }) });
      void notifications?.clear(id);
    });
  };
  notifications?.onClicked.addListener(onClicked);

  return () => {
    alarms.onAlarm.removeListener(onAlarm);
    unwatch();
    notifications?.onClicked.removeListener(onClicked);
  };
}
