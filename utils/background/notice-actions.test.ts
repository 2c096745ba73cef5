import { beforeEach, describe, expect, it } from 'vitest';
import { feedSchema } from '../feed/schema';
import type { Sender } from '../messaging/listen';
import { rememberActiveFeed } from '../state/active-feed';
import { customPortals, noticeDismissals, readItem, writeItem } from '../state/storage';
import mmh from '../../feed/notices/nz-managemyhealth-2025-12.json';
import uwHealth from '../../feed/notices/us-uwhealth-2021.json';
import { freshExtension } from '../../test/fresh-extension';
import { onDismissNotice } from './notice-actions';

/**
 * The banner's dismiss button acts on the notice only when the notice belongs to the page the
 * sender is on, by the same rule the banner used to show it: a portal id, or the host's
 * registrable domain (`utils/notices/notice-index.ts`).
 */

// The real notices, as the repository's feed carries them (the UW Health notice names uwhealth.org).
const feed = feedSchema.parse({ formatVersion: '1.1', sequence: 9, generatedAt: '2026-11-28T00:00:00Z', notices: [mmh, uwHealth] });
const sender = (url: string): Sender => ({ id: 'x', tab: { id: 7, index: 0 } as Sender['tab'], frameId: 0, url });

beforeEach(async () => {
  freshExtension();
  rememberActiveFeed({ envelope: 'signed', source: 'remote', sequence: 9, generatedAt: feed.generatedAt, receivedAt: 0 }, feed);
  // The patient watches UW Health's MyChart host (options page or "Watch this portal").
  await writeItem(customPortals, [{ id: 'user-uwhealth', name: 'UW Health MyChart', country: 'US', hosts: ['mychart.uwhealth.org'] }]);
});

describe('dismissing a notice from the banner', () => {
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
