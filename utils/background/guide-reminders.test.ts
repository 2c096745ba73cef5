import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getGuide, updateGuide } from '../state/guide-progress';
import { parsePolicy } from '../policy/schema';
import { RIVERSIDE_POLICY } from '../policy/fixtures';
import { catalogueIndex, type PortalIndex } from '../portals';
import { buildCurrentPortals } from '../state/current-portals';
import { readItem, settings, writeItem } from '../state/storage';
import { guidePageUrl } from '../pages';
import { REMINDER_ALARM, checkReminders, startGuideReminders, type ReminderDeps } from './guide-reminders';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1, 9);

function deps(now: number, { granted = true, index = catalogueIndex }: { granted?: boolean; index?: PortalIndex } = {}): ReminderDeps & { create: ReturnType<typeof vi.fn> } {
  const create = vi.fn(async () => 'id');
  const notifications = { create, clear: vi.fn(async () => true), onClicked: { addListener: vi.fn(), removeListener: vi.fn() } };
  return { now: () => now, notifications: () => (granted ? (notifications as never) : undefined), canNotify: async () => granted, index: async () => index, create };
}

async function reminders(days: number | null) {
  await writeItem(settings, { ...(await readItem(settings)), guideReminderDays: days });
}

describe('the one reminder about an unfinished guide', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is off unless the patient asked for it', async () => {
    await updateGuide('managemyhealth', { type: 'open', host: 'portal.managemyhealth.co.nz' }, T0);
    const off = deps(T0 + 30 * DAY);
    expect(await checkReminders(off)).toEqual([]);
    expect(off.create).not.toHaveBeenCalled();
  });

  it('is not shown without the notifications permission', async () => {
    await reminders(7);
    await updateGuide('managemyhealth', { type: 'open' }, T0);
    expect(await checkReminders(deps(T0 + 30 * DAY, { granted: false }))).toEqual([]);
  });

  it('shows once after N quiet days, names the portal, and never again for this run', async () => {
    await reminders(7);
    await updateGuide('managemyhealth', { type: 'open', host: 'portal.managemyhealth.co.nz' }, T0);
    await updateGuide('epic-mychart', { type: 'open', host: 'mychart.clevelandclinic.org' }, T0 + 5 * DAY);
    const day8 = deps(T0 + 8 * DAY);
    expect(await checkReminders(day8)).toEqual(['managemyhealth']);
    expect(day8.create).toHaveBeenCalledWith('portal-guard-guide:managemyhealth', expect.objectContaining({ type: 'basic', title: 'Portal Guard: your password guide', message: expect.stringContaining('your Manage My Health account 8 days ago') }));
    const day30 = deps(T0 + 30 * DAY);
    expect(await checkReminders(day30)).toEqual(['epic-mychart']);
    expect(day30.create.mock.calls[0]?.[1]).toMatchObject({ message: expect.stringContaining('Cleveland Clinic’s MyChart') });
    expect(await checkReminders(deps(T0 + 90 * DAY))).toEqual([]);
    expect((await getGuide('managemyhealth'))?.reminderSentAt).toBe(T0 + 8 * DAY);
  });

  it('never reminds about a finished guide', async () => {
    await reminders(3);
    await updateGuide('managemyhealth', { type: 'open' }, T0);
    for (const step of ['change-password', 'two-step', 'reused-passwords', 'account-access', 'stay-alert'] as const) await updateGuide('managemyhealth', { type: 'mark', step, status: 'done' }, T0);
    await updateGuide('managemyhealth', { type: 'finish' }, T0);
    expect(await checkReminders(deps(T0 + 30 * DAY))).toEqual([]);
  });

  it('keeps its alarm only while reminders are on', async () => {
    const stop = startGuideReminders({ deps: deps(T0) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await browser.alarms.get(REMINDER_ALARM)).toBeFalsy();
    await reminders(7);
    await vi.waitFor(async () => expect(await browser.alarms.get(REMINDER_ALARM)).toMatchObject({ periodInMinutes: 360 }));
    await reminders(null);
    await vi.waitFor(async () => expect(await browser.alarms.get(REMINDER_ALARM)).toBeFalsy());
    stop();
  });

  it('a click on the notification opens that portal’s guide', async () => {
    await updateGuide('managemyhealth', { type: 'open', host: 'portal.managemyhealth.co.nz' }, T0);
    const reminderDeps = deps(T0);
    const tabs = { create: vi.fn(async () => ({}) as never) };
    const stop = startGuideReminders({ deps: reminderDeps, tabs });
    const notifications = reminderDeps.notifications()!;
    const [listener] = (notifications.onClicked.addListener as ReturnType<typeof vi.fn>).mock.calls[0] as [(id: string) => void];
    listener('someone-else:managemyhealth');
    listener('portal-guard-guide:managemyhealth');
    await vi.waitFor(() => expect(tabs.create).toHaveBeenCalledTimes(1));
    expect(tabs.create).toHaveBeenCalledWith({ url: guidePageUrl({ portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz' }) });
    stop();
  });
});

describe('the reminder for a portal the catalogue does not list', () => {
  beforeEach(() => fakeBrowser.reset());
  const withRiverside = buildCurrentPortals(parsePolicy(RIVERSIDE_POLICY).policy, []).index;

  it('names the clinic’s portal while the policy lists it, and stays quiet once the policy drops it', async () => {
    await reminders(7);
    await updateGuide('riverside-myindici', { type: 'open', host: 'riverside.myindici.co.nz' }, T0);
    expect(await checkReminders(deps(T0 + 30 * DAY, { index: catalogueIndex }))).toEqual([]);
    const listed = deps(T0 + 30 * DAY, { index: withRiverside });
    expect(await checkReminders(listed)).toEqual(['riverside-myindici']);
    expect(listed.create.mock.calls[0]?.[1]).toMatchObject({ message: expect.stringContaining('your Riverside Medical Centre patient portal account 30 days ago') });
  });
});
