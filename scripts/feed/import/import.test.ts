import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue, PORTALS_DIR } from '../../../utils/build/catalogue-files';
import type { Portal } from '../../../utils/portals/schema';
import { APPLE_SOURCE, importAppleChangePasswordUrls } from './apple-change-password';
import { duplicateKeys, ImportRefused, type ImportResult } from './common';
import { runImport } from './run';
import { importSmartBrands } from './smart-brands';
import { importTwoFactorDirectory } from './two-factor-directory';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const catalogue = loadCatalogue();
const byId = (portals: readonly Portal[], id: string) => portals.find((portal) => portal.id === id)!;
/** Nothing outside `changed` may differ from the catalogue the import started from. */
const expectOnlyChanged = (result: ImportResult) => {
  for (const portal of result.portals) if (!result.changed.includes(portal.id)) expect(portal).toEqual(byId(catalogue, portal.id));
};
const json = (value: unknown) => JSON.stringify(value, null, 2);
const entry2fa = (name: string, fields: Record<string, unknown>) => json({ [name]: { categories: ['health'], ...fields } });

describe('duplicateKeys (JSON.parse keeps the last twin silently)', () => {
  it.each<[string, string, string[]]>([
    ['a flat object', '{"clevelandclinic.org": "https://a/", "kp.org": "https://b/", "clevelandclinic.org": "https://c/"}', ['$["clevelandclinic.org"]']],
    ['nested, with escaped quotes in strings', '{"a": {"b": [1, {"c": "x\\"y", "c": null}]}, "b": true}', ['$["a"]["b"][1]["c"]']],
    ['the same key in two different objects is fine', '[{"domain": "mychart.org"}, {"domain": "nextmd.com"}]', []],
    ['empty containers', '{"a": {}, "b": [], "c": [[]]}', []],
  ])('%s', (_what, text, expected) => {
    expect(duplicateKeys(text)).toEqual(expected);
  });
});

describe('import apple-change-password', () => {
  it('proposes a tenant page for Cleveland Clinic’s MyChart and a portal page for Kaiser, and skips the other sites', () => {
    const result = importAppleChangePasswordUrls(fixture('change-password-URLs.json'), catalogue);
    expect(result.changed).toEqual(['epic-mychart', 'kaiser-permanente']);
    expect(result.refused).toEqual([]);
    expect(byId(result.portals, 'epic-mychart').tenants?.find((tenant) => tenant.host === 'mychart.clevelandclinic.org')).toMatchObject({
      changePassword: { url: 'https://mychart.clevelandclinic.org/inside.asp?mode=passwd', evidence: 'secondary' },
      sources: expect.arrayContaining([APPLE_SOURCE]),
    });
    expect(byId(result.portals, 'kaiser-permanente').account?.changePassword).toEqual({
      url: 'https://healthy.kaiserpermanente.org/mychartcn/Extensibility/Redirection/FdiRedirection?option=profile',
      evidence: 'secondary',
    });
    expect(result.counts).toEqual([['entries read', 4], ['not about the catalogue', 2], ['already in the catalogue', 0]]);
    expectOnlyChanged(result);
  });

  it('proposes nothing the second time (the page is already there)', () => {
    const once = importAppleChangePasswordUrls(fixture('change-password-URLs.json'), catalogue);
    const twice = importAppleChangePasswordUrls(fixture('change-password-URLs.json'), once.portals);
    expect(twice.changed).toEqual([]);
    expect(twice.counts).toContainEqual(['already in the catalogue', 2]);
  });

  it.each<[string, Record<string, string>, { item: string; reason: string }[]]>([
    ['an http: page', { 'nextmd.com': 'http://nextmd.com/password' }, [{ item: 'nextmd.com', reason: 'http://nextmd.com/password is not https: a change-password page must be https' }]],
    ['a page off the domain it is listed under', { 'mychart.org': 'https://mychart-health.org/password' }, [{ item: 'mychart.org', reason: 'https://mychart-health.org/password is on mychart-health.org, not on mychart.org, the domain it is listed under' }]],
    ['a page on a known imitation', { 'nextmd.online': 'https://nextmd.online/reset' }, [{ item: 'nextmd.online', reason: 'nextmd.online is a known imitation of NextMD' }]],
    ['a page on a host the catalogue does not give the portal', { 'managemyhealth.co.nz': 'https://www.managemyhealth.co.nz/account/password' }, [{ item: 'managemyhealth.co.nz', reason: 'www.managemyhealth.co.nz is not a host the catalogue gives any portal or tenant' }]],
    ['a value that is not a URL', { 'kp.org': 'see the help pages' }, [{ item: 'kp.org', reason: 'see the help pages is not a URL' }]],
    ['two domains giving one portal two pages (duplicates)', { 'kp.org': 'https://healthy.kp.org/password', 'kaiserpermanente.org': 'https://healthy.kaiserpermanente.org/password' }, [
      { item: 'kp.org', reason: '2 entries (kp.org, kaiserpermanente.org) give kaiser-permanente a change-password page; resolve it by hand' },
      { item: 'kaiserpermanente.org', reason: '2 entries (kp.org, kaiserpermanente.org) give kaiser-permanente a change-password page; resolve it by hand' },
    ]],
  ])('refuses %s, and changes nothing', (_what, input, refused) => {
    const result = importAppleChangePasswordUrls(json(input), catalogue);
    expect(result.refused).toEqual(refused);
    expect(result.changed).toEqual([]);
    expect(result.portals).toEqual(catalogue);
  });

  it.each<[string, string, string]>([
    ['malformed JSON', '{\n    "clevelandclinic.org": "https://mychart.clevelandclinic.org/inside.asp?mode=passwd",\n}\n', 'change-password-URLs.json: not valid JSON: Expected double-quoted property name (line 3, column 1)'],
    ['a domain listed twice', '{"clevelandclinic.org": "https://mychart.clevelandclinic.org/inside.asp?mode=passwd", "clevelandclinic.org": "https://evil.example.net/"}', 'change-password-URLs.json: $["clevelandclinic.org"] is listed twice'],
    ['another format', '["clevelandclinic.org"]', 'change-password-URLs.json: expected one object of domain → change-password URL'],
  ])('refuses the whole file for %s', (_what, text, message) => {
    expect(() => importAppleChangePasswordUrls(text, catalogue)).toThrow(ImportRefused);
    expect(() => importAppleChangePasswordUrls(text, catalogue)).toThrow(message);
  });
});

describe('import 2fa-directory', () => {
  const files = readdirSync(join(FIXTURES, '2fa-directory')).sort().map((name) => ({ file: join(FIXTURES, '2fa-directory', name), text: fixture(join('2fa-directory', name)) }));

  it('adds two-step facts to FollowMyHealth, a help link to Patient Access, and keeps MyChart’s own link', () => {
    const result = importTwoFactorDirectory(files, catalogue);
    expect(result.refused).toEqual([]);
    expect(result.changed).toEqual(['followmyhealth', 'patient-access']);
    expect(byId(result.portals, 'followmyhealth').account?.twoStep).toEqual({
      status: 'optional',
      methods: ['sms-code', 'email-code', 'authenticator-app'],
      helpUrl: 'https://support.followmyhealth.com/2020/03/10/turning-on-two-factor-authentication-while-logged-into-your-account/',
      evidence: 'secondary',
    });
    expect(byId(result.portals, 'followmyhealth').sources).toContain('https://github.com/2factorauth/twofactorauth/blob/master/entries/f/followmyhealth.com.json');
    // Patient Access says mandatory in the catalogue (official); the list only adds the link.
    expect(byId(result.portals, 'patient-access').account?.twoStep).toEqual({
      status: 'mandatory',
      methods: ['authenticator-app'],
      helpUrl: 'https://support.patientaccess.com/signing-in/sign-in-or-register-using-two-factor-authentication',
      evidence: 'official',
    });
    expect(result.notes).toEqual([
      "epic-mychart: the catalogue's help link https://preview.mychart.org/l/en-us/help/two-factor-auth/ is kept; MyChart's documentation is https://www.mychart.org/Help/two-factor-auth",
      'health entries for sites the catalogue does not know (candidates to research): Strava',
    ]);
    expect(result.counts).toEqual([['entries read', 5], ['outside the health category', 1], ['not in the catalogue', 1], ['already in the catalogue', 1]]);
    expectOnlyChanged(result);
  });

  it.each<[string, { file: string; text: string }[], { item: string; reason: string }[]]>([
    ['malformed JSON', [{ file: 'entries/f/followmyhealth.com.json', text: '{"FollowMyHealth": {"domain": "followmyhealth.com",}}' }], [{ item: 'followmyhealth.com.json', reason: 'not valid JSON: Expected double-quoted property name (line 1, column 52)' }]],
    ['a key listed twice', [{ file: 'entries/f/followmyhealth.com.json', text: '{"FollowMyHealth": {"domain": "followmyhealth.com", "tfa": ["sms"], "tfa": ["totp"], "categories": ["health"]}}' }], [{ item: 'followmyhealth.com.json', reason: '$["FollowMyHealth"]["tfa"] is listed twice' }]],
    ['two entries about one portal (duplicates)', [
      { file: 'entries/f/followmyhealth.com.json', text: entry2fa('FollowMyHealth', { domain: 'followmyhealth.com', tfa: ['sms'] }) },
      { file: 'entries/s/support.followmyhealth.com.json', text: entry2fa('FollowMyHealth Support', { domain: 'support.followmyhealth.com', tfa: ['totp'] }) },
    ], [
      { item: 'FollowMyHealth (followmyhealth.com.json)', reason: '2 entries (followmyhealth.com.json, support.followmyhealth.com.json) are about followmyhealth; resolve it by hand' },
      { item: 'FollowMyHealth Support (support.followmyhealth.com.json)', reason: '2 entries (followmyhealth.com.json, support.followmyhealth.com.json) are about followmyhealth; resolve it by hand' },
    ]],
    ['one entry whose domains belong to two portals', [{ file: 'entries/m/mychart.org.json', text: entry2fa('MyChart', { domain: 'mychart.org', 'additional-domains': ['nextmd.com'], tfa: ['sms'] }) }], [{ item: 'MyChart (mychart.org.json)', reason: 'its domains belong to epic-mychart and nextgen-nextmd; resolve it by hand' }]],
    ['one tenant of a platform', [{ file: 'entries/m/mychart.clevelandclinic.org.json', text: entry2fa('Cleveland Clinic MyChart', { domain: 'mychart.clevelandclinic.org', tfa: ['sms'] }) }], [{ item: 'Cleveland Clinic MyChart (mychart.clevelandclinic.org.json)', reason: 'mychart.clevelandclinic.org is one tenant of epic-mychart; two-step facts are recorded for the whole platform' }]],
    ['not an entry file', [{ file: 'entries/f/followmyhealth.com.json', text: '{"FollowMyHealth": {"domain": "followmyhealth.com"}, "Other": {"domain": "x.org"}}' }], [{ item: 'followmyhealth.com.json', reason: 'not a 2fa.directory entry: a 2fa.directory entry file holds exactly one named entry' }]],
  ])('refuses %s, and changes nothing', (_what, input, refused) => {
    const result = importTwoFactorDirectory(input, catalogue);
    expect(result.refused).toEqual(refused);
    expect(result.changed).toEqual([]);
    expect(result.portals).toEqual(catalogue);
  });

  it('refuses an http: documentation link but still takes the methods', () => {
    const result = importTwoFactorDirectory([{ file: 'entries/f/followmyhealth.com.json', text: entry2fa('FollowMyHealth', { domain: 'followmyhealth.com', tfa: ['sms'], documentation: 'http://support.followmyhealth.com/2fa' }) }], catalogue);
    expect(result.refused).toEqual([{ item: 'FollowMyHealth (followmyhealth.com.json) documentation', reason: 'http://support.followmyhealth.com/2fa is not an https URL' }]);
    expect(byId(result.portals, 'followmyhealth').account?.twoStep).toEqual({ status: 'optional', methods: ['sms-code'], evidence: 'secondary' });
  });

  it('never turns athenahealth’s "not offered" into "optional" by itself', () => {
    const result = importTwoFactorDirectory([{ file: 'entries/a/athenahealth.com.json', text: entry2fa('athenahealth', { domain: 'myidentity.platform.athenahealth.com', tfa: ['sms'] }) }], catalogue);
    expect(result.changed).toEqual([]);
    expect(result.notes).toEqual(['athenahealth: the catalogue says two-step sign-in is not offered, athenahealth lists sms; check by hand, nothing changed']);
  });
});

describe('import smart-brands', () => {
  it('proposes UW Health’s MyChart as an unverified tenant, and knows OCHIN already', () => {
    const result = importSmartBrands(fixture('smart-brands-bundle.json'), catalogue, 'epic-mychart', 'fixtures/smart-brands-bundle.json');
    expect(result.refused).toEqual([]);
    expect(result.changed).toEqual(['epic-mychart']);
    const added = byId(result.portals, 'epic-mychart').tenants?.find((tenant) => tenant.host === 'mychart.uwhealth.org');
    expect(added).toEqual({
      host: 'mychart.uwhealth.org',
      organization: 'UW Health',
      path: '/MyChart',
      evidence: 'unverified',
      sources: ['https://mychart.uwhealth.org/MyChart/'],
      comment: 'Candidate from a SMART User-access Brands bundle (smart-brands-bundle.json, portal "UW Health MyChart"); confirm on the organisation\'s own page that this host is its MyChart, then raise the evidence.',
    });
    expect(result.counts).toEqual([['organisation portals read', 3], ['without a portalUrl', 1], ['already tenants', 1], ['new tenant candidates', 1]]);
    expectOnlyChanged(result);
  });

  const portalOrg = (name: string, portalUrl: string) => ({
    resource: {
      resourceType: 'Organization',
      name,
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/organization-portal', extension: [{ url: 'portalName', valueString: `${name} MyChart` }, { url: 'portalUrl', valueUrl: portalUrl }] }],
    },
  });
  const bundle = (...entry: unknown[]) => json({ resourceType: 'Bundle', type: 'collection', entry });
  const endpoint = (address: string) => ({ resource: { resourceType: 'Endpoint', status: 'active', address } });

  it.each<[string, string, string]>([
    ['an http: portal URL', bundle(portalOrg('Novant Health', 'http://mychart.novanthealth.org/mychart')), 'portalUrl is not https: a portal patients sign in to must be https'],
    ['a shared Epic hosting host', bundle(portalOrg('UW Health', 'https://epicproxy.et1242.epichosted.com/MyChart/')), "epicproxy.et1242.epichosted.com is a shared host (Epic's hosting, shared by its customers); it names no single organisation"],
    ['Oracle Health’s shared patient FHIR host', bundle(portalOrg('Advocate Health', 'https://fhir-myrecord.cerner.com/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d')), "fhir-myrecord.cerner.com is a shared host (Oracle Health's patient-access FHIR API, shared by its customers); it names no single organisation"],
    ['the bundle’s own FHIR endpoint host', bundle(portalOrg('UW Health', 'https://api.uwhealth.org/'), endpoint('https://api.uwhealth.org/FHIR/R4')), 'api.uwhealth.org is a FHIR API address, for apps, not the portal patients sign in to'],
    ['a fhir… host', bundle(portalOrg('UW Health', 'https://fhir.uwhealth.org/')), 'fhir.uwhealth.org is a FHIR API address, for apps, not the portal patients sign in to'],
    ['an /api/FHIR path', bundle(portalOrg('UW Health', 'https://mychart.uwhealth.org/MyChart/api/FHIR/R4')), 'mychart.uwhealth.org/MyChart/api/FHIR/R4 is a FHIR API address, for apps, not the portal patients sign in to'],
    ['a host another entry claims', bundle(portalOrg('Kaiser Permanente', 'https://healthy.kaiserpermanente.org/')), 'healthy.kaiserpermanente.org is already claimed by kaiser-permanente'],
    ['the HL7 example bundle’s example.org hosts', bundle(portalOrg('ExampleHospital', 'https://patientgateway.examplehospital.ehr1.example.org')), 'patientgateway.examplehospital.ehr1.example.org is a reserved example domain (RFC 2606), not a real portal'],
    ['an IP address', bundle(portalOrg('UW Health', 'https://192.0.2.10/MyChart/')), '192.0.2.10 is an IP address, not a portal'],
  ])('refuses %s, and changes nothing', (_what, text, reason) => {
    const result = importSmartBrands(text, catalogue, 'epic-mychart');
    expect(result.refused.map((refusal) => refusal.reason)).toEqual([reason]);
    expect(result.changed).toEqual([]);
    expect(result.portals).toEqual(catalogue);
  });

  it('refuses a host listed twice (duplicates), keeping the first for review', () => {
    const result = importSmartBrands(bundle(portalOrg('UW Health', 'https://mychart.uwhealth.org/MyChart/'), portalOrg('UnityPoint Health – Meriter', 'https://mychart.uwhealth.org/MyChart/')), catalogue, 'epic-mychart');
    expect(result.refused).toEqual([{ item: 'UnityPoint Health – Meriter: UnityPoint Health – Meriter MyChart (https://mychart.uwhealth.org/MyChart/)', reason: 'mychart.uwhealth.org is listed twice in the bundle (also for UW Health: UW Health MyChart)' }]);
    expect(byId(result.portals, 'epic-mychart').tenants?.filter((tenant) => tenant.host === 'mychart.uwhealth.org')).toHaveLength(1);
  });

  it.each<[string, string, string, string]>([
    ['malformed JSON', '{"resourceType": "Bundle", "entry": [}', 'epic-mychart', 'bundle.json: not valid JSON'],
    ['a key listed twice', '{"resourceType": "Bundle", "entry": [], "entry": []}', 'epic-mychart', 'bundle.json: $["entry"] is listed twice'],
    ['not a Bundle', json({ resourceType: 'Organization', name: 'UW Health' }), 'epic-mychart', 'bundle.json: not a FHIR Bundle of User-access Brands'],
    ['a platform that does not exist', bundle(), 'mychart', '--platform mychart is not a portal id in feed/portals/'],
    ['a single portal as the platform', bundle(), 'kaiser-permanente', '--platform kaiser-permanente is a single portal, not a platform with tenants'],
  ])('refuses the whole file for %s', (_what, text, platform, message) => {
    expect(() => importSmartBrands(text, catalogue, platform)).toThrow(message);
  });
});

describe('runImport prints a diff and writes only with --write', () => {
  const copyOfPortals = () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    cpSync(PORTALS_DIR, dir, { recursive: true });
    return dir;
  };
  const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

  it('without --write: the diff, the summary, and no file touched', () => {
    const dir = copyOfPortals();
    const before = snapshot(dir);
    const lines: string[] = [];
    expect(runImport({ source: 'apple-change-password', paths: [join(FIXTURES, 'change-password-URLs.json')], dir, log: (line) => lines.push(line) })).toBe(0);
    expect(lines).toContain('--- a/feed/portals/kaiser-permanente.json');
    expect(lines).toContain('+      "url": "https://healthy.kaiserpermanente.org/mychartcn/Extensibility/Redirection/FdiRedirection?option=profile",');
    expect(lines.at(-2)).toBe('4 entries read, 2 not about the catalogue, 0 already in the catalogue; 0 refused; 2 portal files would change.');
    expect(lines.at(-1)).toBe('nothing written (review the diff; --write writes these files for review, nothing else)');
    expect(snapshot(dir)).toEqual(before);
  });

  it('with --write: exactly the changed files, which validate as a catalogue', () => {
    const dir = copyOfPortals();
    const before = snapshot(dir);
    const lines: string[] = [];
    expect(runImport({ source: '2fa-directory', paths: [join(FIXTURES, '2fa-directory')], write: true, dir, log: (line) => lines.push(line) })).toBe(0);
    const after = snapshot(dir);
    expect(Object.keys(after).filter((name) => after[name] !== before[name])).toEqual(['followmyhealth.json', 'patient-access.json']);
    expect(loadCatalogue(dir).find((portal) => portal.id === 'followmyhealth')?.account?.twoStep?.status).toBe('optional');
    expect(lines.at(-1)).toBe('wrote 2 files in feed/portals/: review with git diff, then npm run feed -- catalogue. Nothing is signed or published.');
  });

  it('a refused file writes nothing, even with --write', () => {
    const dir = copyOfPortals();
    const before = snapshot(dir);
    const lines: string[] = [];
    expect(runImport({ source: 'smart-brands', paths: [join(FIXTURES, 'smart-brands-bundle.json')], write: true, dir, log: (line) => lines.push(line) })).toBe(1);
    expect(lines).toEqual(['refused: smart-brands needs --platform ID: the platform whose tenants the bundle lists (for example epic-mychart)', 'nothing written']);
    expect(snapshot(dir)).toEqual(before);
  });
});
