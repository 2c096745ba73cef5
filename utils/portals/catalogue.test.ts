import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue';
import type { Portal } from './schema';
import { validateCatalogue } from './validate-catalogue';

const portals: readonly Portal[] = CATALOGUE;

describe('the bundled catalogue', () => {
  it('passes full validation (schema and public-suffix rules) with no problems', () => {
    const { portals: parsed, problems } = validateCatalogue(CATALOGUE);
    expect(problems).toEqual([]);
    expect(parsed).toHaveLength(CATALOGUE.length);
  });

  it('has at least 15 portals', () => {
    expect(portals.length).toBeGreaterThanOrEqual(15);
  });

  it('covers every country the extension serves', () => {
    expect(new Set(portals.map((portal) => portal.country))).toEqual(new Set(['NZ', 'AU', 'UK', 'US', 'CA']));
  });

  it('has unique ids', () => {
    const ids = portals.map((portal) => portal.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it.each(portals.map((portal) => [portal.id, portal] as const))('%s cites at least one source', (_id, portal) => {
    expect(portal.sources.length).toBeGreaterThanOrEqual(1);
  });

  const tenants = portals.flatMap((portal) => (portal.tenants ?? []).map((tenant) => [`${portal.id} › ${tenant.host}`, tenant] as const));
  it.each(tenants)('tenant %s cites its own source', (_label, tenant) => {
    expect(tenant.sources.length).toBeGreaterThanOrEqual(1);
  });

  // A lookalike is an accusation; the entry must cite the page that shows the site is not the
  // vendor's.
  const lookalikes = portals.flatMap((portal) => (portal.lookalikes ?? []).map((host) => [host, portal] as const));
  it.each(lookalikes)('lookalike %s is backed by a cited page on that host', (host, portal) => {
    expect(portal.sources.some((source) => new URL(source).hostname === host)).toBe(true);
  });

  // An entry that claims no host cannot be recognised, so it must say why (for patients and
  // reviewers alike) instead of looking like a forgotten stub.
  const hostless = portals.filter((portal) => portal.hosts.length === 0 && (portal.tenantSuffixes?.length ?? 0) === 0);
  it.each(hostless.map((portal) => [portal.id, portal] as const))('%s claims no host and explains why in its notes', (_id, portal) => {
    expect(portal.notes?.length ?? 0).toBeGreaterThan(0);
  });

  // The same entries must also tell reviewers why: the reason that was a source comment is now the
  // entry's `provenance.hosts` (feed/portals/<id>.json).
  it.each(hostless.map((portal) => [portal.id, portal] as const))('%s records why it claims no host in provenance.hosts', (_id, portal) => {
    expect(portal.provenance?.hosts?.length ?? 0).toBeGreaterThan(20);
  });

  it('gives a password-change URL only where a source gave one (Manage My Health has none)', () => {
    const mmh = portals.find((portal) => portal.id === 'managemyhealth');
    expect(mmh?.account?.changePassword?.url).toBeUndefined();
    expect(mmh?.account?.twoStep).toMatchObject({ status: 'mandatory', helpUrl: 'https://managemyhealth.co.nz/faqs/two-step-verification/' });
  });
});

/** A valid entry that overlaps nothing in the catalogue; each row below breaks one thing in it. */
const validEntry = (): Record<string, unknown> => ({
  id: 'broken-portal',
  name: 'Broken Portal',
  operator: 'Test operator',
  country: 'NZ',
  kind: 'portal',
  hosts: [{ host: 'portal.example.org', match: 'exact', evidence: 'official' }],
  homeUrl: 'https://portal.example.org/',
  sources: ['https://portal.example.org/about'],
});

const withHost = (host: string, match: 'exact' | 'subdomains' = 'exact') => ({ hosts: [{ host, match, evidence: 'official' }] });

// [what is broken, fields to overwrite in the valid entry, the problem must start with this]
const brokenVariants: [string, Record<string, unknown>, string][] = [
  ['uppercase host', withHost('Portal.Example.org'), 'broken-portal › hosts › 0 › host:'],
  ['host with a scheme', withHost('https://portal.example.org'), 'broken-portal › hosts › 0 › host:'],
  ['single-label host', withHost('localhost'), 'broken-portal › hosts › 0 › host:'],
  ['punycode (IDN) host', withHost('xn--mychrt-6nf.org'), 'broken-portal › hosts › 0 › host: punycode (IDN) hosts are not allowed'],
  ['Unicode homograph host (Cyrillic а)', withHost('mychаrt.org'), 'broken-portal › hosts › 0 › host:'],
  ['host under an unknown top-level domain', withHost('portal.example.invalid'), 'broken-portal › hosts › 0 › host: portal.example.invalid is not under a known public suffix'],
  ['IP address host', withHost('192.0.2.10'), 'broken-portal › hosts › 0 › host: 192.0.2.10 is an IP address'],
  ['subdomain rule on a public suffix (co.nz)', withHost('co.nz', 'subdomains'), 'broken-portal › hosts › 0 › host: co.nz is a public suffix'],
  ['subdomain rule on a public suffix (nhs.uk)', withHost('nhs.uk', 'subdomains'), 'broken-portal › hosts › 0 › host: nhs.uk is a public suffix'],
  ['exact rule on a public suffix (gov.au)', withHost('gov.au'), 'broken-portal › hosts › 0 › host: gov.au is a public suffix'],
  ['host already claimed by another portal', withHost('kp.org'), 'broken-portal › hosts: host kp.org is already claimed by kaiser-permanente'],
  ['unknown evidence level', { hosts: [{ host: 'portal.example.org', match: 'exact', evidence: 'rumour' }] }, 'broken-portal › hosts › 0 › evidence:'],
  ['plain-http homeUrl', { homeUrl: 'http://portal.example.org/' }, 'broken-portal › homeUrl: must be an https:// URL'],
  ['homeUrl on a host the entry does not claim', { homeUrl: 'https://elsewhere.example.org/' }, 'broken-portal › homeUrl: https://elsewhere.example.org/ is not on a host'],
  ['javascript: homeUrl', { homeUrl: 'javascript:alert(1)' }, 'broken-portal › homeUrl:'],
  ['http change-password link', { account: { changePassword: { url: 'http://portal.example.org/password', evidence: 'official' } } }, 'broken-portal › account › changePassword › url:'],
  ['no sources', { sources: [] }, 'broken-portal › sources: every portal cites at least one source'],
  ['sources missing altogether', { sources: undefined }, 'broken-portal › sources:'],
  ['source that is not a URL', { sources: ['see the FAQ'] }, 'broken-portal › sources › 0:'],
  ['id that is not kebab-case', { id: 'Broken_Portal' }, 'Broken_Portal › id: must be kebab-case'],
  ['duplicate id', { id: 'managemyhealth' }, 'managemyhealth › id: duplicate portal id managemyhealth'],
  ['country outside the five', { country: 'FR' }, 'broken-portal › country:'],
  ['tenant on a plain portal', { tenants: [{ host: 'care.example.org', organization: 'Example Care', evidence: 'official', sources: ['https://care.example.org/'] }] }, 'broken-portal › kind: only a platform has tenants'],
  ['tenant without a source', { kind: 'platform', tenants: [{ host: 'care.example.org', organization: 'Example Care', evidence: 'official', sources: [] }] }, 'broken-portal › tenants › 0 › sources:'],
  ['tenant change-password page on another host', { kind: 'platform', tenants: [{ host: 'mychart.example.org', organization: 'Example Care', evidence: 'official', sources: ['https://mychart.example.org/'], changePassword: { url: 'https://evil.example.net/inside.asp?mode=passwd', evidence: 'secondary' } }] }, 'broken-portal › tenants › 0 › changePassword › url: https://evil.example.net/inside.asp?mode=passwd is not on the tenant\'s host mychart.example.org'],
  ['tenant change-password page over http', { kind: 'platform', tenants: [{ host: 'mychart.example.org', organization: 'Example Care', evidence: 'official', sources: ['https://mychart.example.org/'], changePassword: { url: 'http://mychart.example.org/inside.asp?mode=passwd', evidence: 'secondary' } }] }, 'broken-portal › tenants › 0 › changePassword › url: must be an https:// URL'],
  ['tenant suffix on a public suffix', { kind: 'platform', tenantSuffixes: [{ suffix: 'co.uk', evidence: 'official' }] }, 'broken-portal › tenantSuffixes › 0 › suffix: co.uk is a public suffix'],
  ['lookalike on a public suffix', { lookalikes: ['org.nz'] }, 'broken-portal › lookalikes › 0: org.nz is a public suffix'],
  ['lookalike that is a genuine host', { lookalikes: ['managemyhealth.co.nz'] }, 'broken-portal › lookalikes › 0: lookalike managemyhealth.co.nz overlaps'],
  ['lookalike inside a subdomain rule', { lookalikes: ['evil.kp.org'] }, 'broken-portal › lookalikes › 0: lookalike evil.kp.org overlaps kp.org'],
  ['login path that is not a regular expression', { signals: { loginPaths: ['/login('] } }, 'broken-portal › signals › 0: not a valid regular expression'],
  ['unknown field (typo)', { homeURL: 'https://portal.example.org/' }, 'broken-portal › (entry): Unrecognized key: "homeURL"'],
];

describe('a broken entry is reported by id and field', () => {
  it('the unbroken entry is valid, so each row below fails only for its own reason', () => {
    expect(validateCatalogue([...CATALOGUE, validEntry()]).problems).toEqual([]);
  });

  it.each(brokenVariants)('%s', (_what, patch, expected) => {
    const { portals: parsed, problems } = validateCatalogue([...CATALOGUE, { ...validEntry(), ...patch }]);
    expect(problems).toContainEqual(expect.stringContaining(expected));
    expect(problems.every((problem) => problem.startsWith(expected.slice(0, expected.indexOf(' › '))))).toBe(true);
    // Like a bad remote update, a bad catalogue yields nothing usable rather than a partial one.
    expect(parsed).toEqual([]);
  });

  it('reports every problem at once, not just the first', () => {
    const { problems } = validateCatalogue([...CATALOGUE, { ...validEntry(), ...withHost('co.nz', 'subdomains'), lookalikes: ['org.nz'], homeUrl: 'https://elsewhere.example.org/' }]);
    expect(problems).toEqual([
      'broken-portal › hosts › 0 › host: co.nz is a public suffix',
      'broken-portal › lookalikes › 0: org.nz is a public suffix',
      'broken-portal › homeUrl: https://elsewhere.example.org/ is not on a host this entry claims',
    ]);
  });

  it('reports input that is not a catalogue at all', () => {
    expect(validateCatalogue({ portals: [] }).problems).toEqual(['catalogue: Invalid input: expected array, received object']);
  });
});
