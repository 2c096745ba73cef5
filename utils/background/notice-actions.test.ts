import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseFeedValue } from '../feed/parse';
import { sampleFeed, sampleNotice } from '../feed/test-fixtures';
import type { Sender } from '../messaging/listen';
import { noticePageUrl, parseNoticePage, type NoticePageParams } from '../pages';
import { rememberActiveFeed } from '../state/active-feed';
import { customPortals, noticeDismissals, readItem, writeItem } from '../state/storage';
import { feedSchema } from '../feed/schema';
import mmh from '../../feed/notices/nz-managemyhealth-2025-12.json';
import uwHealth from '../../feed/notices/us-uwhealth-2021.json';
import { freshExtension } from '../../test/fresh-extension';
import { onConfirmDismiss, onOpenNotice } from './notice-actions';
import { createPortalIndex, CATALOGUE, type Portal } from '../portals';
import type { TabSession } from '../state/storage';

const sender = (url: string, tabId = 11, index = 2): Sender => ({ id: 'x', tab: { id: tabId, index } as Sender['tab'], frameId: 0, url });
const MMH_NOTICE = 'nz-managemyhealth-2025-12';
const CHANGE_NOTICE = 'us-changehealthcare-2024';

function withFeed() {
  const parsed = parseFeedValue(sampleFeed({ notices: [sampleNotice({ id: MMH_NOTICE, portals: ['managemyhealth'] }), sampleNotice({ id: CHANGE_NOTICE, portals: ['epic-mychart'] })] }));
  if (!parsed.ok) throw new Error(parsed.reason);
  rememberActiveFeed({ envelope: 'x', source: 'bundled', sequence: 2, generatedAt: '2026-06-01T00:00:00.000Z', receivedAt: Date.UTC(2026, 5, 1) }, parsed.feed);
}

describe('the banner opens the full notice for the sender’s portal', () => {
  beforeEach(() => {
    freshExtension();
    withFeed();
  });

  it.each<[string, 'details' | 'todo', string, string, Omit<NoticePageParams, 'id'>]>([
    ['“What to do” opens at that heading', 'todo', 'https://portal.managemyhealth.co.nz/dashboard', MMH_NOTICE, { portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz', section: 'todo' }],
    ['“Details” opens at the top', 'details', 'https://portal.managemyhealth.co.nz/dashboard', MMH_NOTICE, { portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz' }],
    ['a MyChart tenant names its own host', 'todo', 'https://mychart.clevelandclinic.org/MyChart/Home', CHANGE_NOTICE, { portal: 'epic-mychart', host: 'mychart.clevelandclinic.org', section: 'todo' }],
  ])('%s, beside the portal tab', async (_name, section, url, noticeId, expected) => {
    const create = vi.fn(async (_options: { url: string }) => ({}) as never);
    await onOpenNotice({ noticeId, section }, sender(url), { create } as never);
    expect(create).toHaveBeenCalledWith({ url: noticePageUrl({ id: noticeId, ...expected }), openerTabId: 11, index: 3 });
    expect(parseNoticePage(create.mock.calls[0]![0].url)).toEqual({ ok: true, params: { id: noticeId, ...expected } });
  });

  it.each([
    ['another portal’s notice', 'https://portal.managemyhealth.co.nz/dashboard', CHANGE_NOTICE, 'no such notice for this portal'],
    ['a notice the feed does not have', 'https://portal.managemyhealth.co.nz/dashboard', 'xx-gone-2020', 'no such notice for this portal'],
    ['a page that is not a portal', 'https://www.example-clinic.org/', MMH_NOTICE, 'not on a portal'],
  ])('refuses %s and opens nothing', async (_name, url, noticeId, error) => {
    const create = vi.fn();
    await expect(onOpenNotice({ noticeId, section: 'todo' }, sender(url), { create } as never)).rejects.toThrow(error);
    expect(create).not.toHaveBeenCalled();
  });
});

describe('a dismissal is saved only when the patient confirms on the notice page (issue 14, item 1)', () => {
  beforeEach(() => {
    freshExtension();
    withFeed();
  });
  const session = (url: string, state: TabSession['state'] = 'login'): TabSession => ({ state, evidence: ['password-field'], detectedAt: 1, url });
  const index = async () => createPortalIndex(CATALOGUE as readonly Portal[]);

  it('saves it with the notice’s own modified date, and recounts the badge of every tab on that portal only', async () => {
    const badge = vi.fn(async (_tabId: number, _badge: { text: string } | undefined) => {});
    const sessions = async () => ({ 3: session('https://portal.managemyhealth.co.nz/'), 4: session('https://mychart.clevelandclinic.org/MyChart/', 'signed-in'), 5: session('https://portal.managemyhealth.co.nz/dashboard', 'signed-in') });
    await onConfirmDismiss({ noticeId: MMH_NOTICE }, { index, sessions, badge });
    expect(await readItem(noticeDismissals)).toEqual({ [MMH_NOTICE]: sampleNotice().modified });
    expect(badge.mock.calls.map(([tabId, shown]) => [tabId, shown?.text])).toEqual([[3, 'LOG'], [5, 'ON']]);
  });

  it('refuses a notice the feed does not have, and saves nothing', async () => {
    await expect(onConfirmDismiss({ noticeId: 'xx-gone-2020' }, { index, sessions: async () => ({}), badge: vi.fn() })).rejects.toThrow('no such notice');
    expect(await readItem(noticeDismissals)).toEqual({});
  });
});

/**
 * The banner acts on a notice only when the notice belongs to the page the sender is on, by the
 * same rule the banner used to show it: a portal id, or the host's registrable domain
 * (`utils/notices/notice-index.ts`).
 */

// The real notices, as the repository's feed carries them (the UW Health notice names uwhealth.org).
const feed = feedSchema.parse({ formatVersion: '1.1', sequence: 9, generatedAt: '2026-11-28T00:00:00Z', notices: [mmh, uwHealth] });

describe('a notice reached by its organisation’s domain', () => {
  beforeEach(async () => {
    freshExtension();
    rememberActiveFeed({ envelope: 'signed', source: 'remote', sequence: 9, generatedAt: feed.generatedAt, receivedAt: 0 }, feed);
    // The patient watches UW Health's MyChart host (options page or "Watch this portal").
    await writeItem(customPortals, [{ id: 'user-uwhealth', name: 'UW Health MyChart', country: 'US', hosts: ['mychart.uwhealth.org'] }]);
  });

  it('opens on a watched host for its organisation’s notice', async () => {
    expect(uwHealth.domains).toEqual(['uwhealth.org']);
    const create = vi.fn(async (_options: { url: string }) => ({}) as never);
    expect(await onOpenNotice({ noticeId: 'us-uwhealth-2021', section: 'dismiss' }, sender('https://mychart.uwhealth.org/MyChart/Home'), { create } as never)).toEqual({ ok: true });
    expect(parseNoticePage(create.mock.calls[0]![0].url)).toMatchObject({ ok: true, params: { id: 'us-uwhealth-2021', host: 'mychart.uwhealth.org' } });
  });

  it('a confirmed dismissal recounts the badge of the watched host’s tab, reached by domain', async () => {
    const badge = vi.fn(async (_tabId: number, _badge: { text: string } | undefined) => {});
    const sessions = async () => ({ 7: { state: 'signed-in' as const, evidence: ['logout-control'], detectedAt: 1, url: 'https://mychart.uwhealth.org/MyChart/Home' }, 8: { state: 'login' as const, evidence: ['password-field'], detectedAt: 1, url: 'https://mychart.clevelandclinic.org/MyChart/' } });
    await onConfirmDismiss({ noticeId: 'us-uwhealth-2021' }, { sessions, badge });
    expect(await readItem(noticeDismissals)).toEqual({ 'us-uwhealth-2021': uwHealth.modified });
    expect(badge.mock.calls.map(([tabId, shown]) => [tabId, shown?.text])).toEqual([[7, 'ON']]);
  });

  it.each([
    ['another organisation’s notice on the watched host', 'nz-managemyhealth-2025-12', 'https://mychart.uwhealth.org/MyChart/Home', 'no such notice for this portal'],
    ['the organisation’s notice from a look-alike host', 'us-uwhealth-2021', 'https://mychart-uwhealth.org/MyChart/Home', 'not on a portal'],
    ['the organisation’s notice from a host nobody watches', 'us-uwhealth-2021', 'https://www.uwhealth.org/', 'not on a portal'],
  ])('refuses to open %s, and stores nothing', async (_name, noticeId, url, reason) => {
    const create = vi.fn();
    await expect(onOpenNotice({ noticeId, section: 'dismiss' }, sender(url), { create } as never)).rejects.toThrow(reason);
    expect(create).not.toHaveBeenCalled();
    expect(await readItem(noticeDismissals)).toEqual({});
  });
});

/**
 * Issue 14, item 7: a page on one portal can make our content script ask for any notice id. The
 * background opens (and so offers to dismiss) only a notice of the portal the sender is on (from
 * `sender.url`, never the payload), so a hostile portal page cannot reach another portal's notice.
 */
describe('the banner reaches only a notice of the sender’s portal', () => {
  beforeEach(() => {
    freshExtension();
    withFeed();
  });

  it.each([
    ['another portal’s notice (Change Healthcare’s, from Manage My Health)', 'https://portal.managemyhealth.co.nz/dashboard', CHANGE_NOTICE, 'no such notice for this portal'],
    ['Manage My Health’s notice from a MyChart tenant', 'https://mychart.clevelandclinic.org/MyChart/Home', MMH_NOTICE, 'no such notice for this portal'],
    ['a notice the feed does not have', 'https://portal.managemyhealth.co.nz/dashboard', 'xx-gone-2020', 'no such notice for this portal'],
    ['a page that is not a portal', 'https://www.example-clinic.org/', MMH_NOTICE, 'not on a portal'],
    ['a look-alike of the portal', 'https://portal.managemyhealth.co.nz.example-clinic.org/', MMH_NOTICE, 'not on a portal'],
  ])('refuses %s, opens nothing and stores nothing', async (_name, url, noticeId, error) => {
    const create = vi.fn();
    await expect(onOpenNotice({ noticeId, section: 'dismiss' }, sender(url), { create } as never)).rejects.toThrow(error);
    expect(create).not.toHaveBeenCalled();
    expect(await readItem(noticeDismissals)).toEqual({});
  });
});
