import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { customPortals, guideProgress, noticeDismissals, portalAccounts, readItem, remediationProgress, signOutReminders, tabSessions, trackerSightings, updateItem, type RegisteredItem } from './storage';

/**
 * Issue 14, item 2: one bad entry in a record (or a list) must not wipe the patient's other
 * entries. Each row stores `{a: valid, b: bad}` the way a tampered profile, a bug or an older
 * build could, then makes ONE ordinary update, and checks that `a` and the new entry survive.
 */

type Row = {
  item: RegisteredItem<unknown>;
  area: 'local' | 'session';
  stored: unknown;
  update: (current: never) => unknown;
  expected: unknown;
};

const GREENLANE = { id: 'user-greenlane', name: 'Greenlane Clinic MyChart', country: 'NZ', hosts: ['mychart.greenlaneclinic.co.nz'] };
const RIVERSIDE = { id: 'riverside-myindici', name: 'Riverside Medical Centre', country: 'NZ', hosts: ['riverside.myindici.co.nz'] };
const REMINDER = { id: 'portal-guard-signout:managemyhealth', portalId: 'managemyhealth', host: 'portal.managemyhealth.co.nz', displayName: 'Manage My Health', at: Date.UTC(2026, 10, 28, 1), how: 'closed', notification: 'shown', clearedSiteData: false };
const SESSION = { state: 'signed-in', evidence: ['logout-control'], detectedAt: Date.UTC(2026, 10, 28, 1), url: 'https://portal.managemyhealth.co.nz/' };
const SIGHTING = { tracker: 'meta-pixel', vendor: 'Meta', product: 'Pixel', host: 'www.facebook.com', params: ['dl', 'ev'], firstSeen: Date.UTC(2026, 10, 28, 1), lastSeen: Date.UTC(2026, 10, 28, 2) };
const GUIDE = { startedAt: Date.UTC(2026, 10, 1), updatedAt: Date.UTC(2026, 10, 2), steps: { 'change-password': { status: 'done', at: Date.UTC(2026, 10, 2) } }, reusedSites: [] };

const rows: [string, Row][] = [
  ['noticeDismissals', {
    item: noticeDismissals as RegisteredItem<unknown>, area: 'local',
    stored: { 'nz-managemyhealth-2025-12': '2026-01-05', 'uk-systmonline-2026': 'not-a-date' },
    update: (all: Record<string, string>) => ({ ...all, 'au-mychart-2026-03': '2026-03-20' }),
    expected: { 'nz-managemyhealth-2025-12': '2026-01-05', 'au-mychart-2026-03': '2026-03-20' },
  }],
  ['portalAccounts (password-changed dates)', {
    item: portalAccounts as RegisteredItem<unknown>, area: 'local',
    stored: { managemyhealth: { passwordChangedOn: '2026-01-10' }, systmonline: { passwordChangedOn: 'not-a-date' } },
    update: (all: Record<string, unknown>) => ({ ...all, 'mychart-cleveland': { passwordChangedOn: '2026-02-01' } }),
    expected: { managemyhealth: { passwordChangedOn: '2026-01-10' }, 'mychart-cleveland': { passwordChangedOn: '2026-02-01' } },
  }],
  ['remediationProgress (a bad step inside one notice)', {
    item: remediationProgress as RegisteredItem<unknown>, area: 'local',
    stored: { 'nz-managemyhealth-2025-12': { password: 'done', medical: 'maybe' }, 'uk-systmonline-2026': 'not-a-record' },
    update: (all: Record<string, Record<string, string>>) => ({ ...all, 'au-mychart-2026-03': { contact: 'skipped' } }),
    expected: { 'nz-managemyhealth-2025-12': { password: 'done' }, 'au-mychart-2026-03': { contact: 'skipped' } },
  }],
  ['guideProgress', {
    item: guideProgress as RegisteredItem<unknown>, area: 'local',
    stored: { managemyhealth: GUIDE, systmonline: { ...GUIDE, startedAt: 'not-a-date' } },
    update: (all: Record<string, unknown>) => ({ ...all, 'mychart-cleveland': { ...GUIDE, steps: {} } }),
    expected: { managemyhealth: GUIDE, 'mychart-cleveland': { ...GUIDE, steps: {} } },
  }],
  ['customPortals (the patient’s portals)', {
    item: customPortals as RegisteredItem<unknown>, area: 'local',
    stored: [GREENLANE, { ...GREENLANE, id: 'Not Kebab', hosts: [] }],
    update: (list: unknown[]) => [...list, RIVERSIDE],
    expected: [GREENLANE, RIVERSIDE],
  }],
  ['signOutReminders', {
    item: signOutReminders as RegisteredItem<unknown>, area: 'session',
    stored: [REMINDER, { ...REMINDER, id: 'portal-guard-signout:systmonline', at: 'not-a-date' }],
    update: (list: unknown[]) => [...list, { ...REMINDER, id: 'portal-guard-signout:mychart-cleveland', portalId: 'mychart-cleveland' }],
    expected: [REMINDER, { ...REMINDER, id: 'portal-guard-signout:mychart-cleveland', portalId: 'mychart-cleveland' }],
  }],
  ['trackerSightings (a bad sighting inside one portal)', {
    item: trackerSightings as RegisteredItem<unknown>, area: 'local',
    // A stored URL is refused: sightings hold a host and parameter names, never an address.
    stored: { managemyhealth: [SIGHTING, { ...SIGHTING, host: 'https://www.facebook.com/tr?dl=x' }], systmonline: 'not-a-list' },
    update: (all: Record<string, unknown>) => ({ ...all, 'mychart-cleveland': [{ ...SIGHTING, tracker: 'google-analytics', vendor: 'Google', product: 'Analytics', host: 'www.google-analytics.com', params: ['dl', 'dt'] }] }),
    expected: { managemyhealth: [SIGHTING], 'mychart-cleveland': [{ ...SIGHTING, tracker: 'google-analytics', vendor: 'Google', product: 'Analytics', host: 'www.google-analytics.com', params: ['dl', 'dt'] }] },
  }],
  ['tabSessions', {
    item: tabSessions as RegisteredItem<unknown>, area: 'session',
    stored: { 12: SESSION, 13: { ...SESSION, detectedAt: 'not-a-date' } },
    update: (all: Record<string, unknown>) => ({ ...all, 14: { ...SESSION, state: 'login' } }),
    expected: { 12: SESSION, 14: { ...SESSION, state: 'login' } },
  }],
];

const keyOf = (item: RegisteredItem<unknown>) => item.key.slice(item.key.indexOf(':') + 1);

describe.each(rows)('%s: one bad entry never wipes the others', (_name, { item, area, stored, update, expected }) => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the valid entries and drops only the bad one', async () => {
    await fakeBrowser.storage[area].set({ [keyOf(item)]: stored });
    // The expected value minus the entry the update adds (always the last one).
    const kept = Array.isArray(expected) ? expected.slice(0, -1) : Object.fromEntries(Object.entries(expected as object).slice(0, -1));
    expect({ ...(await readItem(item)) as object }).toEqual(Array.isArray(expected) ? { ...kept } : kept);
  });

  it('keeps them through one update', async () => {
    await fakeBrowser.storage[area].set({ [keyOf(item)]: stored });
    await updateItem(item, update as (current: unknown) => unknown);
    expect((await fakeBrowser.storage[area].get(keyOf(item)))[keyOf(item)]).toEqual(expected);
  });
});

describe('a value read from the fallback is never written back', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['noticeDismissals stored as a string', 'local', 'noticeDismissals', 'nz-managemyhealth-2025-12=2026-01-05', () => updateItem(noticeDismissals, (all) => ({ ...all, 'au-mychart-2026-03': '2026-03-20' }))],
    ['customPortals stored as an object', 'local', 'customPortals', { 0: GREENLANE }, () => updateItem(customPortals, (list) => [...list, RIVERSIDE as never])],
    ['settings from a future build', 'local', 'settings', { noticeWindowMonths: 'twelve', breachCheck: true, guideReminderDays: 7 }, async () => {
      const { settings } = await import('./storage');
      await updateItem(settings, (current) => ({ ...current, noticeWindowMonths: 24 }));
    }],
  ] as const)('%s: the update is refused with a reason and the stored value stays', async (_name, area, key, stored, update) => {
    await fakeBrowser.storage[area].set({ [key]: stored });
    await expect(update()).rejects.toThrow(/could not be read/);
    expect((await fakeBrowser.storage[area].get(key))[key]).toEqual(stored);
  });
});

describe('a change that changes nothing writes nothing', () => {
  beforeEach(() => fakeBrowser.reset());

  // Every page load in every tab asks the background to forget that tab's session
  // (utils/background/tab-sessions.ts takeTab), and almost no tab has one: those must not each
  // cost a storage write, which the popup's answer would then wait behind.
  it('leaves storage alone when the change hands back what it was given', async () => {
    await fakeBrowser.storage.session.set({ tabSessions: { 12: SESSION } });
    const writes: unknown[] = [];
    fakeBrowser.storage.session.onChanged.addListener((change) => writes.push(change));
    // As takeTab does for a tab that had no session.
    await updateItem(tabSessions, (all) => all);
    expect(writes).toEqual([]);
    await updateItem(tabSessions, ({ 12: _gone, ...rest }) => rest);
    expect(writes).toHaveLength(1);
    expect((await fakeBrowser.storage.session.get('tabSessions')).tabSessions).toEqual({});
  });
});
