import { describe, expect, it } from 'vitest';
import { CATALOGUE, catalogueIndex, createPortalIndex, type UrlLookup } from './index';
import type { Portal } from './schema';

/** What a test cares about in a lookup, as plain data that `toEqual` can compare and print. */
type Outcome =
  | { kind: 'portal'; id: string; portalKind: Portal['kind']; displayName: string; how: string }
  | { kind: 'lookalike'; host: string; imitates: string }
  | { kind: 'none'; reason: string };

function outcome(lookup: UrlLookup): Outcome {
  switch (lookup.kind) {
    case 'portal':
      return { kind: 'portal', id: lookup.match.portal.id, portalKind: lookup.match.portal.kind, displayName: lookup.match.displayName, how: lookup.match.how };
    case 'lookalike':
      return { kind: 'lookalike', host: lookup.host, imitates: lookup.imitates.id };
    case 'none':
      return { kind: 'none', reason: lookup.reason };
  }
}

const hit = (id: string, portalKind: Portal['kind'], displayName: string, how: string): Outcome => ({ kind: 'portal', id, portalKind, displayName, how });
const lookalike = (host: string, imitates: string): Outcome => ({ kind: 'lookalike', host, imitates });
const none = (reason: string): Outcome => ({ kind: 'none', reason });

const MMH = (how = 'exact') => hit('managemyhealth', 'portal', 'Manage My Health', how);
const MYCHART = (how: string) => hit('epic-mychart', 'platform', 'MyChart', how);
const KP = (how: string) => hit('kaiser-permanente', 'portal', 'Kaiser Permanente', how);
const tenant = (organization: string) => hit('epic-mychart', 'platform', `${organization}’s MyChart`, 'tenant');
const iqhealth = (label: string) => hit('oracle-health', 'platform', `Oracle Health Patient Portal (${label})`, 'tenant-suffix');

// [input, expected]. Real URLs come from the sources cited in the catalogue.
const cases: [string, Outcome][] = [
  // ── Exact hosts, with real paths ──
  ['https://portal.managemyhealth.co.nz/', MMH()],
  ['https://managemyhealth.co.nz/faqs/two-step-verification/', MMH()],
  ['https://portal.managemyhealth.co.nz/m/Appointment/Index/52006C00470065006B006600560072005400410055003D00', MMH()],
  ['https://www.myindici.co.nz/', hit('myindici', 'portal', 'myindici', 'exact')],
  ['https://my.health.nz/', hit('nz-my-health-record', 'portal', 'My Health Record', 'exact')],
  ['https://my.gov.au/en/about/help/mygov-website/sign-in-to-mygov/use-passkeys', hit('mygov', 'portal', 'myGov', 'exact')],
  ['https://login.my.gov.au/', hit('mygov', 'portal', 'myGov', 'exact')],
  ['http://help.login.nhs.uk/manage/emailaddresses', hit('nhs-app', 'portal', 'NHS App and NHS login', 'exact')],
  ['https://patient.emisaccess.co.uk/Forgotten/UserId', hit('patient-access', 'portal', 'Patient Access', 'exact')],
  ['https://systmonline.tpp-uk.com/2/help/help.html', hit('systmonline', 'portal', 'SystmOnline', 'exact')],
  ['https://mychart.org/help', MYCHART('exact')],
  ['https://mychartcentral.com/PrivacyPolicy.aspx', MYCHART('exact')],
  ['https://nextmd.com/OnlineHelp/Content/153662.htm', hit('nextgen-nextmd', 'platform', 'NextMD', 'exact')],
  ['https://myidentity.platform.athenahealth.com/help/help?client_id=0oaku1tngsTH20pA1296', hit('athenahealth', 'platform', 'athenahealth Patient Portal', 'exact')],
  ['https://support.followmyhealth.com/2020/03/12/how-to-register-using-a-mobile-device-after-receiving-an-invitation/', hit('followmyhealth', 'platform', 'FollowMyHealth', 'exact')],
  ['https://kp.org/', KP('exact')],
  ['https://myhealth.alberta.ca/Help/kb/pages/content.aspx?cat=bb3a0090-c27c-4d3e-bad2-55eb79bc924a', hit('myhealth-alberta', 'portal', 'MyHealth Records', 'exact')],
  ['https://info.connectmyhealth.ca/faqs', hit('connectmyhealth', 'portal', 'ConnectMyHealth', 'exact')],

  // ── Subdomains, only where the rule says the whole domain is the operator's ──
  ['https://www.indici.co.nz/FAQs.html', hit('myindici', 'portal', 'myindici', 'subdomain')],
  ['https://www.healthengine.com.au/', hit('healthengine', 'portal', 'HealthEngine', 'subdomain')],
  ['https://www.mygp.com/faqs-mygp-ticket/', hit('mygp', 'portal', 'myGP', 'subdomain')],
  ['https://help.evergreen-life.co.uk/help-article/get-full-access-to-your-medical-record', hit('evergreen-life', 'portal', 'Evergreen Life', 'subdomain')],
  ['https://preview.mychart.org/l/en-us/help/two-factor-auth/', MYCHART('subdomain')],
  ['https://www.healow.com/support/jsp/faq/index.html', hit('healow', 'platform', 'healow', 'subdomain')],
  ['https://healthy.kaiserpermanente.org/consumer-sign-on/help-signing-in', KP('subdomain')],
  ['https://epiclink-ga.kp.org/', KP('subdomain')],
  ['https://www.myhealth.va.gov/mhv-portal-web/authentication', hit('va-my-healthevet', 'portal', 'My HealtheVet', 'subdomain')],

  // ── Platform tenants: named after the organisation that runs them ──
  ['https://mychart.clevelandclinic.org/default.asp?mode=stdfile&option=faq', tenant('Cleveland Clinic')],
  ['https://mychart.fairview.org/MyChart/Authentication/Login?mode=stdfile&option=hlthprivacy', tenant('M Health Fairview')],
  ['https://mychart.ochin.org/mychart/default.asp?mode=stdfile&option=faq', tenant('OCHIN')],
  ['https://mychart.balladhealth.org/mychart/Authentication/Login', tenant('Ballad Health')],
  ['https://mychart.womans.org/MyChart/Authentication/Login', tenant('Woman’s Hospital')],
  ['https://mymemorialcare.memorialcare.org/mychart/default.asp', tenant('MemorialCare')],
  ['https://barn-hs.iqhealth.com/self-enroll/', iqhealth('barn-hs')],
  // The tenant is the label right below the platform's domain, however deep the host is.
  ['https://auth.barn-hs.iqhealth.com/', iqhealth('barn-hs')],

  // ── Case, trailing dots, ports, userinfo: all normalised by URL before the lookup ──
  ['https://PORTAL.ManageMyHealth.CO.NZ/', MMH()],
  ['https://MYCHART.MHS.NET/MyChart/en-us/faq.asp', tenant('Memorial Healthcare System')],
  ['https://portal.managemyhealth.co.nz./', MMH()],
  ['https://kp.org./', KP('exact')],
  ['https://portal.managemyhealth.co.nz:443/', MMH()],
  ['https://mychart.clevelandclinic.org:8443/MyChart/', tenant('Cleveland Clinic')],
  ['http://portal.managemyhealth.co.nz/', MMH()],
  ['https://patient:secret@portal.managemyhealth.co.nz/', MMH()],
  // WHATWG URL treats "\" as "/" in https URLs: the host really is MMH's, the rest is path.
  ['https://portal.managemyhealth.co.nz\\@evil.example/', MMH()],
  // Full-width dots and letters are mapped to ASCII by IDNA, exactly as the browser navigates.
  ['https://mychart．clevelandclinic．org/', tenant('Cleveland Clinic')],
  ['https://ｋｐ.org/', KP('exact')],

  // ── Look-alike guide sites the catalogue lists, and their subdomains ──
  ['https://mychart-health.org/about-us/', lookalike('mychart-health.org', 'epic-mychart')],
  ['https://login.mychart-health.org/', lookalike('login.mychart-health.org', 'epic-mychart')],
  ['https://nextmd.online/', lookalike('nextmd.online', 'nextgen-nextmd')],
  ['https://myathenahealth.net/forgot-password/', lookalike('myathenahealth.net', 'athenahealth')],
  ['https://cettest.org/healow-app-patient-portal-login/', lookalike('cettest.org', 'healow')],
  ['https://www.cettest.org/', lookalike('www.cettest.org', 'healow')],

  // ── Adversarial hosts that merely contain a portal's name ──
  ['https://managemyhealth.co.nz.evil.example/', none('unknown-host')],
  ['https://evilmanagemyhealth.co.nz/', none('unknown-host')],
  ['https://managemyhealth.co.nz-login.com/', none('unknown-host')],
  ['https://portal-managemyhealth.co.nz/', none('unknown-host')],
  ['https://portal.managemyhealth.co.nz@evil.example/', none('unknown-host')],
  ['https://evil.example/https://portal.managemyhealth.co.nz/', none('unknown-host')],
  ['https://evil.example/?next=https%3A%2F%2Fportal.managemyhealth.co.nz', none('unknown-host')],
  ['https://mychart.clevelandclinic.org.evil.example/', none('unknown-host')],
  ['https://xkp.org/', none('unknown-host')],
  ['https://kp.org.evil.example/', none('unknown-host')],
  ['https://barn-hs.iqhealth.com.evil.example/', none('unknown-host')],
  ['https://managemyhealth.co/', none('unknown-host')],
  ['https://-kp.org/', none('unknown-host')],

  // ── Real hosts that are deliberately not claimed ──
  // Exact rules: neighbours of a tenant or a listed host are not the portal.
  ['https://www.clevelandclinic.org/', none('unknown-host')],
  ['https://evil.mychart.clevelandclinic.org/', none('unknown-host')],
  ['https://app.managemyhealth.co.nz/', none('unknown-host')],
  ['https://iqhealth.com/', none('unknown-host')],
  ['https://www.athenahealth.com/', none('unknown-host')],
  // Whole health websites that a host rule cannot limit to the portal's path.
  ['https://www.nhs.uk/nhs-app/nhs-app-help-and-support/nhs-app-account-and-settings/security-and-privacy/', none('unknown-host')],
  ['https://www.va.gov/resources/privacy-and-security-on-vagov/', none('unknown-host')],
  ['https://www.advocateaurorahealth.org/myadvocateaurora/faq', none('unknown-host')],
  // mychart.com was never seen in a source; Epic's site is mychart.org.
  ['https://mychart.com/', none('unknown-host')],
  ['https://co.nz/', none('unknown-host')],
  ['https://localhost/', none('unknown-host')],

  // ── Homographs: punycode, or Unicode that URL turns into punycode ──
  ['https://xn--mychrt-6nf.org/', none('idn')],
  ['https://mychаrt.org/', none('idn')], // Cyrillic а (U+0430)
  ['https://portal.manаgemyhealth.co.nz/', none('idn')], // Cyrillic а
  ['https://mychart.clevelandclіnic.org/', none('idn')], // Cyrillic і (U+0456)
  ['https://barn-hs.iqhеalth.com/', none('idn')], // Cyrillic е (U+0435)
  ['https://xn--80ak6aa92e.com/', none('idn')],

  // ── IP addresses, however written ──
  ['https://203.0.113.7/', none('ip-address')],
  ['https://[2001:db8::1]/', none('ip-address')],
  ['http://[::ffff:127.0.0.1]/', none('ip-address')],
  ['https://0x7f000001/', none('ip-address')],
  ['http://127.1/', none('ip-address')],

  // ── Not web pages ──
  ['javascript:alert(document.domain)', none('not-http')],
  ['data:text/html,<h1>Manage My Health</h1>', none('not-http')],
  ['file:///etc/passwd', none('not-http')],
  ['ftp://portal.managemyhealth.co.nz/', none('not-http')],
  ['wss://portal.managemyhealth.co.nz/', none('not-http')],
  ['blob:https://portal.managemyhealth.co.nz/0b1c2d3e', none('not-http')],
  ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html', none('not-http')],
  ['about:blank', none('not-http')],

  // ── Malformed ──
  ['', none('malformed-url')],
  ['   ', none('malformed-url')],
  ['portal.managemyhealth.co.nz', none('malformed-url')],
  ['//portal.managemyhealth.co.nz/', none('malformed-url')],
  ['https://', none('malformed-url')],
  ['https://exa mple.org/', none('malformed-url')],
  ['https://%zz/', none('malformed-url')],
  ['https://kp.org:99999/', none('malformed-url')],
  ['https://999.1.1.1/', none('malformed-url')],
  // Empty labels survive URL parsing but are no DNS name; the parent walk must not rescue them.
  ['https://.kp.org/', none('malformed-url')],
  ['https://a..kp.org/', none('malformed-url')],
  ['https://kp.org../', none('malformed-url')],
];

describe('catalogueIndex.lookupUrl', () => {
  it('has a table of at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)('%s', (input, expected) => {
    expect(outcome(catalogueIndex.lookupUrl(input))).toEqual(expected);
  });

  it('names the tenant and its path on a tenant match', () => {
    const lookup = catalogueIndex.lookupUrl('https://mychart.fairview.org/MyChart/Authentication/Login');
    expect(lookup.kind === 'portal' && lookup.match.tenant).toEqual({ organization: 'M Health Fairview', host: 'mychart.fairview.org', path: '/MyChart' });
  });
});

/** A small catalogue that exercises every kind of rule on its own. */
const fixture: Portal[] = [
  {
    id: 'fixture-exact',
    name: 'Exact Portal',
    operator: 'Fixture',
    country: 'NZ',
    kind: 'portal',
    hosts: [{ host: 'portal.example.org', match: 'exact', evidence: 'official' }],
    sources: ['https://portal.example.org/'],
  },
  {
    id: 'fixture-wide',
    name: 'Wide Portal',
    operator: 'Fixture',
    country: 'AU',
    kind: 'portal',
    hosts: [{ host: 'wide.example.net', match: 'subdomains', evidence: 'official' }],
    sources: ['https://wide.example.net/'],
  },
  {
    id: 'fixture-platform',
    name: 'Platform',
    operator: 'Fixture',
    country: 'US',
    kind: 'platform',
    hosts: [{ host: 'platform.example.com', match: 'exact', evidence: 'official' }],
    tenants: [{ host: 'care.example.org', organization: 'Example Care', evidence: 'official', sources: ['https://care.example.org/'] }],
    // The second suffix sits inside fixture-wide's subdomain rule: the nearer rule must win.
    tenantSuffixes: [
      { suffix: 'tenants.example.com', evidence: 'official' },
      { suffix: 'tenants.wide.example.net', evidence: 'official' },
    ],
    lookalikes: ['platform-example.net'],
    sources: ['https://platform.example.com/'],
  },
  // Claims a host the first entry already has: the index must keep the reviewed, earlier claim.
  {
    id: 'fixture-late',
    name: 'Late Claim',
    operator: 'Fixture',
    country: 'UK',
    kind: 'portal',
    hosts: [{ host: 'portal.example.org', match: 'subdomains', evidence: 'unverified' }],
    sources: ['https://example.org/'],
  },
];

describe('createPortalIndex', () => {
  const index = createPortalIndex(fixture);

  // [host, id, displayName, how] or [host, undefined] for no match.
  const hosts: [string, string | undefined, string?, string?][] = [
    ['portal.example.org', 'fixture-exact', 'Exact Portal', 'exact'],
    // fixture-late's subdomain rule is the first claim *below* portal.example.org, so it answers there.
    ['www.portal.example.org', 'fixture-late', 'Late Claim', 'subdomain'],
    ['example.org', undefined],
    ['wide.example.net', 'fixture-wide', 'Wide Portal', 'exact'],
    ['a.b.c.wide.example.net', 'fixture-wide', 'Wide Portal', 'subdomain'],
    ['notwide.example.net', undefined],
    ['platform.example.com', 'fixture-platform', 'Platform', 'exact'],
    ['www.platform.example.com', undefined],
    ['care.example.org', 'fixture-platform', 'Example Care’s Platform', 'tenant'],
    ['clinic.care.example.org', undefined],
    ['acme.tenants.example.com', 'fixture-platform', 'Platform (acme)', 'tenant-suffix'],
    ['login.acme.tenants.example.com', 'fixture-platform', 'Platform (acme)', 'tenant-suffix'],
    ['tenants.example.com', undefined],
    ['acme.tenants.wide.example.net', 'fixture-platform', 'Platform (acme)', 'tenant-suffix'],
    ['tenants.wide.example.net', 'fixture-wide', 'Wide Portal', 'subdomain'],
    // A lookalike is never a match: lookupHost answers "is this the portal?".
    ['platform-example.net', undefined],
    ['www.platform-example.net', undefined],
    // lookupHost's contract is a normalised host (as URL#hostname gives it); it does no cleaning.
    ['PORTAL.EXAMPLE.ORG', undefined],
  ];

  it.each(hosts)('lookupHost(%s)', (host, id, displayName, how) => {
    const match = index.lookupHost(host);
    if (id === undefined) expect(match).toBeUndefined();
    else expect(match && { id: match.portal.id, displayName: match.displayName, how: match.how, host: match.host }).toEqual({ id, displayName, how, host });
  });

  it.each([
    ['https://platform-example.net/login', lookalike('platform-example.net', 'fixture-platform')],
    ['https://sub.platform-example.net/', lookalike('sub.platform-example.net', 'fixture-platform')],
    ['https://acme.tenants.example.com/', hit('fixture-platform', 'platform', 'Platform (acme)', 'tenant-suffix')],
  ] as [string, Outcome][])('lookupUrl(%s)', (input, expected) => {
    expect(outcome(index.lookupUrl(input))).toEqual(expected);
  });

  it('returns one shared, frozen match for a host’s own rule, so repeat lookups allocate nothing', () => {
    const first = index.lookupHost('care.example.org');
    expect(index.lookupHost('care.example.org')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.tenant)).toBe(true);
    // The lookalike sharing that map never turns into a match, however often it is looked up.
    expect(index.lookupHost('platform-example.net')).toBeUndefined();
    expect(outcome(index.lookupUrl('https://platform-example.net/'))).toEqual(lookalike('platform-example.net', 'fixture-platform'));
  });

  it('names the looked-up host in a match from a subdomain rule', () => {
    expect(index.lookupHost('x.wide.example.net')?.host).toBe('x.wide.example.net');
    expect(index.lookupHost('y.wide.example.net')?.host).toBe('y.wide.example.net');
  });

  it('keeps the first claim when a later portal claims the same host', () => {
    expect(index.lookupHost('portal.example.org')?.portal.id).toBe('fixture-exact');
  });

  it('finds portals by id', () => {
    expect(index.byId('fixture-wide')?.name).toBe('Wide Portal');
    expect(index.byId('missing')).toBeUndefined();
    expect(catalogueIndex.byId('health-gateway-bc')?.hosts).toEqual([]);
  });

  it('an empty catalogue matches nothing', () => {
    expect(outcome(createPortalIndex([]).lookupUrl('https://portal.managemyhealth.co.nz/'))).toEqual(none('unknown-host'));
  });
});

/**
 * Fixed-seed integers in [0, n), so a failing input is reproducible. xorshift32: all 32 bits stay
 * exact in int32 arithmetic, unlike an LCG multiplied in doubles, whose low bits also cycle fast.
 */
function seededInts(seed: number): (n: number) => number {
  let state = seed | 0 || 1;
  return (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}

/**
 * The plainest correct answer: try the host's own rule, then each parent from the nearest, by
 * slicing. Slow and allocating, but obviously right; the index must agree with it everywhere.
 */
function referenceLookup(portals: readonly Portal[], host: string): string | undefined {
  const own = new Map<string, string>();
  const below = new Map<string, string>();
  const claim = (map: Map<string, string>, key: string, value: string) => {
    if (!map.has(key)) map.set(key, value);
  };
  for (const portal of portals) {
    for (const rule of portal.hosts) {
      claim(own, rule.host, portal.id);
      if (rule.match === 'subdomains') claim(below, rule.host, portal.id);
    }
    for (const tenant of portal.tenants ?? []) claim(own, tenant.host, portal.id);
    for (const { suffix } of portal.tenantSuffixes ?? []) claim(below, suffix, portal.id);
    for (const lookalikeHost of portal.lookalikes ?? []) {
      claim(own, lookalikeHost, `lookalike:${portal.id}`);
      claim(below, lookalikeHost, `lookalike:${portal.id}`);
    }
  }
  if (own.has(host)) return own.get(host);
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    const parent = below.get(host.slice(dot + 1));
    if (parent !== undefined) return parent;
  }
  return undefined;
}

describe('the index agrees with a plain reference walk', () => {
  const portals: readonly Portal[] = [...CATALOGUE, ...fixture];
  const index = createPortalIndex(portals);
  const claimed = portals.flatMap((portal) => [
    ...portal.hosts.map((rule) => rule.host),
    ...(portal.tenants ?? []).map((tenant) => tenant.host),
    ...(portal.tenantSuffixes ?? []).map((rule) => rule.suffix),
    ...(portal.lookalikes ?? []),
  ]);

  it('on 20,000 hosts generated from the catalogue’s own hosts', () => {
    const next = seededInts(0xc0ffee);
    const prefixes = ['', 'www.', 'a.', 'a.b.', 'login.', 'barn-hs.', 'x-', 'evil', 'my', 'mychart.'];
    const suffixes = ['', '', '', '.evil.example', '-login.com', '.org', 'x'];
    for (let i = 0; i < 20_000; i++) {
      const base = claimed[next(claimed.length)] ?? 'kp.org';
      let host = `${prefixes[next(prefixes.length)] ?? ''}${base}${suffixes[next(suffixes.length)] ?? ''}`;
      // Now and then drop a label from the left, to land on a parent of a claimed host.
      if (next(5) === 0 && host.includes('.')) host = host.slice(host.indexOf('.') + 1);
      const expected = referenceLookup(portals, host);
      const actual = index.lookupHost(host)?.portal.id;
      const lookup = index.lookupUrl(`https://${host}/`);
      const viaUrl = lookup.kind === 'portal' ? lookup.match.portal.id : lookup.kind === 'lookalike' ? `lookalike:${lookup.imitates.id}` : undefined;
      expect({ host, found: actual }).toEqual({ host, found: expected?.startsWith('lookalike:') ? undefined : expected });
      expect({ host, found: viaUrl }).toEqual({ host, found: expected });
    }
  });
});

describe('lookups never throw', () => {
  const garbage = [
    '\u0000',
    '\uD800', // lone surrogate
    'https://\uD800.org/',
    '%',
    'https://[::1',
    'https://xn--/',
    'https://' + 'a.'.repeat(120) + 'kp.org/',
    'https://' + 'a'.repeat(70) + '.kp.org/',
    'https://' + 'x'.repeat(100_000) + '.org/',
    '\u202Ehttps://kp.org/',
    'https://kp.org\u3002/',
    'HTTPS://KP.ORG',
    'https:kp.org',
    'https:/\\/kp.org',
    'https://@/',
    'https://:@kp.org/',
    '..',
    '.',
    'javascript://kp.org/%0Aalert(1)',
  ];

  it.each(garbage.map((input) => [JSON.stringify(input).slice(0, 60), input]))('lookupUrl(%s)', (_label, input) => {
    expect(() => catalogueIndex.lookupUrl(input)).not.toThrow();
    expect(['portal', 'lookalike', 'none']).toContain(catalogueIndex.lookupUrl(input).kind);
  });

  it.each(garbage.map((input) => [JSON.stringify(input).slice(0, 60), input]))('lookupHost(%s)', (_label, input) => {
    expect(() => catalogueIndex.lookupHost(input)).not.toThrow();
  });

  it('survives 5,000 random URL-ish strings', () => {
    const next = seededInts(0x5eed);
    const alphabet = ['https://', 'http://', ':', '/', '.', '..', '@', '[', ']', '%', '\\', '?', '#', 'xn--', 'kp', 'org', 'co.nz', 'а', '．', ' ', '0', '1', '-'];
    for (let i = 0; i < 5_000; i++) {
      let input = '';
      const length = next(12);
      for (let j = 0; j < length; j++) input += alphabet[next(alphabet.length)];
      const result = catalogueIndex.lookupUrl(input);
      expect(['portal', 'lookalike', 'none']).toContain(result.kind);
      catalogueIndex.lookupHost(input);
    }
  });
});
