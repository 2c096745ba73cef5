/**
 * How fast is `PortalIndex.lookupHost` when the catalogue is large, and with the notices for the
 * host found too (by portal id and by the organisation's registrable domains)?
 *
 * The index is the real catalogue plus a synthetic MyChart-like platform with 100,000 tenant
 * hosts (Epic alone has thousands of MyChart organisations; a policy or feed could add many).
 * A realistic mix of hostnames, as a browser's tabs would produce them, is looked up three ways:
 * - `Map.get(host)`: the floor. One hash lookup, no parent walk; it cannot answer subdomain or
 *   tenant-suffix rules at all, so the index can only approach it.
 * - `index.lookupHost(host)`: what the extension does.
 * - `lookupHost` plus the host's notices (`noticeIndex.forMatch`): what the badge and banner need
 *   on every page load. The feed holds the real notices plus one synthetic notice naming the
 *   registrable domain of every tenth synthetic tenant (10,000 domain-linked notices), and a share
 *   of the mix visits hosts under those domains, so the domain walk's hits (and their public-suffix
 *   check) are measured as well as its misses.
 * - A linear scan of one RegExp per rule: the naive way, shown for scale, on fewer inputs.
 * Goals: lookupHost, and lookupHost with the host's notices, each within 5× of Map.get, measured in
 * the same run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { noticeSchema, type Notice } from '../../utils/feed/schema';
import { createNoticeIndex } from '../../utils/notices/notice-index';
import { CATALOGUE } from '../../utils/portals/catalogue';
import { createPortalIndex } from '../../utils/portals/match';
import type { Portal, Tenant } from '../../utils/portals/schema';
import { consume, race, seededRandom, type Bench, type BenchResult } from './harness';

const TENANTS = 100_000;
const QUERIES = 20_000;
const NAIVE_QUERIES = 200;

const catalogue: readonly Portal[] = CATALOGUE;

function syntheticPlatform(random: () => number): Portal {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const tlds = ['org', 'org', 'org', 'com', 'net', 'edu', 'us'];
  const tenants: Tenant[] = [];
  for (let i = 0; i < TENANTS; i++) {
    let name = '';
    const length = 4 + Math.floor(random() * 9);
    for (let j = 0; j < length; j++) name += letters[Math.floor(random() * letters.length)];
    // The base-36 index keeps every host unique; the shapes follow the real tenants
    // (mychart.<org>.org, my<org>.<org>.org, mychart.<org>health.com).
    const org = `${name}${i.toString(36)}`;
    const tld = tlds[i % tlds.length];
    const host = i % 5 === 0 ? `my${org}.${org}.${tld}` : i % 5 === 1 ? `mychart.${org}health.${tld}` : `mychart.${org}.${tld}`;
    tenants.push({ host, organization: `Health System ${i}`, evidence: 'unverified', sources: ['https://example.org/synthetic'] });
  }
  return {
    id: 'synthetic-mychart',
    name: 'Synthetic MyChart',
    operator: 'Benchmark',
    country: 'US',
    kind: 'platform',
    hosts: [],
    tenants,
    sources: ['https://example.org/synthetic'],
  };
}

// Hosts a browser visits that are real catalogue hosts, hits below a subdomain or suffix rule,
// look-alikes, and ordinary misses (some deep, which makes the parent walk longest).
const REAL_EXACT = ['portal.managemyhealth.co.nz', 'managemyhealth.co.nz', 'my.gov.au', 'login.my.gov.au', 'help.login.nhs.uk', 'patient.emisaccess.co.uk', 'systmonline.tpp-uk.com', 'mychart.org', 'nextmd.com', 'kp.org', 'myhealth.alberta.ca'];
const REAL_TENANTS = ['mychart.clevelandclinic.org', 'mychart.fairview.org', 'mychart.ochin.org', 'mychart.balladhealth.org', 'mychart.mhs.net', 'mychart.womans.org', 'mymemorialcare.memorialcare.org'];
const SUBDOMAIN_HITS = ['healthy.kaiserpermanente.org', 'www.kp.org', 'preview.mychart.org', 'barn-hs.iqhealth.com', 'www.healow.com', 'www.myhealth.va.gov', 'help.evergreen-life.co.uk', 'www.indici.co.nz', 'www.mygp.com'];
const LOOKALIKES = ['mychart-health.org', 'nextmd.online', 'www.cettest.org', 'myathenahealth.net'];
const MISSES = [
  'www.google.com', 'mail.google.com', 'en.wikipedia.org', 'www.nhs.uk', 'www.bbc.co.uk', 'github.com', 'docs.github.com',
  'www.youtube.com', 'static.xx.fbcdn.net', 'managemyhealth.co.nz.evil.example', 'evilmanagemyhealth.co.nz',
  'a1.cdn.assets.news.example.com', 'www.clevelandclinic.org', 'outlook.office.com', 'www.stuff.co.nz',
];

// Share of each kind in the mix, in percent.
const MIX = { syntheticTenant: 30, linkedTenant: 10, realTenant: 5, realExact: 15, subdomain: 10, miss: 25, lookalike: 5 } as const;
/** Every tenth synthetic tenant's organisation has a notice naming its registrable domain. */
const LINKED_EVERY = 10;

/** The repository's real notices, parsed as the extension parses them. */
function realNotices(): Notice[] {
  const dir = join(import.meta.dirname, '../../feed/notices');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => noticeSchema.parse(JSON.parse(readFileSync(join(dir, name), 'utf8'))));
}

/** The registrable domain of a synthetic tenant host: its last two labels (all are `<x>.<org>.<tld>`). */
const domainOf = (host: string) => host.slice(host.indexOf('.') + 1);

function domainLinkedNotices(template: Notice, synthetic: readonly Tenant[]): Notice[] {
  const notices: Notice[] = [];
  for (let i = 0; i < synthetic.length; i += LINKED_EVERY) {
    const tenant = synthetic[i] as Tenant;
    notices.push({ ...template, id: `us-synthetic${i.toString(36)}-2024`, portals: [], domains: [domainOf(tenant.host)] });
  }
  return notices;
}

function queryMix(random: () => number, synthetic: readonly Tenant[]): string[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const queries: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    let roll = random() * 100;
    if ((roll -= MIX.syntheticTenant) < 0) queries.push(pick(synthetic).host);
    else if ((roll -= MIX.linkedTenant) < 0) queries.push((synthetic[Math.floor(random() * (synthetic.length / LINKED_EVERY)) * LINKED_EVERY] as Tenant).host);
    else if ((roll -= MIX.realTenant) < 0) queries.push(pick(REAL_TENANTS));
    else if ((roll -= MIX.realExact) < 0) queries.push(pick(REAL_EXACT));
    else if ((roll -= MIX.subdomain) < 0) queries.push(pick(SUBDOMAIN_HITS));
    else if ((roll -= MIX.miss) < 0) queries.push(random() < 0.3 ? `www.${pick(synthetic).host}` : pick(MISSES));
    else queries.push(pick(LOOKALIKES));
  }
  return queries;
}

const escape = (host: string) => host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One RegExp per rule, in catalogue order: how a first attempt usually looks. */
function naiveRules(portals: readonly Portal[]): { test: RegExp; id: string }[] {
  const rules: { test: RegExp; id: string }[] = [];
  for (const portal of portals) {
    for (const rule of portal.hosts) rules.push({ test: new RegExp(rule.match === 'subdomains' ? `(^|\\.)${escape(rule.host)}$` : `^${escape(rule.host)}$`), id: portal.id });
    for (const tenant of portal.tenants ?? []) rules.push({ test: new RegExp(`^${escape(tenant.host)}$`), id: portal.id });
    for (const { suffix } of portal.tenantSuffixes ?? []) rules.push({ test: new RegExp(`\\.${escape(suffix)}$`), id: portal.id });
  }
  return rules;
}

/**
 * One timed pass of the RegExp scan (it is too slow for rounds), checked against the index on
 * every host: the scan must answer the same question, or comparing speeds would mean nothing.
 */
function timeNaiveScan(rules: readonly { test: RegExp; id: string }[], hosts: readonly string[], expected: (host: string) => string | undefined): number {
  // V8 compiles a RegExp on its first use; one host that matches nothing compiles them all, so the
  // timed pass measures matching, not compiling.
  consume(rules.find((rule) => rule.test.test('warm-up.invalid')));
  const start = performance.now();
  for (const host of hosts) {
    const id = rules.find((rule) => rule.test.test(host))?.id;
    if (id !== expected(host)) throw new Error(`RegExp scan disagrees on ${host}: ${String(id)} vs index ${String(expected(host))}`);
  }
  return (hosts.length / (performance.now() - start)) * 1000;
}

function run(): BenchResult {
  const random = seededRandom(20_260_101);
  const synthetic = syntheticPlatform(random);
  const portals = [...catalogue, synthetic];

  const buildStart = performance.now();
  const index = createPortalIndex(portals);
  const buildMs = performance.now() - buildStart;

  // The floor: every claimed host in one Map, looked up once, no parent walk.
  const floor = new Map<string, string>();
  for (const portal of portals) {
    for (const rule of portal.hosts) floor.set(rule.host, portal.id);
    for (const tenant of portal.tenants ?? []) floor.set(tenant.host, portal.id);
    for (const host of portal.lookalikes ?? []) floor.set(host, portal.id);
  }
  const naive = naiveRules(portals);
  const queries = queryMix(random, synthetic.tenants ?? []);
  const urls = queries.map((host) => `https://${host}/MyChart/Authentication/Login`);

  const real = realNotices();
  const notices = [...real, ...domainLinkedNotices(real[0] as Notice, synthetic.tenants ?? [])];
  const noticeBuildStart = performance.now();
  const byNotice = createNoticeIndex(notices);
  const noticeBuildMs = performance.now() - noticeBuildStart;
  const withNotices = (host: string) => {
    const match = index.lookupHost(host);
    return match === undefined ? undefined : byNotice.forMatch(match);
  };
  // The domain walk must find what it should, or timing it would mean nothing.
  const linked = (synthetic.tenants ?? [])[LINKED_EVERY] as Tenant;
  if (withNotices(linked.host)?.[0]?.domains?.[0] !== domainOf(linked.host)) throw new Error(`no notice found for ${linked.host}`);
  if ((withNotices((synthetic.tenants ?? [])[1]?.host ?? '') ?? []).length !== 0) throw new Error('a tenant without a notice got one');

  const [mapOps = 0, indexOps = 0, noticeOps = 0, urlOps = 0] = race<string>([
    { inputs: queries, op: (host) => floor.get(host) },
    { inputs: queries, op: (host) => index.lookupHost(host) },
    { inputs: queries, op: withNotices },
    { inputs: urls, op: (url) => index.lookupUrl(url) },
  ]);
  // Every host's first visit: a fresh notice index, one timed pass, so no memo helps (the rounds
  // above measure repeat visits, where the index keeps each exact host's and tenant's notices).
  const matches = queries.map((host) => index.lookupHost(host));
  const cold = createNoticeIndex(notices);
  const coldStart = performance.now();
  for (const match of matches) consume(match === undefined ? undefined : cold.forMatch(match));
  const coldOps = (matches.length / (performance.now() - coldStart)) * 1000;
  const naiveOps = timeNaiveScan(naive, queries.slice(0, NAIVE_QUERIES), (host) => index.lookupHost(host)?.portal.id);

  const ratio = mapOps / indexOps;
  const noticeRatio = mapOps / noticeOps;
  return {
    lines: [
      { label: 'Map.get(host) (floor)', opsPerSecond: mapOps },
      { label: 'index.lookupHost(host)', opsPerSecond: indexOps, note: `${ratio.toFixed(2)}× the floor's time per lookup` },
      { label: 'lookupHost(host) + its notices', opsPerSecond: noticeOps, note: `${noticeRatio.toFixed(2)}× the floor's time per lookup` },
      { label: '  its notices on a first visit (one pass)', opsPerSecond: coldOps, note: `${(mapOps / coldOps).toFixed(1)}× the floor, without the lookup` },
      { label: 'index.lookupUrl(url) (with URL parsing)', opsPerSecond: urlOps, note: `${(mapOps / urlOps).toFixed(1)}× the floor` },
      { label: `RegExp scan of ${naive.length.toLocaleString('en-NZ')} rules`, opsPerSecond: naiveOps, note: `${Math.round(indexOps / naiveOps).toLocaleString('en-NZ')}× slower than lookupHost` },
    ],
    notes: [
      `${portals.length - 1} catalogue portals + ${TENANTS.toLocaleString('en-NZ')} synthetic tenants; index built in ${buildMs.toFixed(0)} ms`,
      `${notices.length.toLocaleString('en-NZ')} notices (${real.length} real, the rest naming a synthetic tenant's domain); notice index built in ${noticeBuildMs.toFixed(0)} ms`,
      `mix of ${QUERIES.toLocaleString('en-NZ')} hosts: ${Object.entries(MIX).map(([kind, share]) => `${share}% ${kind}`).join(', ')} (the RegExp scan uses the first ${NAIVE_QUERIES})`,
    ],
    goals: [
      { description: 'lookupHost within 5× of Map.get', met: ratio <= 5, measured: `${ratio.toFixed(2)}×` },
      { description: 'lookupHost plus the host’s notices (portal id and domain) within 5× of Map.get', met: noticeRatio <= 5, measured: `${noticeRatio.toFixed(2)}×` },
    ],
  };
}

export const hostnameLookupBench: Bench = {
  name: 'hostname-lookup',
  description: 'portal lookup by hostname, 100,000 tenants, with domain-linked notices, against Map.get and a RegExp scan',
  run,
};
