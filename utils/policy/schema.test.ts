import { describe, expect, it } from 'vitest';
import { PRODUCTION_KEYS } from '../feed/keys';
import { RIVERSIDE_NOTICE, RIVERSIDE_POLICY, RIVERSIDE_PORTAL } from './fixtures';
import { POLICY_LIMITS, parsePolicy, parseFeedUrl, type PolicyProblem } from './schema';

const reasons = (problems: PolicyProblem[]) => problems.map(({ where, key, reason }) => `${where || key}: ${reason}`);

describe.each([
  [{ trackerAudit: false }, false],
  [{ trackerAudit: true }, true],
  [{}, undefined],
] as const)('parsePolicy: trackerAudit in %j', (raw, expected) => {
  it(`reads ${String(expected)}, with no problem`, () => {
    const { policy, problems, keys } = parsePolicy(raw);
    expect(problems).toEqual([]);
    expect(policy.trackerAudit).toBe(expected);
    expect(keys).toEqual(Object.keys(raw));
  });
});

describe('parsePolicy: a complete, valid policy', () => {
  const { policy, problems, keys } = parsePolicy(RIVERSIDE_POLICY);

  it('has no problems and reports every key as set', () => {
    expect(problems).toEqual([]);
    expect(keys.sort()).toEqual(Object.keys(RIVERSIDE_POLICY).sort());
  });

  it('reads the organisation, the switches and the feed', () => {
    expect(policy.organization).toEqual({ name: 'Riverside Medical Centre', supportUrl: 'https://www.riversidemedical.co.nz/portal-help', phone: '+64 9 555 0100' });
    expect(policy.pwnedPasswordsCheck).toBe('disallowed');
    expect(policy.sharedComputerMode).toBe(true);
    expect(policy.feedUrl).toBe('https://feed.portal-guard.org/v1/feed.json');
    expect(policy.additionalFeedKeys).toEqual([{ keyId: 'riverside-2026-1', alg: 'Ed25519', publicKey: 'WvTFNDckPXIn2RHzmPmwA-j9dmPDxrYZUcf-FHMOgoA' }]);
  });

  it('turns the portal into a catalogue-shaped portal with its account facts', () => {
    expect(policy.additionalPortals).toHaveLength(1);
    const [{ origin, portal }] = policy.additionalPortals as [(typeof policy.additionalPortals)[number]];
    expect(origin).toBe('policy');
    expect(portal).toMatchObject({
      id: 'riverside-myindici',
      name: 'Riverside Medical Centre patient portal',
      operator: 'Riverside Medical Centre',
      country: 'NZ',
      kind: 'portal',
      hosts: [{ host: 'riverside.myindici.co.nz', match: 'exact', evidence: 'official' }],
      homeUrl: 'https://riverside.myindici.co.nz/',
      account: {
        changePassword: { directions: 'Profile → Change password' },
        twoStep: { status: 'unknown', location: 'Profile → Security → Two-step verification' },
        export: { directions: 'Health Records → Download my record' },
      },
    });
  });

  it('keeps the local notice as a feed notice', () => {
    expect(policy.localNotices.map((notice) => notice.id)).toEqual([RIVERSIDE_NOTICE.id]);
    expect(policy.localNotices[0]!.notAffected).toEqual([]);
  });
});

describe('parsePolicy: nothing set', () => {
  it.each([undefined, null, {}])('%j is an empty policy without problems', (raw) => {
    expect(parsePolicy(raw)).toEqual({ policy: { additionalPortals: [], additionalFeedKeys: [], localNotices: [] }, problems: [], keys: [] });
  });

  it.each([['a string', 'policy'], ['a list', []], ['a number', 3]])('%s at the top is one problem', (_label, raw) => {
    expect(reasons(parsePolicy(raw).problems)).toEqual(['(policy): the policy must be an object of keys']);
  });
});

/** Each row: one bad key or value beside the good policy; the bad part is refused with its reason, the rest applies. */
const BAD: { name: string; change: Record<string, unknown>; expected: string[] }[] = [
  { name: 'an unknown key', change: { telemetry: true }, expected: ['telemetry: unknown key, ignored (the keys are organization, additionalPortals, feedUrl, additionalFeedKeys, pwnedPasswordsCheck, sharedComputerMode, trackerAudit, localNotices)'] },
  { name: 'trackerAudit as a string', change: { trackerAudit: 'off' }, expected: ['trackerAudit: must be true or false; got "off"'] },
  { name: 'trackerAudit as a number', change: { trackerAudit: 0 }, expected: ['trackerAudit: must be true or false; got 0'] },
  { name: 'sharedComputerMode as a string', change: { sharedComputerMode: 'yes' }, expected: ['sharedComputerMode: must be true or false; got "yes"'] },
  { name: 'pwnedPasswordsCheck misspelt', change: { pwnedPasswordsCheck: 'Disallowed' }, expected: ['pwnedPasswordsCheck: must be one of "allowed", "disallowed", "user-choice"; got "Disallowed"'] },
  { name: 'an http feed', change: { feedUrl: 'http://feed.portal-guard.org/v1/feed.json' }, expected: ['feedUrl: http:// is not allowed: the feed must come over https://'] },
  {
    name: 'a feed on another origin',
    change: { feedUrl: 'https://feed.riversidemedical.co.nz/feed.json' },
    expected: [
      'feedUrl: https://feed.riversidemedical.co.nz is not a feed host this build of Portal Guard may connect to (https://feed.portal-guard.org). The hosts are fixed when Portal Guard is built, because the same rule keeps the export review off the network; see “Your own feed mirror” in docs/deploy.md',
    ],
  },
  { name: 'a feed URL with a password', change: { feedUrl: 'https://admin:secret@feed.portal-guard.org/v1/feed.json' }, expected: ['feedUrl: the address must not carry a user name or password'] },
  { name: 'a feed URL that is a number', change: { feedUrl: 42 }, expected: ['feedUrl: must be an https:// address; got 42'] },
  { name: 'organization without a name', change: { organization: { supportUrl: 'https://www.riversidemedical.co.nz/' } }, expected: ['organization.name: must be the organisation’s name, 1 to 100 characters; without it the organisation is not shown'] },
  { name: 'organization as a string', change: { organization: 'Riverside' }, expected: ['organization: must be an object with a name; got "Riverside"'] },
  {
    name: 'additionalPortals as an object',
    change: { additionalPortals: { id: 'x' } },
    // The local notice names the portal that could not be added, so it goes too, with its own reason.
    expected: ['additionalPortals: must be a list; got an object', 'localNotices[0].portals: riverside-myindici is neither a catalogue portal nor one of additionalPortals'],
  },
  { name: 'localNotices as a string', change: { localNotices: 'none' }, expected: ['localNotices: must be a list; got "none"'] },
  { name: 'a feed key with the wrong algorithm', change: { additionalFeedKeys: [{ keyId: 'riverside-2026-1', alg: 'RSA', publicKey: 'WvTFNDckPXIn2RHzmPmwA-j9dmPDxrYZUcf-FHMOgoA' }] }, expected: ['additionalFeedKeys[0].alg: must be "Ed25519"'] },
  {
    name: 'a feed key that is too short',
    change: { additionalFeedKeys: [{ keyId: 'riverside-2026-1', alg: 'Ed25519', publicKey: 'AAAA' }] },
    expected: ['additionalFeedKeys[0].publicKey: must be a raw 32-byte Ed25519 public key in base64url, as `npm run feed -- keygen` prints it'],
  },
  {
    name: 'a feed key that takes a built-in key id',
    change: { additionalFeedKeys: [{ keyId: PRODUCTION_KEYS[0]!.keyId, alg: 'Ed25519', publicKey: 'WvTFNDckPXIn2RHzmPmwA-j9dmPDxrYZUcf-FHMOgoA' }] },
    expected: [`additionalFeedKeys[0].keyId: ${PRODUCTION_KEYS[0]!.keyId} is a key built into Portal Guard; an organisation key needs its own id`],
  },
];

describe.each(BAD)('parsePolicy with $name', ({ change, expected }) => {
  const { policy, problems } = parsePolicy({ ...RIVERSIDE_POLICY, ...change });

  it('refuses that part with a reason', () => {
    expect(reasons(problems)).toEqual(expected);
  });

  it('still applies every other key', () => {
    const good = parsePolicy(RIVERSIDE_POLICY).policy;
    for (const key of ['organization', 'additionalPortals', 'feedUrl', 'pwnedPasswordsCheck', 'sharedComputerMode', 'trackerAudit', 'localNotices', 'additionalFeedKeys'] as const) {
      if (key in change || (key === 'localNotices' && 'additionalPortals' in change)) continue;
      expect(policy[key], key).toEqual(good[key]);
    }
  });
});

describe('parsePolicy: organisation fields one by one', () => {
  it('drops a bad support URL or phone but still shows the name', () => {
    const { policy, problems } = parsePolicy({ organization: { name: 'Riverside Medical Centre', supportUrl: 'http://www.riversidemedical.co.nz/', phone: 'call us', fax: '1' } });
    expect(policy.organization).toEqual({ name: 'Riverside Medical Centre' });
    expect(reasons(problems)).toEqual([
      'organization.fax: unknown field, ignored (the fields are name, supportUrl, phone)',
      'organization.supportUrl: must be an https:// address; got "http://www.riversidemedical.co.nz/"',
      'organization.phone: must be a phone number such as +64 9 555 0100; got "call us"',
    ]);
  });
});

/** Hosts an administrator might type, and what happens to each. */
const HOSTS: [string, string | { host: string; match: 'exact' | 'subdomains' }][] = [
  ['riverside.myindici.co.nz', { host: 'riverside.myindici.co.nz', match: 'exact' }],
  ['Riverside.MyIndici.co.nz.', { host: 'riverside.myindici.co.nz', match: 'exact' }],
  ['*.riversidemedical.co.nz', { host: 'riversidemedical.co.nz', match: 'subdomains' }],
  ['*', '"*" would cover every site; name the portal\'s own host'],
  ['*.co.nz', 'co.nz is a public suffix'],
  ['co.nz', 'co.nz is a public suffix'],
  ['*.nhs.uk', 'nhs.uk is a public suffix'],
  ['*.riverside.myindici.co.nz', { host: 'riverside.myindici.co.nz', match: 'subdomains' }],
  ['192.168.1.20', '192.168.1.20 is an IP address, not a portal'],
  ['localhost', 'localhost is not a host name such as portal.clinic.example'],
  ['intranet.local', 'intranet.local is not under a known public suffix'],
  ['https://riverside.myindici.co.nz/', 'https://riverside.myindici.co.nz/: give a host name such as portal.clinic.example, not a URL'],
  ['xn--mychrt-9aj.org', 'xn--mychrt-9aj.org: punycode (international) host names are not accepted, as look-alikes use them'],
  ['portal.*.co.nz', 'portal.*.co.nz: only a leading "*." is allowed'],
  ['portal.managemyhealth.co.nz', 'portal.managemyhealth.co.nz is already recognised as Manage My Health'],
  ['*.managemyhealth.co.nz', 'managemyhealth.co.nz is already recognised as Manage My Health'],
  ['*.clevelandclinic.org', '*.clevelandclinic.org would take over mychart.clevelandclinic.org, which the catalogue already recognises'],
  ['other.indici.co.nz', 'other.indici.co.nz is already recognised as myindici'],
];

describe.each(HOSTS)('an additional portal with host %j', (host, expected) => {
  it(typeof expected === 'string' ? 'is refused with the reason' : 'becomes a host rule', () => {
    const { policy, problems } = parsePolicy({ additionalPortals: [{ ...RIVERSIDE_PORTAL, hosts: ['riverside.myindici.co.nz', host], homeUrl: undefined, signOutUrl: undefined }] });
    if (typeof expected === 'string') {
      expect(reasons(problems)).toEqual([`additionalPortals[0].hosts[1]: ${expected}`]);
      // The portal keeps its good host.
      expect(policy.additionalPortals[0]?.portal.hosts.map((rule) => rule.host)).toEqual(['riverside.myindici.co.nz']);
    } else {
      expect(problems).toEqual([]);
      expect(policy.additionalPortals[0]?.portal.hosts).toContainEqual({ ...expected, evidence: 'official' });
    }
  });
});

describe('parsePolicy: additional portals as a whole', () => {
  it('refuses a portal with no usable host, a catalogue id, a duplicate id, a link off its hosts, and unknown fields, keeping the good one', () => {
    const { policy, problems } = parsePolicy({
      additionalPortals: [
        { ...RIVERSIDE_PORTAL, id: 'only-bad', hosts: ['*', 'co.nz'], homeUrl: undefined, signOutUrl: undefined },
        { ...RIVERSIDE_PORTAL, id: 'managemyhealth' },
        RIVERSIDE_PORTAL,
        { ...RIVERSIDE_PORTAL, name: 'Again' },
        { ...RIVERSIDE_PORTAL, id: 'elsewhere', hosts: ['portal.riversidemedical.co.nz'], homeUrl: 'https://evil.example.com/' },
        { ...RIVERSIDE_PORTAL, id: 'typo', hostz: ['x.riversidemedical.co.nz'] },
        { id: 'Bad Id', name: '', country: 'FR', hosts: [] },
      ],
    });
    expect(policy.additionalPortals.map(({ portal }) => portal.id)).toEqual(['riverside-myindici']);
    expect(reasons(problems)).toEqual([
      'additionalPortals[0].hosts[0]: "*" would cover every site; name the portal\'s own host',
      'additionalPortals[0].hosts[1]: co.nz is a public suffix',
      'additionalPortals[0].hosts: no usable host is left, so the portal is not added',
      'additionalPortals[1].id: managemyhealth is a catalogue portal\'s id; choose another',
      'additionalPortals[3].id: riverside-myindici is used by an earlier portal',
      'additionalPortals[4].homeUrl: https://evil.example.com/ is not on one of this portal\'s hosts',
      'additionalPortals[5]: unknown field "hostz"',
      'additionalPortals[6].id: must be kebab-case, like riverside-myindici',
      'additionalPortals[6].name: Too small: expected string to have >=1 characters',
      'additionalPortals[6].country: must be one of "NZ", "AU", "UK", "US", "CA"',
      'additionalPortals[6].hosts: needs at least one host',
    ]);
  });

  it('refuses a second portal that claims a host an earlier one took', () => {
    const { policy, problems } = parsePolicy({ additionalPortals: [RIVERSIDE_PORTAL, { ...RIVERSIDE_PORTAL, id: 'copy' }] });
    expect(policy.additionalPortals).toHaveLength(1);
    expect(reasons(problems)).toEqual([
      'additionalPortals[1].hosts[0]: riverside.myindici.co.nz is already recognised as Riverside Medical Centre patient portal',
      'additionalPortals[1].hosts: no usable host is left, so the portal is not added',
    ]);
  });

  it('uses only the first entries of a huge list, and says so', () => {
    const huge = Array.from({ length: 5_000 }, (_, index) => ({ id: `practice-${index}`, name: `Practice ${index}`, country: 'NZ', hosts: [`p${index}.riversidemedical.co.nz`] }));
    const started = performance.now();
    const { policy, problems } = parsePolicy({ additionalPortals: huge });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(policy.additionalPortals).toHaveLength(POLICY_LIMITS.additionalPortals);
    expect(reasons(problems)).toEqual([`additionalPortals[${POLICY_LIMITS.additionalPortals}…]: only the first ${POLICY_LIMITS.additionalPortals} of 5000 entries are used`]);
  });

  it('refuses too many hosts on one portal', () => {
    const { policy, problems } = parsePolicy({ additionalPortals: [{ ...RIVERSIDE_PORTAL, hosts: Array.from({ length: 50 }, (_, index) => `p${index}.riversidemedical.co.nz`), homeUrl: undefined, signOutUrl: undefined }] });
    expect(policy.additionalPortals).toEqual([]);
    expect(reasons(problems)).toEqual(['additionalPortals[0].hosts: at most 20 hosts']);
  });
});

describe('parsePolicy: local notices', () => {
  it('refuses a notice that names an unknown portal, names none, repeats an id, or breaks the notice schema', () => {
    const { policy, problems } = parsePolicy({
      additionalPortals: [RIVERSIDE_PORTAL],
      localNotices: [
        { ...RIVERSIDE_NOTICE, portals: ['riverside-mychart'] },
        { ...RIVERSIDE_NOTICE, portals: [] },
        RIVERSIDE_NOTICE,
        RIVERSIDE_NOTICE,
        { ...RIVERSIDE_NOTICE, id: 'nz-riverside-2026-12', links: [{ title: 'Sign in here', url: 'javascript:alert(1)', official: true }] },
        { ...RIVERSIDE_NOTICE, id: 'nz-riverside-2026-10', portals: ['managemyhealth'] },
      ],
    });
    expect(policy.localNotices.map((notice) => notice.id)).toEqual(['nz-riverside-2026-11', 'nz-riverside-2026-10']);
    expect(reasons(problems)).toEqual([
      'localNotices[0].portals: riverside-mychart is neither a catalogue portal nor one of additionalPortals',
      'localNotices[1].portals: a local notice must name at least one portal it is shown on',
      'localNotices[3].id: nz-riverside-2026-11 is listed twice',
      'localNotices[4].links[0].url: links must be https:// URLs',
    ]);
  });

  it('refuses a notice for a policy portal that was itself refused', () => {
    const { policy, problems } = parsePolicy({ additionalPortals: [{ ...RIVERSIDE_PORTAL, hosts: ['co.nz'], homeUrl: undefined, signOutUrl: undefined }], localNotices: [RIVERSIDE_NOTICE] });
    expect(policy.localNotices).toEqual([]);
    expect(reasons(problems)).toContain('localNotices[0].portals: riverside-myindici is neither a catalogue portal nor one of additionalPortals');
  });
});

describe('parseFeedUrl', () => {
  it.each([
    ['https://feed.portal-guard.org/v1/feed.json', 'https://feed.portal-guard.org/v1/feed.json'],
    ['https://feed.portal-guard.org/nz/feed.json', 'https://feed.portal-guard.org/nz/feed.json'],
    ['https://FEED.portal-guard.org:443/v1/feed.json', 'https://feed.portal-guard.org/v1/feed.json'],
  ])('accepts %s on the built-in origin', (raw, url) => {
    expect(parseFeedUrl(raw)).toEqual({ url });
  });

  it('accepts a mirror origin that the build lists', () => {
    expect(parseFeedUrl('https://mirror.riversidemedical.co.nz/feed.json', ['https://feed.portal-guard.org', 'https://mirror.riversidemedical.co.nz'])).toEqual({ url: 'https://mirror.riversidemedical.co.nz/feed.json' });
  });

  it.each(['ftp://feed.portal-guard.org/feed.json', 'feed.portal-guard.org/v1/feed.json', 'https://feed.portal-guard.org:8443/v1/feed.json', 'https://feed.portal-guard.org.evil.example/v1/feed.json'])('refuses %s', (raw) => {
    expect(parseFeedUrl(raw)).toHaveProperty('reason');
  });
});
