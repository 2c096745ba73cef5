import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sender } from '../messaging/listen';
import { dispatch } from '../messaging/listen';
import { forgetPolicy } from '../policy/managed';
import { readItem, trackerAuditPrefs, trackerSightings, writeItem } from '../state/storage';
import { onSessionReport } from './session-report';
import { setTabSession } from './tab-sessions';
import { summariseSightings } from '../trackers/summary';
import { onTrackerReport, portalTrackers, recordSightings, trackerDomainsFor } from './tracker-audit';

const PORTAL = 'https://portal.managemyhealth.co.nz/dashboard';
const sender = (url = PORTAL, tabId = 11): Sender => ({ id: 'x', tab: { id: tabId, index: 0 } as Sender['tab'], frameId: 0, url });
const signedIn = (tabId = 11, url = PORTAL) => setTabSession(tabId, { state: 'signed-in', evidence: ['logout-control'], detectedAt: 1, url });
const on = async () => true;

// What the content script sends for the fixture's two tracker requests (tracker-audit.e2e.ts).
const META = { host: 'www.facebook.com', params: ['cd[content_name]', 'dl', 'ev', 'id'] };
const GA = { host: 'www.google-analytics.com', params: ['cid', 'dl', 'dt', 'en', 'ep.portal_section', 'tid', 'v'] };
const DAY1 = Date.UTC(2026, 11, 1, 1);
const DAY2 = Date.UTC(2026, 11, 3, 4);

describe('onTrackerReport', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    forgetPolicy();
  });

  it('keeps vendor, host, content parameter names and dates for the sender’s portal, never a URL or a value', async () => {
    await signedIn();
    expect(await onTrackerReport({ requests: [META, GA] }, sender(), { now: () => DAY1, on })).toEqual({ ok: true, recorded: 2 });
    const stored = await readItem(trackerSightings);
    expect(stored.managemyhealth).toEqual([
      { tracker: 'google-analytics', vendor: 'Google', product: 'Analytics', host: 'www.google-analytics.com', params: ['dl', 'dt', 'en', 'ep.portal_section'], firstSeen: DAY1, lastSeen: DAY1 },
      { tracker: 'meta-pixel', vendor: 'Meta', product: 'Pixel', host: 'www.facebook.com', params: ['cd[content_name]', 'dl', 'ev'], firstSeen: DAY1, lastSeen: DAY1 },
    ]);
    // Seen again two days later: first seen stays, last seen moves, names merge.
    await onTrackerReport({ requests: [{ host: 'www.facebook.com', params: ['ev', 'rl'] }] }, sender(), { now: () => DAY2, on });
    const meta = (await readItem(trackerSightings)).managemyhealth!.find((sighting) => sighting.tracker === 'meta-pixel');
    expect(meta).toMatchObject({ params: ['cd[content_name]', 'dl', 'ev', 'rl'], firstSeen: DAY1, lastSeen: DAY2 });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toMatch(/https?:|tracked|Lab results/);
  });

  it.each<[string, () => Promise<void>, Sender, { requests: { host: string; params: string[] }[] }, () => Promise<boolean>]>([
    ['the tab is on the sign-in page', () => setTabSession(11, { state: 'login', evidence: ['password-field'], detectedAt: 1, url: PORTAL }), sender(), { requests: [META] }, on],
    ['the tab never reported', async () => {}, sender(), { requests: [META] }, on],
    ['the audit is off', () => signedIn(), sender(), { requests: [META] }, async () => false],
    ['the sender is not a portal', () => signedIn(11, 'https://www.example-clinic.org/'), sender('https://www.example-clinic.org/'), { requests: [META] }, on],
    ['the host is not on our list (the page chose it)', () => signedIn(), sender(), { requests: [{ host: 'cdn.managemyhealth.co.nz', params: ['dl'] }, { host: 'fonts.gstatic.com', params: [] }] }, on],
    ['the host is the portal’s own', () => signedIn(), sender(), { requests: [{ host: 'portal.managemyhealth.co.nz', params: ['dl'] }] }, on],
  ])('records nothing when %s', async (_label, setup, from, request, audit) => {
    await setup();
    expect(await onTrackerReport(request, from, { now: () => DAY1, on: audit })).toEqual({ ok: true, recorded: 0 });
    expect(await readItem(trackerSightings)).toEqual({});
  });

  it('refuses a URL or a value in the message before any handler runs', async () => {
    await signedIn();
    const handlers = { 'cs-bg/trackers': (request: never, from: Sender) => onTrackerReport(request, from, { on }) };
    const extension = { id: 'x', origin: 'chrome-extension://x/' };
    for (const requests of [[{ host: 'https://www.facebook.com/tr?dl=x', params: [] }], [{ host: 'www.facebook.com', params: ['dl=https://portal.managemyhealth.co.nz/'] }], [{ host: 'www.facebook.com', params: [], url: 'https://www.facebook.com/tr' }]]) {
      const reply = await dispatch({ name: 'cs-bg/trackers', payload: { requests } }, sender(), handlers as never, extension);
      expect(reply.ok).toBe(false);
    }
    expect(await readItem(trackerSightings)).toEqual({});
  });
});

describe('the switch and the policy', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    forgetPolicy();
  });

  it.each<[string, boolean, Record<string, unknown>, boolean]>([
    ['on by default', true, {}, true],
    ['the patient switched it off', false, {}, false],
    ['the organisation switched it off', true, { trackerAudit: false }, false],
    ['the organisation switched it on', false, { trackerAudit: true }, true],
  ])('%s: the signed-in session reply carries the domains: %s', async (_label, patient, policy, expected) => {
    await writeItem(trackerAuditPrefs, { enabled: patient });
    await fakeBrowser.storage.managed.set(policy);
    const domains = await trackerDomainsFor('signed-in');
    expect(domains !== undefined).toBe(expected);
    if (domains) expect(domains.domains).toEqual(expect.arrayContaining(['facebook.com', 'google-analytics.com']));
  });

  it.each(['login', 'signed-out', 'unknown'])('a %s page gets no domains', async (state) => {
    expect(await trackerDomainsFor(state, { on })).toBeUndefined();
  });

  it('the session reply carries them only for a signed-in page', async () => {
    const deps = { badge: async () => {}, notices: async () => ({ relevant: [], others: [], active: undefined }), probe: async () => false };
    const signedInReply = await onSessionReport({ state: 'signed-in', evidence: ['logout-control'], path: '/dashboard' }, sender(), deps);
    expect(signedInReply.trackers?.domains).toContain('facebook.com');
    const loginReply = await onSessionReport({ state: 'login', evidence: ['password-field'], path: '/' }, sender(), deps);
    expect(loginReply.trackers).toBeUndefined();
  });
});

describe('recordSightings and summariseSightings', () => {
  const base = { tracker: 'meta-pixel', vendor: 'Meta', product: 'Pixel', host: 'www.facebook.com', params: ['dl'] };

  it('caps a portal’s list, dropping the least recently seen', () => {
    let list = recordSightings([], [base], DAY1);
    for (let index = 0; index < 60; index++) list = recordSightings(list, [{ ...base, host: `h${index}.facebook.com` }], DAY2 + index);
    expect(list).toHaveLength(40);
    expect(list.some((sighting) => sighting.host === 'www.facebook.com')).toBe(false);
  });

  it('gives the popup one line per vendor and product, hosts and names merged', async () => {
    const sightings = [
      { ...base, firstSeen: DAY2, lastSeen: DAY2 },
      { ...base, host: 'connect.facebook.net', params: [], firstSeen: DAY1, lastSeen: DAY1 },
      { tracker: 'google-analytics', vendor: 'Google', product: 'Analytics', host: 'www.google-analytics.com', params: ['dt'], firstSeen: DAY2, lastSeen: DAY2 },
    ];
    expect(summariseSightings(sightings)).toEqual([
      { vendor: 'Meta', product: 'Pixel', hosts: ['connect.facebook.net', 'www.facebook.com'], params: ['dl'], firstSeen: DAY1, lastSeen: DAY2 },
      { vendor: 'Google', product: 'Analytics', hosts: ['www.google-analytics.com'], params: ['dt'], firstSeen: DAY2, lastSeen: DAY2 },
    ]);
    await writeItem(trackerSightings, { managemyhealth: sightings });
    expect(await portalTrackers('managemyhealth')).toHaveLength(2);
    expect(await portalTrackers('constructor')).toEqual([]);
  });
});
