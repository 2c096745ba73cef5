import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue';
import { detectPlatform, requiredKinds, signalTable, type SignalTable } from './platform-signals';
import { catalogueSchema, type Portal } from './schema';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/platform-pages');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const TABLE = signalTable(CATALOGUE as readonly Portal[]);

// A sign-in page with no platform's assets, for the pages that are named by host and path.
const PLAIN = fixture('plain-login.html');

describe('detectPlatform: real platform pages are named', () => {
  it.each([
    // An unlisted MyChart tenant (issue 12's example), on the page MyChart tenants serve.
    ['MyChart at UW Health', 'https://mychart.uwhealth.org/MyChart/Authentication/Login', 'mychart-login.html', 'epic-mychart', ['mychart-login-path', 'mychart-prelogin-script', 'mychart-wp-script', 'mychart-prelogin-style', 'mychart-jsenabled-field']],
    ['MyChart’s terms page', 'https://mychart.uwhealth.org/MyChart/default.asp?mode=stdfile&option=termsandconditions', 'mychart-login.html', 'epic-mychart', ['mychart-stdfile-path', 'mychart-prelogin-script', 'mychart-wp-script', 'mychart-prelogin-style', 'mychart-jsenabled-field']],
    ['MyChart at a /mychartprd/ root (Vanderbilt, 2018)', 'https://www.myhealthatvanderbilt.com/mychartprd/', 'mychart-login.html', 'epic-mychart', ['mychart-default-asp-path', 'mychart-prelogin-script', 'mychart-wp-script', 'mychart-prelogin-style', 'mychart-jsenabled-field']],
    ['NextMD sign-in', 'https://www.nextmd.com/ud2/Login/Login.aspx', 'nextmd-login.html', 'nextgen-nextmd', ['nextmd-login-path', 'nextmd-script', 'nextmd-theme', 'nextmd-username-field', 'nextmd-password-field']],
    ['an eClinicalWorks practice portal (healow)', 'https://mycw52.eclinicalweb.com/portal6061/jsp/100mp/login.jsp', 'plain-login.html', 'healow', ['ecw-host', 'ecw-login-path']],
    ['an eClinicalWorks cloud portal, one-time-code sign-in', 'https://mycw217.ecwcloud.com/portal26390/jsp/100mp/login_otp.jsp', 'plain-login.html', 'healow', ['ecw-host', 'ecw-login-path']],
    ['a FollowMyHealth tenant', 'https://vaeye.followmyhealth.com/Login/Home/Index?authproviders=0&returnArea=PatientAccess', 'plain-login.html', 'followmyhealth', ['fmh-host', 'fmh-login-path']],
    ['a HealtheLife tenant’s enrolment', 'https://coxhealthexpress.iqhealth.com/self-enroll/', 'plain-login.html', 'oracle-health', ['healthelife-host', 'healthelife-self-enroll-path']],
  ])('%s', (_label, url, page, platformId, matched) => {
    const detection = detectPlatform(parse(fixture(page)), new URL(url), TABLE);
    expect(detection).toEqual({ platformId, platformName: TABLE.find((entry) => entry.id === platformId)!.name, host: new URL(url).hostname, matched });
  });

  it('names the platform and the address, nothing about who runs it', () => {
    const detection = detectPlatform(parse(fixture('mychart-login.html')), new URL('https://mychart.uwhealth.org/MyChart/Authentication/Login'), TABLE);
    expect(Object.keys(detection!).sort()).toEqual(['host', 'matched', 'platformId', 'platformName']);
    expect(JSON.stringify(detection)).not.toMatch(/UW Health|organi[sz]ation|operator/);
  });
});

describe('detectPlatform: look-alikes and hostile pages are not named', () => {
  it.each([
    // Issue 12's look-alike: MyChart's path on a generic phishing form.
    ['a copy of the path only', 'https://mychart-uwhealth.org/MyChart/Authentication/Login', PLAIN],
    // MyChart's scripts, stylesheet and field names, served at the copy's own path.
    ['a copy of the assets and fields only', 'https://mychart-uwhealth.org/login', fixture('mychart-assets-only.html')],
    // The path and the fields, with the scripts linked from the real tenant rather than served.
    ['a copy that hotlinks the real tenant’s scripts', 'https://mychart-uwhealth.org/MyChart/Authentication/Login', fixture('mychart-hotlinked.html')],
    ['NextMD’s path on a plain form', 'https://nextmd-login.example.com/ud2/Login/Login.aspx', PLAIN],
    ['eClinicalWorks’ path on another host', 'https://mycw52-eclinicalweb.com/portal6061/jsp/100mp/login.jsp', PLAIN],
    ['eClinicalWorks’ host name inside another domain', 'https://mycw52.eclinicalweb.com.example.net/portal6061/jsp/100mp/login.jsp', PLAIN],
    ['FollowMyHealth’s path on another host', 'https://followmyhealth-login.com/Login/Home/Index?returnArea=PatientAccess', PLAIN],
    ['a full MyChart copy at an IPv4 address', 'https://192.0.2.10/MyChart/Authentication/Login', fixture('mychart-login.html')],
    ['a full MyChart copy at an IPv6 address', 'https://[2001:db8::10]/MyChart/Authentication/Login', fixture('mychart-login.html')],
    ['a full MyChart copy over plain http', 'http://mychart.uwhealth.org/MyChart/Authentication/Login', fixture('mychart-login.html')],
    ['a single-label intranet host', 'https://mychart/MyChart/Authentication/Login', fixture('mychart-login.html')],
  ])('%s', (_label, url, html) => {
    expect(detectPlatform(parse(html), new URL(url), TABLE)).toBeUndefined();
  });

  it('names neither platform on a page that carries two platforms’ signals in full', () => {
    const both = parse(fixture('mychart-login.html'));
    const nextmd = parse(fixture('nextmd-login.html'));
    for (const node of [...nextmd.head.children, ...nextmd.body.children]) both.body.append(both.importNode(node, true));
    const table: SignalTable = [...TABLE, { id: 'second-mychart', name: 'Second', signals: TABLE.find((entry) => entry.id === 'epic-mychart')!.signals }];
    expect(detectPlatform(both, new URL('https://mychart.uwhealth.org/MyChart/Authentication/Login'), table)).toBeUndefined();
  });

  it('never names a platform whose data has one kind of signal (MEDITECH’s paths, Manage My Health’s path)', () => {
    const meditech = new URL('https://www.myhealthportal.net/Phm-PhmPage.HomePage.WR.mthr?hcis=SLRWEB.LIVEF&application=PHM');
    expect(detectPlatform(parse(PLAIN), meditech, TABLE)).toBeUndefined();
    // Both path signals match (so the data is right), but paths are one kind.
    const entry = TABLE.find((platform) => platform.id === 'meditech-patient-portal')!;
    expect(entry.signals.every((signal) => new RegExp(signal.pattern, 'i').test(`${meditech.pathname}${meditech.search}`))).toBe(true);
    expect(new RegExp(entry.signals[0]!.pattern, 'i').test('/Phm-PhmHome.HomePage.WR.mthr')).toBe(true);
    const mmh = new URL('https://portal.managemyhealth.co.nz/m/Appointment/Index/52006C00470065006B006600560072005400410055003D00');
    expect(detectPlatform(parse(PLAIN), mmh, TABLE)).toBeUndefined();
  });

  it('reads only the first 300 scripts, stylesheets and fields, so a page cannot make it walk a million elements', () => {
    const junk = Array.from({ length: 400 }, (_, i) => `<script src="/static/chunk-${i}.js"></script><input name="field${i}">`).join('');
    const buried = fixture('mychart-login.html').replace('<head>', `<head>${junk}`);
    // The genuine signals sit after the 300 elements read, so only the path is seen.
    expect(detectPlatform(parse(buried), new URL('https://mychart.uwhealth.org/MyChart/Authentication/Login'), TABLE)).toBeUndefined();
  });

  it('still names a huge page (1 MB of content and 5,000 fields after the head)', () => {
    const filler = `<div>${'Your health information is kept private. '.repeat(25_000)}</div>${Array.from({ length: 5_000 }, (_, i) => `<input name="answer${i}">`).join('')}`;
    const huge = fixture('mychart-login.html').replace('</body>', `${filler}</body>`);
    expect(huge.length).toBeGreaterThan(1_000_000);
    expect(detectPlatform(parse(huge), new URL('https://mychart.uwhealth.org/MyChart/Authentication/Login'), TABLE)?.platformId).toBe('epic-mychart');
  });

  it('cuts an enormous attribute before a pattern sees it, and survives a bad pattern in the table', () => {
    const long = `/MyChart/${'a'.repeat(200_000)}/scripts/ui_framework/core/prelogin.min.js`;
    const page = parse(`<script src="${long}"></script><input name="jsenabled">`);
    const table: SignalTable = [{ id: 'broken', name: 'Broken', signals: [{ id: 'bad', kind: 'path', pattern: '(' }, { id: 'ok', kind: 'form', pattern: '^jsenabled$' }] }, ...TABLE];
    expect(detectPlatform(page, new URL('https://mychart.uwhealth.org/MyChart/Authentication/Login'), table)).toBeUndefined();
  });
});

describe('the rule', () => {
  it.each([
    [['path'], Number.POSITIVE_INFINITY],
    [['path', 'path'], Number.POSITIVE_INFINITY],
    [['host', 'path'], 2],
    [['path', 'asset', 'form'], 3],
    [['host', 'path', 'asset', 'meta', 'form'], 3],
  ] as const)('kinds %j need %d different kinds to match', (kinds, required) => {
    expect(requiredKinds({ id: 'x', name: 'X', signals: kinds.map((kind, i) => ({ id: `s${i}`, kind, pattern: 'x' })) })).toBe(required);
  });

  it('matches meta tags as name=content, and another origin’s assets only with a ^// pattern', () => {
    const table: SignalTable = [
      {
        id: 'example-platform',
        name: 'Example',
        signals: [
          { id: 'gen', kind: 'meta', pattern: '^generator=ExamplePortal ' },
          { id: 'cdn', kind: 'asset', pattern: '^//cdn\\.example-platform\\.com/portal/' },
          { id: 'field', kind: 'form', pattern: '^ep_user$' },
        ],
      },
    ];
    const page = parse('<meta name="generator" content="ExamplePortal 4.2"><script src="https://cdn.example-platform.com/portal/app.js"></script><input name="ep_user">');
    expect(detectPlatform(page, new URL('https://portal.example-clinic.org/'), table)?.matched).toEqual(['gen', 'cdn', 'field']);
    // The same script served from the page's own origin is not the platform's CDN.
    const local = parse('<meta name="generator" content="ExamplePortal 4.2"><script src="/portal/app.js"></script><input name="ep_user">');
    expect(detectPlatform(local, new URL('https://portal.example-clinic.org/'), table)).toBeUndefined();
  });
});

describe('the catalogue’s platform signals', () => {
  it('parse with the schema, each with a source, and inferred ones say so', () => {
    expect(() => catalogueSchema.parse(CATALOGUE)).not.toThrow();
    for (const portal of CATALOGUE as readonly Portal[]) {
      for (const signal of portal.platformSignals ?? []) {
        expect(signal.source, `${portal.id}/${signal.id}`).toMatch(/^https?:\/\//);
        if (signal.evidence === 'unverified') expect(signal.inferred, `${portal.id}/${signal.id} is unverified, so inferred`).toBe(true);
      }
    }
  });

  it('cover the platforms of issue 12 and the NZ and UK portals, and say which can be named today', () => {
    const withSignals = TABLE.map((entry) => entry.id).sort();
    expect(withSignals).toEqual(['athenahealth', 'epic-mychart', 'followmyhealth', 'healow', 'managemyhealth', 'meditech-patient-portal', 'myindici', 'nextgen-nextmd', 'oracle-health', 'systmonline']);
    const nameable = TABLE.filter((entry) => Number.isFinite(requiredKinds(entry))).map((entry) => entry.id).sort();
    expect(nameable).toEqual(['epic-mychart', 'followmyhealth', 'healow', 'nextgen-nextmd', 'oracle-health']);
  });

  it('the compact table carries no sources or notes', () => {
    expect(JSON.stringify(TABLE)).not.toMatch(/https?:|source|note|evidence/);
  });

  it('a schema error names the bad pattern and the duplicate id', () => {
    const mychart = CATALOGUE.find((portal) => portal.id === 'epic-mychart')! as Portal;
    const bad = { ...mychart, platformSignals: [...mychart.platformSignals!, { ...mychart.platformSignals![0]!, pattern: '(' }] };
    const issues = catalogueSchema.safeParse([bad]).error!.issues.map((issue) => issue.message);
    expect(issues).toContain('duplicate signal id mychart-login-path');
    expect(issues).toContain('not a valid regular expression: (');
  });
});
