import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { noticeSchema, type Notice } from '../feed/schema';
import { sampleNotice } from '../feed/test-fixtures';
import { RIVERSIDE_NOTICE, RIVERSIDE_POLICY } from '../policy/fixtures';
import { parsePolicy } from '../policy/schema';
import { catalogueIndex } from '../portals';
import { buildCurrentPortals } from '../state/current-portals';
import { portalDownloads, type DownloadItemLike } from './downloads';
import { loadOtherNotices, loadPortalNotices, pageDeps, portalFromQuery, type NoticeSources } from './page';

const notice = (id: string, portals: string[], title = id): Notice => noticeSchema.parse(sampleNotice({ id, portals, portalInvolved: portals.length > 0, title, disclosed: '2025-01-01' }));
const sources = (notices: Notice[], local: Notice[] = []): NoticeSources => ({ feed: async () => ({ feed: { formatVersion: '1.0', sequence: 1, generatedAt: '2026-06-01T00:00:00.000Z', notices } }), local: async () => local });
const riverside = buildCurrentPortals(parsePolicy(RIVERSIDE_POLICY).policy, []);

describe('export review page wiring', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['?portal=managemyhealth', 'managemyhealth'],
    ['?portal=not-a-portal', ''],
    ['?portal=', ''],
    ['', ''],
    ['?portal=managemyhealth&portal=nhs-app', 'managemyhealth'],
    ['?portal=riverside-myindici', ''],
  ])('%s preselects %j (catalogue only)', (search, portal) => expect(portalFromQuery(search, catalogueIndex)).toBe(portal));

  it('preselects and lists a clinic’s policy portal once the policy names it', () => {
    const deps = pageDeps('?portal=riverside-myindici', riverside, sources([]));
    expect(deps.initialPortal).toBe('riverside-myindici');
    expect(deps.portals.map((portal) => portal.id)).toContain('riverside-myindici');
    expect(deps.portals.map((portal) => portal.id)).toContain('managemyhealth');
  });

  it('reads notices from the verified feed: a portal’s, and those tied to no portal', async () => {
    const feed = sources([notice('nz-managemyhealth-2025-12', ['managemyhealth']), notice('au-medisecure-2024', [], 'MediSecure'), notice('us-changehealthcare-2024', [], 'Change Healthcare')]);
    expect((await loadPortalNotices('managemyhealth', feed)).map((n) => n.id)).toEqual(['nz-managemyhealth-2025-12']);
    expect((await loadOtherNotices(feed)).map((n) => n.id)).toEqual(['us-changehealthcare-2024', 'au-medisecure-2024']);
  });

  it('gives a watched portal its organisation’s notices by domain, and the page wires the current portals in', async () => {
    const uw = noticeSchema.parse(sampleNotice({ id: 'us-uwhealth-2021', portals: [], domains: ['uwhealth.org'], title: 'UW Health MyChart', disclosed: '2021-06-18' }));
    const feed = sources([uw, notice('nz-managemyhealth-2025-12', ['managemyhealth'])]);
    const watching = buildCurrentPortals(parsePolicy({}).policy, [{ id: 'user-uwhealth', name: 'UW Health MyChart', country: 'US', hosts: ['mychart.uwhealth.org'] }]);
    expect((await loadPortalNotices('user-uwhealth', feed, watching.index)).map((n) => n.id)).toEqual(['us-uwhealth-2021']);
    expect((await pageDeps('?portal=user-uwhealth', watching, feed).loadNotices('user-uwhealth')).map((n) => n.id)).toEqual(['us-uwhealth-2021']);
    // The platform as a whole is not UW Health's: its own hosts are Epic's.
    expect(await loadPortalNotices('epic-mychart', feed, watching.index)).toEqual([]);
  });

  it('adds the organisation’s local notices for its portal, and the feed wins on a shared id', async () => {
    const local = parsePolicy(RIVERSIDE_POLICY).policy.localNotices;
    const forged = { ...local[0]!, id: 'nz-managemyhealth-2025-12', title: 'Forged' };
    const both = sources([notice('nz-managemyhealth-2025-12', ['managemyhealth'], 'Feed title')], [...local, forged]);
    expect((await loadPortalNotices('riverside-myindici', both)).map((n) => n.id)).toEqual([RIVERSIDE_NOTICE.id]);
    expect((await loadPortalNotices('managemyhealth', both)).map((n) => n.title)).toEqual(['Feed title']);
    const unreadablePolicy = { ...both, local: () => Promise.reject(new Error('no managed storage')) };
    expect((await loadPortalNotices('managemyhealth', unreadablePolicy)).map((n) => n.title)).toEqual(['Feed title']);
  });

  it('finds downloads from a clinic’s policy portal with the current index, not with the catalogue alone', () => {
    const item: DownloadItemLike = { id: 4, filename: '/home/pat/Downloads/my-record.zip', url: 'https://riverside.myindici.co.nz/records/export.zip', startTime: '2026-11-28T01:00:00Z', state: 'complete', exists: true };
    expect(portalDownloads([item], catalogueIndex)).toEqual([]);
    expect(portalDownloads([item], riverside.index)).toMatchObject([{ id: 4, name: 'my-record.zip', portal: 'Riverside Medical Centre patient portal', host: 'riverside.myindici.co.nz' }]);
  });
});
