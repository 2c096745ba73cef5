import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import mmh from '../../feed/notices/nz-managemyhealth-2025-12.json';
import { feedSchema, type Feed } from '../feed/schema';
import type { Sender } from '../messaging/listen';
import type { FeedStatus } from '../messaging/protocol';
import { feedSourceOf } from '../policy/feed-source';
import { RIVERSIDE_NOTICE, RIVERSIDE_POLICY } from '../policy/fixtures';
import { forgetPolicy } from '../policy/managed';
import { parsePolicy } from '../policy/schema';
import { portalIndex } from '../state/current-portals';
import { PRODUCTION_KEYS } from '../feed/keys';
import { portalNotices } from './portal-notices';
import { onSessionReport } from './session-report';
import { tabStatus } from './tab-status';
import { getTabSession } from './tab-sessions';
import { freshExtension } from '../../test/fresh-extension';

const feed: Feed = feedSchema.parse({ formatVersion: '1.0', sequence: 7, generatedAt: '2026-11-28T00:00:00Z', notices: [mmh] });
const status: FeedStatus = { source: 'bundled', sequence: 7, generatedAt: feed.generatedAt, receivedAt: 0 };
const activeFeed = async () => ({ feed, status });
const NOW = new Date('2026-11-28T09:00:00+13:00');
const sender = (url: string, tabId = 21): Sender => ({ id: 'x', tab: { id: tabId, index: 0 } as Sender['tab'], frameId: 0, url });

describe('a policy portal in the background', () => {
  beforeEach(async () => {
    freshExtension();
    await fakeBrowser.storage.managed.set(RIVERSIDE_POLICY);
  });

  it('is recognised from the sender URL, and its local notice reaches the banner and the badge', async () => {
    const badge = vi.fn(async () => {});
    const reply = await onSessionReport({ state: 'login', evidence: ['password-field'], path: '/' }, sender('https://riverside.myindici.co.nz/'), {
      badge,
      notices: (match) => portalNotices(match, { feed: activeFeed, now: () => NOW }),
    });
    expect(reply.notices.map((notice) => [notice.id, notice.title])).toEqual([[RIVERSIDE_NOTICE.id, RIVERSIDE_NOTICE.title]]);
    expect(badge).toHaveBeenCalledWith(21, expect.objectContaining({ text: '!1' }));
    expect((await getTabSession(21))?.url).toBe('https://riverside.myindici.co.nz/');
  });

  it('shows in the popup with its operator and notice', async () => {
    const found = await tabStatus({ tabId: 3, url: 'https://riverside.myindici.co.nz/login' }, { getSession: getTabSession, getFeed: activeFeed, now: () => NOW });
    expect(found.lookup).toBe('portal');
    expect(found.portal).toMatchObject({ id: 'riverside-myindici', displayName: 'Riverside Medical Centre patient portal', operator: 'Riverside Medical Centre', host: 'riverside.myindici.co.nz' });
    expect(found.notices.map((notice) => notice.id)).toEqual([RIVERSIDE_NOTICE.id]);
  });

  it('adds a local notice to a catalogue portal it names, after the feed’s own', async () => {
    await fakeBrowser.storage.managed.set({ localNotices: [{ ...RIVERSIDE_NOTICE, id: 'nz-riverside-2026-10', portals: ['managemyhealth'] }] });
    forgetPolicy();
    const lookup = (await portalIndex()).lookupUrl('https://portal.managemyhealth.co.nz/');
    if (lookup.kind !== 'portal') throw new Error('not recognised');
    const { relevant } = await portalNotices(lookup.match, { feed: activeFeed, now: () => NOW });
    expect(relevant.map(({ notice }) => notice.id)).toEqual(['nz-riverside-2026-10', mmh.id]);
  });

  it('ignores a local notice that reuses a feed notice id: the signed feed wins', async () => {
    const lookup = (await portalIndex()).lookupUrl('https://portal.managemyhealth.co.nz/');
    if (lookup.kind !== 'portal') throw new Error('not recognised');
    const forged = { ...RIVERSIDE_NOTICE, id: mmh.id, portals: ['managemyhealth'], title: 'Forged title' };
    const local = async () => parsePolicy({ localNotices: [forged] }).policy.localNotices;
    const { relevant } = await portalNotices(lookup.match, { feed: activeFeed, now: () => NOW, local });
    expect(relevant.map(({ notice }) => notice.title)).toEqual([mmh.title]);
  });

  it('shows local notices even when no feed could be loaded', async () => {
    const lookup = (await portalIndex()).lookupUrl('https://riverside.myindici.co.nz/');
    if (lookup.kind !== 'portal') throw new Error('not recognised');
    const { relevant } = await portalNotices(lookup.match, { feed: () => Promise.reject(new Error('no feed')), now: () => NOW });
    expect(relevant.map(({ notice }) => notice.id)).toEqual([RIVERSIDE_NOTICE.id]);
  });
});

describe('feedSourceOf', () => {
  it('uses the default URL and the pinned keys without a policy', () => {
    expect(feedSourceOf(parsePolicy({}).policy, PRODUCTION_KEYS)).toEqual({ url: 'https://feed.portal-guard.org/v1/index.json', keys: PRODUCTION_KEYS });
  });

  it('adds the organisation’s keys after the pinned ones and takes its feed URL', () => {
    const { url, keys } = feedSourceOf(parsePolicy({ ...RIVERSIDE_POLICY, feedUrl: 'https://feed.portal-guard.org/nz/feed.json' }).policy, PRODUCTION_KEYS);
    expect(url).toBe('https://feed.portal-guard.org/nz/feed.json');
    expect(keys.map((key) => key.keyId)).toEqual([...PRODUCTION_KEYS.map((key) => key.keyId), 'riverside-2026-1']);
  });
});
