import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dismissNotice, setPasswordChangedOn } from '@/utils/state/patient-choices';
import { loadOptionsData } from '@/utils/options/options-data';
import { feedCheck, feedMeta, noticeDismissals, readItem, settings, writeItem } from '@/utils/state/storage';
import { feedDb, replaceStoredFeed } from '@/utils/state/feed-db';
import { parseFeedPayload } from '@/utils/feed/parse';
import bundled from '../../public/feed/feed.json?raw';
import { OptionsPage } from './OptionsPage';

const NOW = Date.UTC(2026, 10, 28, 12);

async function seed() {
  const payload = JSON.parse(JSON.parse(bundled).payload) as { sequence: number; generatedAt: string; notices: { id: string; title: string; modified: string }[] };
  const parsed = parseFeedPayload(JSON.parse(bundled).payload as string);
  if (!parsed.ok) throw new Error(parsed.reason);
  await replaceStoredFeed(await feedDb(), parsed.feed);
  await writeItem(feedMeta, { source: 'remote', sourceUrl: 'https://feed.portal-guard.org/v1/index.json', sequence: payload.sequence, generatedAt: payload.generatedAt, receivedAt: NOW - 3 * 3_600_000, issuedAt: '2026-11-28T06:00:00.000Z', expires: '2026-12-05T06:00:00.000Z' });
  await writeItem(feedCheck, { lastCheckedAt: NOW - 60_000, lastError: { at: NOW - 60_000, reason: 'the signature does not match the feed’s contents' } });
  const mmh = payload.notices.find((notice) => notice.id === 'nz-managemyhealth-2025-12')!;
  await dismissNotice(mmh);
  await setPasswordChangedOn('managemyhealth', '2026-11-20');
  return mmh;
}

function mount() {
  const container = document.createElement('div');
  document.body.append(container);
  render(<OptionsPage load={() => loadOptionsData(() => NOW)} now={() => NOW} />, container);
  return container;
}

describe('OptionsPage', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => document.body.replaceChildren());

  it('shows the feed’s source, edition, age and last error', async () => {
    await seed();
    const page = mount();
    await vi.waitFor(() => expect(page.querySelector('[data-testid="feed-source"]')?.textContent).toBe('Online: https://feed.portal-guard.org/v1/index.json'));
    expect(page.textContent).toContain('3 hours ago');
    expect(page.querySelector('[data-testid="options-feed-error"]')?.textContent).toContain('the signature does not match the feed’s contents (1 minute ago). Portal Guard keeps using the last good feed.');
    expect(page.querySelector('[data-testid="feed-stale"]')).toBeNull();
  });

  it.each([
    { name: 'the index expired', meta: { issuedAt: '2026-11-20T00:00:00.000Z', expires: '2026-11-27T00:00:00.000Z' }, since: '27 Nov 2026' },
    { name: 'no new signed index for 14 days', meta: { issuedAt: '2026-11-10T00:00:00.000Z', expires: '2027-01-01T00:00:00.000Z' }, since: '24 Nov 2026' },
  ])('says breach notices may be out of date when $name', async ({ meta, since }) => {
    await seed();
    const stored = await readItem(feedMeta);
    await writeItem(feedMeta, { ...stored!, ...meta });
    const page = mount();
    await vi.waitFor(() => expect(page.querySelector('[data-testid="feed-stale"]')?.textContent).toBe(`Breach notices may be out of date since ${since}. Portal Guard keeps using the notices it has and will keep checking for new ones.`));
  });

  it('lists a dismissed notice by its title and shows it again on request', async () => {
    const mmh = await seed();
    const page = mount();
    await vi.waitFor(() => expect(page.querySelector('[data-testid="dismissed-notices"]')?.textContent).toContain(mmh.title));
    (page.querySelector('[data-testid="dismissed-notices"] button') as HTMLButtonElement).click();
    await vi.waitFor(async () => expect(await readItem(noticeDismissals)).toEqual({}));
    await vi.waitFor(() => expect(page.querySelector('[data-testid="dismissed-notices"]')).toBeNull());
  });

  it('saves how long notices stay', async () => {
    await seed();
    const page = mount();
    await vi.waitFor(() => expect(page.querySelector('#notice-window')).not.toBeNull());
    const select = page.querySelector<HTMLSelectElement>('#notice-window')!;
    select.value = '24';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(async () => expect((await readItem(settings)).noticeWindowMonths).toBe(24));
  });

  it('asks the background to check now with a protocol message, not through its alarm', async () => {
    await seed();
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void) => {
      received.push(message);
      sendResponse({ ok: true, value: { ok: true } });
      return true;
    });
    const page = mount();
    await vi.waitFor(() => expect(page.querySelector('[data-testid="options-feed"] button')).not.toBeNull());
    (page.querySelector('[data-testid="options-feed"] button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(received).toEqual([{ name: 'ui-bg/check-feed-now', payload: {} }]));
    // The alarm is the background's own: the page neither creates nor replaces it.
    expect(await fakeBrowser.alarms.get('feed-refresh')).toBeUndefined();
  });

  it('clears a password-changed date', async () => {
    await seed();
    const page = mount();
    await vi.waitFor(() => expect(page.textContent).toContain('Manage My Health: 20 Nov 2026'));
    const clear = [...page.querySelectorAll('button')].find((button) => button.textContent === 'Clear')!;
    clear.click();
    await vi.waitFor(() => expect(page.textContent).not.toContain('Manage My Health: 20 Nov 2026'));
  });
});
