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
import { onDismissNotice, onOpenNotice } from './notice-actions';

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

/**
 * The banner's dismiss button acts on the notice only when the notice belongs to the page the
 * sender is on, by the same rule the banner used to show it: a portal id, or the host's
 * registrable domain (`utils/notices/notice-index.ts`).
 */

// The real notices, as the repository's feed carries them (the UW Health notice names uwhealth.org).
const feed = feedSchema.parse({ formatVersion: '1.1', sequence: 9, generatedAt: '2026-11-28T00:00:00Z', notices: [mmh, uwHealth] });

describe('dismissing a notice from the banner', () => {
  beforeEach(async () => {
    freshExtension();
    rememberActiveFeed({ envelope: 'signed', source: 'remote', sequence: 9, generatedAt: feed.generatedAt, receivedAt: 0 }, feed);
    // The patient watches UW Health's MyChart host (options page or "Watch this portal").
    await writeItem(customPortals, [{ id: 'user-uwhealth', name: 'UW Health MyChart', country: 'US', hosts: ['mychart.uwhealth.org'] }]);
  });

  it('works on a watched host for its organisation’s notice, reached by domain', async () => {
    expect(uwHealth.domains).toEqual(['uwhealth.org']);
    expect(await onDismissNotice({ noticeId: 'us-uwhealth-2021' }, sender('https://mychart.uwhealth.org/MyChart/Home'))).toEqual({ ok: true });
    expect(await readItem(noticeDismissals)).toEqual({ 'us-uwhealth-2021': uwHealth.modified });
  });

  it.each([
    ['another organisation’s notice on the watched host', 'nz-managemyhealth-2025-12', 'https://mychart.uwhealth.org/MyChart/Home', 'no such notice for this portal'],
    ['the organisation’s notice from a look-alike host', 'us-uwhealth-2021', 'https://mychart-uwhealth.org/MyChart/Home', 'not on a portal'],
    ['the organisation’s notice from a host nobody watches', 'us-uwhealth-2021', 'https://www.uwhealth.org/', 'not on a portal'],
  ])('refuses %s, and stores nothing', async (_name, noticeId, url, reason) => {
    await expect(onDismissNotice({ noticeId }, sender(url))).rejects.toThrow(reason);
    expect(await readItem(noticeDismissals)).toEqual({});
  });
});
