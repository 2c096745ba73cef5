import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RIVERSIDE_POLICY, RIVERSIDE_PORTAL } from '../policy/fixtures';
import { parsePolicy } from '../policy/schema';
import { customPortals, feedMeta, writeItem } from './storage';
import { rememberActiveFeed } from './active-feed';
import { catalogueAdditionsSchema } from '../feed/catalogue-additions';
import { feedSchema } from '../feed/schema';
import { CATALOGUE } from '../portals/catalogue';
import { buildCurrentPortals, currentPortals, watchCurrentPortals } from './current-portals';
import type { CustomPortalInput } from '../portals/custom';
import { freshExtension } from '../../test/fresh-extension';

const MY_PORTAL: CustomPortalInput = { id: 'user-greenlane-mychart', name: 'Greenlane MyChart', country: 'NZ', hosts: ['mychart.greenlaneclinic.co.nz'] };
const lookup = (portals: ReturnType<typeof buildCurrentPortals>, url: string) => {
  const found = portals.index.lookupUrl(url);
  return found.kind === 'portal' ? `${found.match.portal.id} (${found.match.displayName})` : found.kind;
};

describe('buildCurrentPortals: catalogue, then policy, then the patient', () => {
  const policy = parsePolicy(RIVERSIDE_POLICY).policy;

  it('recognises all three, the catalogue unchanged', () => {
    const portals = buildCurrentPortals(policy, [MY_PORTAL]);
    expect(lookup(portals, 'https://portal.managemyhealth.co.nz/')).toBe('managemyhealth (Manage My Health)');
    expect(lookup(portals, 'https://riverside.myindici.co.nz/login')).toBe('riverside-myindici (Riverside Medical Centre patient portal)');
    expect(lookup(portals, 'https://mychart.greenlaneclinic.co.nz/MyChart/')).toBe('user-greenlane-mychart (Greenlane MyChart)');
    expect(lookup(portals, 'https://www.example-clinic.org/')).toBe('none');
    expect(portals.custom.map(({ origin, portal }) => `${origin}:${portal.id}`)).toEqual(['policy:riverside-myindici', 'user:user-greenlane-mychart']);
    expect(portals.inactive).toEqual([]);
  });

  it('keeps a patient portal that the policy now claims, inactive with the reason, and brings it back when the policy lets go', () => {
    const mine: CustomPortalInput = { id: 'user-riverside', name: 'My practice', country: 'NZ', hosts: ['riverside.myindici.co.nz'] };
    const shadowed = buildCurrentPortals(policy, [mine, MY_PORTAL]);
    expect(shadowed.custom.map(({ portal }) => portal.id)).toEqual(['riverside-myindici', 'user-greenlane-mychart']);
    expect(shadowed.inactive).toEqual([
      {
        input: mine,
        problems: [
          { where: 'hosts[0]', reason: 'riverside.myindici.co.nz is already recognised as Riverside Medical Centre patient portal' },
          { where: 'hosts', reason: 'no usable host is left, so the portal is not added' },
        ],
      },
    ]);
    const released = buildCurrentPortals(parsePolicy({}).policy, [mine, MY_PORTAL]);
    expect(lookup(released, 'https://riverside.myindici.co.nz/')).toBe('user-riverside (My practice)');
    expect(released.inactive).toEqual([]);
  });

  it('never lets a patient portal take a catalogue host or a look-alike', () => {
    const portals = buildCurrentPortals(policy, [{ id: 'user-mmh', name: 'Not MMH', country: 'NZ', hosts: ['portal.managemyhealth.co.nz'] }]);
    expect(lookup(portals, 'https://portal.managemyhealth.co.nz/')).toBe('managemyhealth (Manage My Health)');
    expect(portals.inactive[0]?.problems[0]?.reason).toBe('portal.managemyhealth.co.nz is already recognised as Manage My Health');
  });

  it('refuses a patient portal whose id a policy portal uses', () => {
    const portals = buildCurrentPortals(policy, [{ ...MY_PORTAL, id: RIVERSIDE_PORTAL.id }]);
    expect(portals.inactive[0]?.problems).toEqual([{ where: 'id', reason: 'riverside-myindici is already a portal\'s id' }]);
  });
});

describe('currentPortals: live from the managed area and the patient’s list', () => {
  beforeEach(freshExtension);

  it('reads both, and rebuilds after a policy change and after the patient adds a portal', async () => {
    const changes = vi.fn();
    const stop = watchCurrentPortals(changes);
    expect(lookup(await currentPortals(), 'https://riverside.myindici.co.nz/')).toBe('none');

    await fakeBrowser.storage.managed.set(RIVERSIDE_POLICY);
    await vi.waitFor(() => expect(changes).toHaveBeenCalledTimes(1));
    expect(lookup(await currentPortals(), 'https://riverside.myindici.co.nz/')).toBe('riverside-myindici (Riverside Medical Centre patient portal)');

    await writeItem(customPortals, [MY_PORTAL]);
    await vi.waitFor(() => expect(changes).toHaveBeenCalledTimes(2));
    expect(lookup(await currentPortals(), 'https://mychart.greenlaneclinic.co.nz/')).toBe('user-greenlane-mychart (Greenlane MyChart)');

    // The administrator removes the policy: the patient's portal is still there.
    await fakeBrowser.storage.managed.clear();
    await vi.waitFor(() => expect(changes).toHaveBeenCalledTimes(3));
    const after = await currentPortals();
    expect(lookup(after, 'https://riverside.myindici.co.nz/')).toBe('none');
    expect(lookup(after, 'https://mychart.greenlaneclinic.co.nz/')).toBe('user-greenlane-mychart (Greenlane MyChart)');
    stop();
  });
});

describe('the signed feed’s catalogue additions, second after the catalogue', () => {
  // UW Health's MyChart host, as a maintainer would add it from UW Health's own page.
  const UW_TENANT = { portal: 'epic-mychart', host: 'mychart.uwhealth.org', organization: 'UW Health', path: '/MyChart', evidence: 'official', sources: ['https://www.uwhealth.org/news/notice-of-privacy-incident'] };
  const additions = catalogueAdditionsSchema.parse({ tenants: [UW_TENANT], tenantSuffixes: [{ portal: 'oracle-health', suffix: 'healthelife-example.com', evidence: 'unverified', sources: ['https://example.org/'] }] });
  const policyOn = (host: string) => parsePolicy({ additionalPortals: [{ id: 'clinic-uw', name: 'Our MyChart', country: 'US', hosts: [host] }] }).policy;

  it('recognises an added tenant as its platform’s, and an added suffix’s hosts, the catalogue unchanged', () => {
    const portals = buildCurrentPortals(parsePolicy({}).policy, [], undefined, additions);
    expect(lookup(portals, 'https://mychart.uwhealth.org/MyChart/')).toBe('epic-mychart (UW Health’s MyChart)');
    expect(lookup(portals, 'https://barnes.healthelife-example.com/')).toBe('oracle-health (Oracle Health Patient Portal (barnes))');
    expect(lookup(portals, 'https://mychart.clevelandclinic.org/')).toBe('epic-mychart (Cleveland Clinic’s MyChart)');
    // The bundled entry itself is not changed by folding the additions in.
    expect(CATALOGUE.find((portal) => portal.id === 'epic-mychart')?.tenants?.some((tenant) => tenant.host === UW_TENANT.host)).toBe(false);
  });

  it('hands the feed’s platform signals on for the page detector, and none without a feed', () => {
    const signals = catalogueAdditionsSchema.parse({ signals: [{ portal: 'epic-mychart', id: 'mychart-login-path', inferred: false, sources: ['https://mychart.clevelandclinic.org/default.asp?mode=stdfile&option=faq'], path: '/MyChart/Authentication/Login' }] });
    expect(buildCurrentPortals(parsePolicy({}).policy, [], undefined, signals).platformSignals).toEqual(signals.signals);
    expect(buildCurrentPortals(parsePolicy({}).policy, []).platformSignals).toEqual([]);
  });

  it('wins over a policy portal and a patient portal on the same host; the patient’s is kept, inactive, with the reason', () => {
    const mine: CustomPortalInput = { id: 'user-uw', name: 'My UW Health', country: 'US', hosts: ['mychart.uwhealth.org'] };
    const portals = buildCurrentPortals(policyOn('mychart.uwhealth.org'), [mine], undefined, additions);
    expect(lookup(portals, 'https://mychart.uwhealth.org/')).toBe('epic-mychart (UW Health’s MyChart)');
    expect(portals.inactive[0]?.problems[0]).toEqual({ where: 'hosts[0]', reason: 'mychart.uwhealth.org is already recognised as UW Health’s MyChart' });
    // Without the feed's addition, the same patient portal works.
    expect(lookup(buildCurrentPortals(parsePolicy({}).policy, [mine]), 'https://mychart.uwhealth.org/')).toBe('user-uw (My UW Health)');
  });
});

describe('currentPortals: the active feed’s additions', () => {
  beforeEach(freshExtension);

  it('reads them from the active feed, and rebuilds when the stored feed changes', async () => {
    const feed = feedSchema.parse({ formatVersion: '1.1', sequence: 9, generatedAt: '2026-11-28T00:00:00Z', notices: [], catalogue: { tenants: [{ portal: 'epic-mychart', host: 'mychart.uwhealth.org', organization: 'UW Health', evidence: 'official', sources: ['https://www.uwhealth.org/news/notice-of-privacy-incident'] }] } });
    const stored = { source: 'remote' as const, sequence: 9, generatedAt: feed.generatedAt, receivedAt: 0 };
    rememberActiveFeed(stored, feed);
    const changes = vi.fn();
    const stop = watchCurrentPortals(changes);
    expect(lookup(await currentPortals(), 'https://mychart.uwhealth.org/')).toBe('epic-mychart (UW Health’s MyChart)');
    await writeItem(feedMeta, stored);
    await vi.waitFor(() => expect(changes).toHaveBeenCalledTimes(1));
    stop();
  });

  it('recognises the catalogue alone when the feed cannot be read', async () => {
    const portals = await currentPortals({ policy: async () => parsePolicy({}), user: async () => [], additions: () => Promise.reject(new Error('no feed')) });
    expect(lookup(portals, 'https://mychart.uwhealth.org/')).toBe('none');
    expect(lookup(portals, 'https://portal.managemyhealth.co.nz/')).toBe('managemyhealth (Manage My Health)');
  });
});
