import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CATALOGUE } from '../portals/catalogue';
import type { Portal } from '../portals/schema';
import { buildCurrentPortals, portalIndex } from '../state/current-portals';
import { customPortals, readItem, writeItem } from '../state/storage';
import { freshExtension } from '../../test/fresh-extension';
import { tabStatus } from './tab-status';
import { getTabSession } from './tab-sessions';
import { onWatchPortal, waitForGrant } from './watch-portal';

const mychart = (CATALOGUE as readonly Portal[]).find((portal) => portal.id === 'epic-mychart')!;
const granted = { granted: vi.fn(async () => true) };
const status = (url: string) => tabStatus({ tabId: 5, url }, { getSession: getTabSession, getFeed: () => Promise.reject(new Error('no feed')), now: () => new Date('2026-11-28T09:00:00Z') });
const EXISTING = { id: 'user-greenlane', name: 'Greenlane Clinic MyChart', country: 'NZ' as const, hosts: ['mychart.greenlaneclinic.co.nz'] };

describe('"Watch this portal" in the background', () => {
  beforeEach(async () => {
    freshExtension();
    await writeItem(customPortals, [EXISTING]);
  });

  it('stores an unlisted MyChart tenant as the patient’s portal on that platform', async () => {
    expect(await onWatchPortal({ host: 'mychart.uwhealth.org', platformId: 'epic-mychart' }, granted)).toEqual({ status: 'watching', portalId: 'watch-mychart-uwhealth-org', name: 'MyChart (uwhealth.org)' });
    expect(granted.granted).toHaveBeenCalledWith('https://mychart.uwhealth.org/*', 120_000);
    expect((await readItem(customPortals))[1]).toEqual({
      id: 'watch-mychart-uwhealth-org',
      name: 'MyChart (uwhealth.org)',
      operator: 'the owner of uwhealth.org, using MyChart',
      country: 'US',
      hosts: ['mychart.uwhealth.org'],
      homeUrl: 'https://mychart.uwhealth.org/',
      platform: 'epic-mychart',
    });
    const lookup = (await portalIndex()).lookupUrl('https://mychart.uwhealth.org/MyChart/Authentication/Login');
    if (lookup.kind !== 'portal') throw new Error('the watched host is not recognised');
    expect(lookup.match.portal).toMatchObject({ addedBy: 'user', platform: 'epic-mychart', account: mychart.account, signals: mychart.signals });
  });

  it('then shows in the popup marked as added by the patient, with the platform’s guide', async () => {
    await onWatchPortal({ host: 'mychart.uwhealth.org', platformId: 'epic-mychart' }, granted);
    const found = await status('https://mychart.uwhealth.org/MyChart/Authentication/Login');
    expect(found).toMatchObject({ lookup: 'portal', portal: { id: 'watch-mychart-uwhealth-org', displayName: 'MyChart (uwhealth.org)', addedBy: 'user', host: 'mychart.uwhealth.org' } });
  });

  it.each([
    ['a look-alike of a catalogue address', { host: 'mychart-uwhealth.org', platformId: 'epic-mychart' }, 'mychart-uwhealth.org carries the name “mychart” of MyChart in an address that is not MyChart’s', true],
    ['a confusable spelling of mychart.org', { host: 'rnychart.org', platformId: 'epic-mychart' }, 'rnychart.org is written to look like mychart.org, the address of MyChart', true],
    ['a listed look-alike', { host: 'nextmd.online', platformId: 'nextgen-nextmd' }, 'nextmd.online is a known look-alike of NextMD', true],
    ['a catalogue tenant', { host: 'mychart.clevelandclinic.org', platformId: 'epic-mychart' }, 'mychart.clevelandclinic.org is already recognised as Cleveland Clinic’s MyChart', false],
    ['the patient’s own portal', { host: 'mychart.greenlaneclinic.co.nz', platformId: 'epic-mychart' }, 'mychart.greenlaneclinic.co.nz is already recognised as Greenlane Clinic MyChart', false],
    ['a portal that is not a platform', { host: 'mychart.uwhealth.org', platformId: 'managemyhealth' }, 'managemyhealth is not a platform Portal Guard knows', false],
    ['an IP address', { host: '192.168.1.20', platformId: 'epic-mychart' }, '192.168.1.20 cannot be watched (ip-address)', false],
    ['a public suffix', { host: 'co.nz', platformId: 'epic-mychart' }, 'co.nz is a public suffix', false],
    ['a wildcard', { host: '*.uwhealth.org', platformId: 'epic-mychart' }, '*.uwhealth.org: a portal you add names one exact address, such as portal.clinic.example; an address with * would cover every site under it', false],
  ])('refuses %s with the reason, and stores nothing', async (_name, request, reason, lookalike) => {
    const before = await fakeBrowser.storage.local.get();
    const reply = await onWatchPortal(request, granted);
    expect(reply).toMatchObject({ status: 'refused', reason });
    expect('lookalike' in reply && reply.lookalike !== undefined).toBe(lookalike);
    expect(await fakeBrowser.storage.local.get()).toEqual(before);
  });

  it('refuses when the browser did not grant the origin, and stores nothing', async () => {
    const reply = await onWatchPortal({ host: 'mychart.uwhealth.org', platformId: 'epic-mychart' }, { granted: async () => false });
    expect(reply).toEqual({ status: 'refused', reason: 'The browser has not given Portal Guard permission for mychart.uwhealth.org' });
    expect(await readItem(customPortals)).toEqual([EXISTING]);
  });
});

describe('the popup’s tab status on a page Portal Guard does not know', () => {
  beforeEach(() => freshExtension());

  it.each([
    ['https://mychart.uwhealth.org/MyChart/Authentication/Login', { host: 'mychart.uwhealth.org', registrableDomain: 'uwhealth.org' }],
    ['https://mychart.novanthealth.org/mychart/', { host: 'mychart.novanthealth.org', registrableDomain: 'novanthealth.org' }],
    ['http://mychart.uwhealth.org/', undefined],
    ['https://10.0.0.8/MyChart/', undefined],
  ])('%s may be watched: %j', async (url, watch) => {
    const found = await status(url);
    expect(found.lookup).toBe('none');
    expect(found.watch).toEqual(watch);
  });

  it.each([
    ['https://mychart-uwhealth.org/MyChart/Authentication/Login', 'MyChart', 'mychart-uwhealth.org carries the name “mychart” of MyChart in an address that is not MyChart’s'],
    ['https://managemyhealth-login.co.nz/', 'Manage My Health', 'managemyhealth-login.co.nz carries the name “managemyhealth” of Manage My Health in an address that is not Manage My Health’s'],
    ['https://portal.managemyhealth.co.nz.secure-login.com/', 'Manage My Health', 'portal.managemyhealth.co.nz.secure-login.com starts with managemyhealth.co.nz, the address of Manage My Health, but belongs to secure-login.com'],
  ])('%s is a look-alike of %s, never offered for watching', async (url, imitates, reason) => {
    const found = await status(url);
    expect(found).toMatchObject({ lookup: 'lookalike', lookalike: { imitates, reason } });
    expect(found.watch).toBeUndefined();
  });
});

describe('waiting for the patient’s answer to the browser’s prompt', () => {
  const ORIGIN = 'https://mychart.uwhealth.org/*';
  const fakePermissions = (has: boolean) => {
    const listeners = new Set<(added: { origins?: string[] }) => void>();
    return {
      listeners,
      api: {
        contains: vi.fn(async () => has),
        onAdded: { addListener: (fn: (added: { origins?: string[] }) => void) => listeners.add(fn), removeListener: (fn: (added: { origins?: string[] }) => void) => listeners.delete(fn) },
      } as unknown as Parameters<typeof waitForGrant>[2],
    };
  };

  it('resolves at once when the origin is already granted', async () => {
    const { api, listeners } = fakePermissions(true);
    expect(await waitForGrant(ORIGIN, 60_000, api)).toBe(true);
    expect(listeners.size).toBe(0);
  });

  it('resolves when the patient allows it, even if the popup has closed', async () => {
    const { api, listeners } = fakePermissions(false);
    const waiting = waitForGrant(ORIGIN, 60_000, api);
    await Promise.resolve();
    listeners.forEach((listener) => listener({ origins: ['https://other.example.org/*'] }));
    listeners.forEach((listener) => listener({ origins: [ORIGIN] }));
    expect(await waiting).toBe(true);
    expect(listeners.size).toBe(0);
  });

  it('gives up after the timeout, and stops listening', async () => {
    vi.useFakeTimers();
    try {
      const { api, listeners } = fakePermissions(false);
      const waiting = waitForGrant(ORIGIN, 60_000, api);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(await waiting).toBe(false);
      expect(listeners.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a patient’s portal stored before the exact-host and imitation rules', () => {
  it.each([
    [{ id: 'user-greenlane', name: 'Greenlane', country: 'NZ' as const, hosts: ['*.greenlaneclinic.co.nz'] }, '*.greenlaneclinic.co.nz: a portal you add names one exact address'],
    [{ id: 'user-mmh', name: 'Manage My Health', country: 'NZ' as const, hosts: ['managemyhealth-login.co.nz'] }, '“Manage My Health” is the name of a portal Portal Guard has reviewed'],
  ])('is kept but not in use, with the reason: %j', (input, reason) => {
    const built = buildCurrentPortals({ additionalPortals: [] }, [input]);
    expect(built.custom).toEqual([]);
    expect(built.inactive.map((entry) => entry.input)).toEqual([input]);
    expect(built.inactive[0]!.problems[0]!.reason.startsWith(reason)).toBe(true);
  });
});
