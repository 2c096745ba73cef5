// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../portals/catalogue';
import type { Portal } from '../portals/schema';
import { PROBE_MAX_AGE_MS, needsProbe, resolveChangePassword } from './change-password';
import { newProgress, type GuideProgress } from './state';
import { WELL_KNOWN_CANARY, WELL_KNOWN_CHANGE_PASSWORD, probeChangePassword } from './well-known';

const byId = (id: string) => (CATALOGUE as readonly Portal[]).find((portal) => portal.id === id)!;
const mmh = byId('managemyhealth');
const mychart = byId('epic-mychart');
const nhs = byId('nhs-app');
/** No catalogue entry gives a change-password URL yet, so the first branch needs a fixture. */
const withUrl: Portal = { ...mmh, id: 'fixture-with-url', account: { changePassword: { url: 'https://portal.example-health.org/account/password', directions: 'Account → Password', evidence: 'official' } } };

/** Cleveland Clinic's MyChart with the page Apple's password-manager-resources lists for it (what `feed -- import apple-change-password` proposes). */
const withTenantPage: Portal = {
  ...mychart,
  tenants: mychart.tenants?.map((tenant) => (tenant.host === 'mychart.clevelandclinic.org' ? { ...tenant, changePassword: { url: 'https://mychart.clevelandclinic.org/inside.asp?mode=passwd', evidence: 'secondary' } } : tenant)),
};

const probe = (origin: string, result: 'supported' | 'unreliable' | 'missing' | 'failed') => ({ origin, result, at: 1 });

describe('resolveChangePassword: catalogue URL, then a reliable well-known URL, then home with directions', () => {
  it.each([
    ['the catalogue URL wins, even over a supported well-known URL', withUrl, { host: 'portal.example-health.org' }, probe('https://portal.example-health.org', 'supported'),
      { kind: 'catalogue', url: 'https://portal.example-health.org/account/password', directions: 'Account → Password', evidence: 'official' }],
    ['Manage My Health, well-known supported and reliable', mmh, { host: 'portal.managemyhealth.co.nz' }, probe('https://portal.managemyhealth.co.nz', 'supported'),
      { kind: 'well-known', url: 'https://portal.managemyhealth.co.nz/.well-known/change-password' }],
    ['Manage My Health, server answers 200 to everything (fails the reliability check)', mmh, { host: 'portal.managemyhealth.co.nz' }, probe('https://portal.managemyhealth.co.nz', 'unreliable'),
      { kind: 'home', url: 'https://portal.managemyhealth.co.nz/', why: 'unreliable' }],
    ['Manage My Health, no well-known URL', mmh, { host: 'portal.managemyhealth.co.nz' }, probe('https://portal.managemyhealth.co.nz', 'missing'),
      { kind: 'home', url: 'https://portal.managemyhealth.co.nz/', why: 'missing' }],
    ['Manage My Health, not checked yet', mmh, { host: 'portal.managemyhealth.co.nz' }, undefined,
      { kind: 'home', url: 'https://portal.managemyhealth.co.nz/', why: 'not-checked' }],
    ['a probe of another origin does not count', mmh, { host: 'portal.managemyhealth.co.nz' }, probe('https://managemyhealth.co.nz', 'supported'),
      { kind: 'home', url: 'https://portal.managemyhealth.co.nz/', why: 'not-checked' }],
    ['no host known: the catalogue home page', mmh, {}, undefined,
      { kind: 'home', url: 'https://portal.managemyhealth.co.nz/', why: 'not-checked' }],
    ['a MyChart tenant: its own home, with the catalogue’s directions', mychart, { host: 'mychart.fairview.org', tenantPath: '/MyChart' }, probe('https://mychart.fairview.org', 'failed'),
      { kind: 'home', url: 'https://mychart.fairview.org/MyChart', directions: mychart.account!.changePassword!.directions, evidence: 'official', why: 'failed' }],
    ['a MyChart tenant with a supported well-known URL keeps the directions too', mychart, { host: 'mychart.clevelandclinic.org' }, probe('https://mychart.clevelandclinic.org', 'supported'),
      { kind: 'well-known', url: 'https://mychart.clevelandclinic.org/.well-known/change-password', directions: mychart.account!.changePassword!.directions, evidence: 'official' }],
    ['a MyChart tenant with its own change-password page: that page, before any probe, with the platform’s directions', withTenantPage, { host: 'mychart.clevelandclinic.org' }, probe('https://mychart.clevelandclinic.org', 'supported'),
      { kind: 'catalogue', url: 'https://mychart.clevelandclinic.org/inside.asp?mode=passwd', directions: mychart.account!.changePassword!.directions, evidence: 'secondary' }],
    ['another tenant of the same platform does not get that page', withTenantPage, { host: 'mychart.fairview.org', tenantPath: '/MyChart' }, undefined,
      { kind: 'home', url: 'https://mychart.fairview.org/MyChart', directions: mychart.account!.changePassword!.directions, evidence: 'official', why: 'not-checked' }],
    ['NHS login: no home page and no host, directions only', nhs, {}, undefined,
      { kind: 'home', directions: nhs.account!.changePassword!.directions, evidence: 'official', why: 'not-checked' }],
  ] as const)('%s', (_name, portal, site, stored, expected) => {
    expect(resolveChangePassword(portal, site, stored)).toEqual(expected);
  });
});

describe('needsProbe: only while step 1 is open, without a catalogue URL, once per origin a month', () => {
  const started: GuideProgress = newProgress(1_000);
  const origin = 'https://portal.managemyhealth.co.nz';
  it.each([
    ['no guide started', mmh, undefined, 5_000, false],
    ['a guide in progress, never checked', mmh, started, 5_000, true],
    ['already checked this origin', mmh, { ...started, probe: probe(origin, 'missing') }, 5_000, false],
    ['checked another origin', mmh, { ...started, probe: probe('https://managemyhealth.co.nz', 'missing') }, 5_000, true],
    ['checked more than 30 days ago', mmh, { ...started, probe: probe(origin, 'missing') }, 2 + PROBE_MAX_AGE_MS, true],
    ['step 1 already decided', mmh, { ...started, steps: { 'change-password': { status: 'done', at: 2 } } }, 5_000, false],
    ['finished guide', mmh, { ...started, finishedAt: 2 }, 5_000, false],
    ['the catalogue gives a URL', withUrl, started, 5_000, false],
  ] as const)('%s → %s', (_name, portal, progress, now, expected) => {
    expect(needsProbe(portal, origin, progress as GuideProgress | undefined, now)).toBe(expected);
  });

  it.each([
    ['the tenant with its own page', 'https://mychart.clevelandclinic.org', false],
    ['another tenant', 'https://mychart.fairview.org', true],
  ] as const)('MyChart, %s → %s', (_name, tenantOrigin, expected) => {
    expect(needsProbe(withTenantPage, tenantOrigin, newProgress(1_000), 5_000)).toBe(expected);
  });
});

describe('probeChangePassword against a local server (the W3C reliability check)', () => {
  let server: Server;
  let origin = '';
  /** What each path answers, per test. */
  let behaviour: 'supported' | 'everything-200' | 'missing' | 'redirect' | 'slow' | 'server-error' = 'supported';
  const seen: { path: string; cookie?: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ path: request.url ?? '', ...(request.headers.cookie ? { cookie: request.headers.cookie } : {}) });
      const path = request.url ?? '';
      if (behaviour === 'slow') return; // never answers
      if (behaviour === 'everything-200') return void response.writeHead(200).end('ok');
      if (behaviour === 'server-error') return void response.writeHead(path === WELL_KNOWN_CANARY ? 404 : 500).end();
      if (path === WELL_KNOWN_CHANGE_PASSWORD && behaviour === 'supported') return void response.writeHead(200).end('change your password');
      if (path === WELL_KNOWN_CHANGE_PASSWORD && behaviour === 'redirect') return void response.writeHead(302, { location: '/account/password' }).end();
      if (path === '/account/password') return void response.writeHead(200).end('change your password');
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ['supported: the canary is 404 and the well-known URL is 200', 'supported', 'supported'],
    ['supported through a redirect to the real page', 'redirect', 'supported'],
    ['unreliable: the server answers 200 to a path that must not exist', 'everything-200', 'unreliable'],
    ['missing: the well-known URL is 404', 'missing', 'missing'],
    ['missing: the well-known URL is a 500', 'server-error', 'missing'],
    ['failed: no answer within the timeout', 'slow', 'failed'],
  ] as const)('%s', async (_name, serverBehaviour, expected) => {
    behaviour = serverBehaviour;
    seen.length = 0;
    expect(await probeChangePassword(origin, fetch, 300)).toBe(expected);
    // The canary is always asked first, and no cookie is ever sent.
    expect(seen[0]?.path).toBe(WELL_KNOWN_CANARY);
    expect(seen.every((request) => request.cookie === undefined)).toBe(true);
  });

  it('fails closed when the network is down', async () => {
    expect(await probeChangePassword('http://127.0.0.1:9', fetch, 1_000)).toBe('failed');
  });
});
