import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { catalogueAdditionsSchema } from '../feed/catalogue-additions';
import { feedSchema, type Feed } from '../feed/schema';
import type { FeedStatus } from '../messaging/protocol';
import { CATALOGUE, type Portal } from '../portals';
import { portalMatchPatterns } from '../portals/match-patterns';
import { buildCurrentPortals } from '../state/current-portals';
import uwHealth from '../../feed/notices/us-uwhealth-2021.json';
import { SCRIPT_ID_PREFIX } from './portal-scripts';
import { isScriptable, patternCovers, type ScriptableDeps } from './scriptable';
import { tabStatus } from './tab-status';
import { getTabSession } from './tab-sessions';

// The manifest's matches are generated from the bundled catalogue (wxt.config.ts).
const MANIFEST = portalMatchPatterns(CATALOGUE as readonly Portal[]);

const deps = (registered: { id: string; matches: string[] }[] = [], granted: string[] = []): ScriptableDeps => ({
  manifestMatches: () => MANIFEST,
  registered: async () => registered,
  granted: async (origin) => granted.includes(origin),
});

describe('patternCovers', () => {
  it.each<[string, string, boolean]>([
    ['https://portal.managemyhealth.co.nz/*', 'https://portal.managemyhealth.co.nz/login', true],
    ['https://portal.managemyhealth.co.nz/*', 'http://portal.managemyhealth.co.nz/login', false],
    ['https://*.kp.org/*', 'https://healthy.kp.org/', true],
    ['https://*.kp.org/*', 'https://kp.org/', true],
    ['https://*.kp.org/*', 'https://evilkp.org/', false],
    ['https://*.kp.org/*', 'https://kp.org.evil.example/', false],
    ['*://mychart.uwhealth.org/MyChart/*', 'https://mychart.uwhealth.org/MyChart/Authentication/Login', true],
    ['*://mychart.uwhealth.org/MyChart/*', 'https://mychart.uwhealth.org/other', false],
  ])('%s covers %s: %s', (pattern, url, covered) => {
    expect(patternCovers(pattern, new URL(url))).toBe(covered);
  });
});

describe('isScriptable', () => {
  it.each<[string, string, ScriptableDeps, boolean | undefined]>([
    ['a catalogue host', 'https://portal.managemyhealth.co.nz/', deps(), true],
    ['a catalogue tenant', 'https://mychart.clevelandclinic.org/MyChart/', deps(), true],
    ['a host below a catalogue subdomain rule', 'https://healthy.kaiserpermanente.org/', deps(), true],
    ['an unlisted MyChart tenant', 'https://mychart.uwhealth.org/MyChart/Authentication/Login', deps(), false],
    ['a watched portal whose origin was granted', 'https://mychart.uwhealth.org/', deps([{ id: `${SCRIPT_ID_PREFIX}user:uwhealth`, matches: ['https://mychart.uwhealth.org/*'] }], ['https://mychart.uwhealth.org']), true],
    ['a watched portal whose permission was withdrawn', 'https://mychart.uwhealth.org/', deps([{ id: `${SCRIPT_ID_PREFIX}user:uwhealth`, matches: ['https://mychart.uwhealth.org/*'] }]), false],
    ['someone else’s registration', 'https://mychart.uwhealth.org/', deps([{ id: 'other', matches: ['https://mychart.uwhealth.org/*'] }], ['https://mychart.uwhealth.org']), false],
    ['a plain http page', 'http://mychart.uwhealth.org/', deps(), undefined],
    ['no address', '', deps(), undefined],
  ])('%s → %s', async (_name, url, scriptableDeps, expected) => {
    expect(await isScriptable(url, scriptableDeps)).toBe(expected);
  });
});

describe('tab status for a host the manifest does not cover', () => {
  beforeEach(() => fakeBrowser.reset());

  const feed: Feed = feedSchema.parse({ formatVersion: '1.1', sequence: 9, generatedAt: '2026-11-28T00:00:00Z', notices: [{ ...uwHealth, domains: ['uwhealth.org'] }] });
  const status: FeedStatus = { source: 'remote', sequence: 9, generatedAt: feed.generatedAt, receivedAt: 0 };
  // A tenant that a feed's catalogue additions give to MyChart (the source is UW Health's own page).
  const additions = catalogueAdditionsSchema.parse({
    tenants: [{ portal: 'epic-mychart', host: 'mychart.uwhealth.org', organization: 'UW Health', evidence: 'official', sources: ['https://www.uwhealth.org/news/notice-of-privacy-incident'] }],
  });
  const current = buildCurrentPortals({ additionalPortals: [] }, [], undefined, additions);
  const base = { getSession: getTabSession, getFeed: async () => ({ feed, status }), now: () => new Date('2026-11-28T09:00:00Z'), index: async () => current.index, organization: async () => undefined };

  it('is recognised from the feed, carries its notices by domain, and says the script cannot run there', async () => {
    const reply = await tabStatus({ tabId: 4, url: 'https://mychart.uwhealth.org/MyChart/Authentication/Login' }, { ...base, scriptable: (url) => isScriptable(url, deps()) });
    expect(reply).toMatchObject({ lookup: 'portal', portal: { id: 'epic-mychart', displayName: 'UW Health’s MyChart', host: 'mychart.uwhealth.org' }, scriptable: false });
    expect([...reply.notices, ...(reply.otherNotices ?? [])].map((notice) => notice.id)).toEqual(['us-uwhealth-2021']);
  });

  it('says an unknown https page cannot be scripted, and a catalogue portal can', async () => {
    expect(await tabStatus({ tabId: 4, url: 'https://www.uwhealth.org/' }, { ...base, scriptable: (url) => isScriptable(url, deps()) })).toMatchObject({ lookup: 'none', scriptable: false });
    expect(await tabStatus({ tabId: 4, url: 'https://portal.managemyhealth.co.nz/' }, { ...base, scriptable: (url) => isScriptable(url, deps()) })).toMatchObject({ lookup: 'portal', scriptable: true });
  });

  it('says nothing about scripting on a look-alike', async () => {
    const reply = await tabStatus({ tabId: 4, url: 'https://mychart-health.org/' }, { ...base, scriptable: (url) => isScriptable(url, deps()) });
    expect(reply.lookup).toBe('lookalike');
    expect(reply).not.toHaveProperty('scriptable');
  });
});
