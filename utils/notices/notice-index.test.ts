import { describe, expect, it } from 'vitest';
import { parseFeedValue } from '../feed/parse';
import type { Notice } from '../feed/schema';
import { sampleFeed, sampleNotice } from '../feed/test-fixtures';
import { catalogueIndex, CATALOGUE, createPortalIndex } from '../portals';
import { toCustomPortal } from '../portals/custom';
import type { Portal } from '../portals/schema';
import { createNoticeIndex, noticeIndex } from './notice-index';

const parse = (notices: Record<string, unknown>[]): Notice[] => {
  const parsed = parseFeedValue(sampleFeed({ notices }));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.feed.notices;
};

const notices = parse([
  sampleNotice({ id: 'nz-managemyhealth-2025-12', portals: ['managemyhealth'], domains: ['managemyhealth.co.nz'], disclosed: '2026-01-01', added: '2026-01-02', modified: '2026-01-02' }),
  sampleNotice({ id: 'nz-managemyhealth-2019-01', portals: ['managemyhealth'], disclosed: '2019-01-05', added: '2019-01-06', modified: '2019-01-06', breach: {} }),
  sampleNotice({ id: 'us-clevelandclinic-2024', portals: ['epic-mychart'], tenants: ['mychart.clevelandclinic.org'] }),
  sampleNotice({ id: 'us-epic-2025', portals: ['epic-mychart'], platformWide: true }),
  sampleNotice({ id: 'au-medisecure-2024', portals: [], portalInvolved: false }),
  sampleNotice({ id: 'us-future-2026', portals: ['portal-from-a-newer-catalogue'] }),
  // Real organisations' domains, as the feed names them.
  sampleNotice({ id: 'us-uwhealth-2021', portals: [], domains: ['uwhealth.org'], disclosed: '2021-06-18', added: '2026-11-28', modified: '2026-11-28', breach: {} }),
  sampleNotice({ id: 'us-kaiser-2024', portals: ['kaiser-permanente'], domains: ['kp.org', 'kaiserpermanente.org'], disclosed: '2024-04-12', added: '2026-11-28', modified: '2026-11-28', breach: {} }),
  sampleNotice({ id: 'au-medibank-2022', portals: [], domains: ['medibank.com.au'], disclosed: '2022-10-13', added: '2026-11-28', modified: '2026-11-28', breach: {} }),
]);
const index = createNoticeIndex(notices);

/** A patient's watched portal: the exact host only, as the options page and "Watch this portal" add it. */
function watched(id: string, host: string): Portal {
  const { portal } = toCustomPortal({ id, name: `${host} portal`, country: 'US', hosts: [host] }, 'user');
  if (!portal) throw new Error(`${host} was refused`);
  return portal.portal;
}
const uwHealth = watched('uwhealth-mychart', 'mychart.uwhealth.org');
const medibank = watched('my-medibank', 'my.medibank.com.au');
const withWatched = createPortalIndex([...(CATALOGUE as readonly Portal[]), uwHealth, medibank]);

describe('notices for a recognised host (badge, banner, popup, banner actions)', () => {
  it.each<[string, string[]]>([
    // By portal id, newest disclosure first; the MMH notice also names its domain: listed once.
    ['portal.managemyhealth.co.nz', ['nz-managemyhealth-2025-12', 'nz-managemyhealth-2019-01']],
    // A platform: the tenant's own notice and the platform-wide one, never another tenant's.
    ['mychart.clevelandclinic.org', ['us-clevelandclinic-2024', 'us-epic-2025']],
    ['mychart.fairview.org', ['us-epic-2025']],
    // By registrable domain: a host below a subdomain rule and both of KP's domains.
    ['healthy.kaiserpermanente.org', ['us-kaiser-2024']],
    ['www.kp.org', ['us-kaiser-2024']],
    // A host the patient watches gets its organisation's notice through the domain alone.
    ['mychart.uwhealth.org', ['us-uwhealth-2021']],
    ['my.medibank.com.au', ['au-medibank-2022']],
    ['myhealth.alberta.ca', []],
  ])('%s → %j', (host, ids) => {
    const found = withWatched.lookupUrl(`https://${host}/`);
    if (found.kind !== 'portal') throw new Error(`${host} is not recognised`);
    expect(index.forMatch(found.match).map((notice) => notice.id)).toEqual(ids);
    for (const notice of notices) expect(index.applies(notice, found.match), notice.id).toBe(ids.includes(notice.id));
  });
});

describe('repeat visits', () => {
  it('give the same answer from the memo, per host and per portal, for exact and subdomain matches', () => {
    const fresh = createNoticeIndex(notices);
    const answer = (host: string) => {
      const found = withWatched.lookupUrl(`https://${host}/`);
      if (found.kind !== 'portal') throw new Error(`${host} is not recognised`);
      return fresh.forMatch(found.match).map((notice) => notice.id);
    };
    for (let round = 0; round < 3; round++) {
      expect(answer('www.kp.org')).toEqual(['us-kaiser-2024']);
      expect(answer('mychart.uwhealth.org')).toEqual(['us-uwhealth-2021']);
      expect(answer('barn-hs.iqhealth.com')).toEqual([]);
      expect(answer('mychart.clevelandclinic.org')).toEqual(['us-clevelandclinic-2024', 'us-epic-2025']);
    }
  });
});

describe('notices by host domain', () => {
  it.each<[string, string[]]>([
    ['uwhealth.org', ['us-uwhealth-2021']],
    ['www.uwhealth.org', ['us-uwhealth-2021']],
    ['a.b.c.uwhealth.org', ['us-uwhealth-2021']],
    // Look-alikes and neighbours share no registrable domain with the organisation.
    ['mychart-uwhealth.org', []],
    ['uwhealth.org.evil.example', []],
    ['uwhealth.org.nz', []],
    ['evilmedibank.com.au', []],
    ['medibank.com.au.evil.example', []],
    ['com.au', []],
    ['org', []],
  ])('%s → %j', (host, ids) => {
    expect(index.byHost(host).map((notice) => notice.id)).toEqual(ids);
  });

  it('asks the public-suffix list, so a private suffix inside a named domain is somebody else’s', () => {
    // github.io is a public suffix (refused as a notice domain); amazonaws.com is registrable, but
    // s3.amazonaws.com is a private suffix, so a bucket there is its own registrable domain.
    const aws = createNoticeIndex(parse([sampleNotice({ id: 'us-example-2024', portals: [], domains: ['amazonaws.com'] })]));
    expect(aws.byHost('console.amazonaws.com').map((notice) => notice.id)).toEqual(['us-example-2024']);
    expect(aws.byHost('patient-files.s3.amazonaws.com')).toEqual([]);
  });
});

describe('notices for a portal as a whole (the export review)', () => {
  it.each<[string, Portal | undefined, string[]]>([
    ['managemyhealth', catalogueIndex.byId('managemyhealth'), ['nz-managemyhealth-2025-12', 'nz-managemyhealth-2019-01']],
    ['kaiser-permanente', catalogueIndex.byId('kaiser-permanente'), ['us-kaiser-2024']],
    // A platform's own hosts are not its tenants': only the platform-wide notice.
    ['epic-mychart', catalogueIndex.byId('epic-mychart'), ['us-epic-2025']],
    ['uwhealth-mychart (watched)', uwHealth, ['us-uwhealth-2021']],
  ])('%s → %j', (_name, portal, ids) => {
    if (!portal) throw new Error('missing portal');
    expect(index.forPortal(portal).map((notice) => notice.id)).toEqual(ids);
  });
});

describe('noticeIndex', () => {
  it('is built once per notice list', () => {
    expect(noticeIndex(notices)).toBe(noticeIndex(notices));
    expect(noticeIndex([...notices])).not.toBe(noticeIndex(notices));
  });
});
