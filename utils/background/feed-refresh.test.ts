import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetActiveFeed } from '../state/active-feed';
import { REFRESH_PERIOD_MINUTES } from '../feed/config';
import { feedCheck, writeItem } from '../state/storage';
import { FEED_ALARM } from '../feed/config';
import { onCheckFeedNow, refreshFeed, startFeedRefresh } from './feed-refresh';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const alarm = (name: string) => ({ name, scheduledTime: NOW, periodInMinutes: REFRESH_PERIOD_MINUTES, persistAcrossSessions: true });

beforeEach(() => {
  fakeBrowser.reset();
  forgetActiveFeed();
});

describe('startFeedRefresh', () => {
  it('creates the 12-hour alarm once, and leaves an existing one alone', async () => {
    const refresh = vi.fn(async () => {});
    const stop = startFeedRefresh({ refresh, now: () => NOW });
    await settle();
    const created = await browser.alarms.get(FEED_ALARM);
    expect(created).toMatchObject({ name: FEED_ALARM, periodInMinutes: REFRESH_PERIOD_MINUTES });
    stop();

    const stopAgain = startFeedRefresh({ refresh, now: () => NOW + 60_000 });
    await settle();
    expect(await browser.alarms.get(FEED_ALARM)).toEqual(created);
    stopAgain();
  });

  it.each<[string, number | undefined, boolean]>([
    ['never checked', undefined, true],
    ['checked two hours ago', NOW - 2 * 3_600_000, true],
    ['checked ten minutes ago', NOW - 600_000, false],
  ])('on start, %s → refresh now: %s', async (_name, lastCheckedAt, expected) => {
    if (lastCheckedAt !== undefined) await writeItem(feedCheck, { lastCheckedAt });
    const refresh = vi.fn(async () => {});
    const stop = startFeedRefresh({ refresh, now: () => NOW });
    await settle();
    await settle();
    expect(refresh).toHaveBeenCalledTimes(expected ? 1 : 0);
    stop();
  });

  it('refreshes on its alarm, ignores other alarms, and stops listening when stopped', async () => {
    await writeItem(feedCheck, { lastCheckedAt: NOW });
    const refresh = vi.fn(async () => {});
    const stop = startFeedRefresh({ refresh, now: () => NOW });
    await settle();
    await fakeBrowser.alarms.onAlarm.trigger(alarm('something-else'));
    expect(refresh).not.toHaveBeenCalled();
    await fakeBrowser.alarms.onAlarm.trigger(alarm(FEED_ALARM));
    expect(refresh).toHaveBeenCalledTimes(1);
    stop();
    await fakeBrowser.alarms.onAlarm.trigger(alarm(FEED_ALARM));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('survives a refresh that throws', async () => {
    const refresh = vi.fn(async () => Promise.reject(new Error('offline')));
    const stop = startFeedRefresh({ refresh, now: () => NOW });
    await settle();
    await fakeBrowser.alarms.onAlarm.trigger(alarm(FEED_ALARM));
    expect(refresh).toHaveBeenCalledTimes(2);
    stop();
  });
});

describe('refreshFeed', () => {
  it('runs one check at a time: calls that overlap share it', async () => {
    let finish: (value: { outcome: 'not-modified' }) => void = () => {};
    const update = vi.fn(() => new Promise<{ outcome: 'not-modified' }>((resolve) => (finish = resolve)));
    const first = refreshFeed(update);
    const second = refreshFeed(update);
    await settle();
    finish({ outcome: 'not-modified' });
    expect(await first).toEqual({ outcome: 'not-modified' });
    expect(await second).toEqual({ outcome: 'not-modified' });
    expect(update).toHaveBeenCalledTimes(1);
    expect(await refreshFeed(async () => ({ outcome: 'not-modified' }))).toEqual({ outcome: 'not-modified' });
  });
});

describe('onCheckFeedNow (the options page’s “Check for updates now”)', () => {
  it.each(['not-modified', 'rejected'] as const)('runs the refresh and replies with its outcome (%s), leaving the 12-hour alarm alone', async (outcome) => {
    const stop = startFeedRefresh({ refresh: async () => {}, now: () => NOW });
    await settle();
    const schedule = await browser.alarms.get(FEED_ALARM);
    const refresh = vi.fn(async () => (outcome === 'rejected' ? { outcome, code: 'signature' as never, reason: 'the signature does not match the feed’s contents' } : { outcome }));
    expect(await onCheckFeedNow({}, refresh)).toEqual({ ok: true, outcome });
    expect(refresh).toHaveBeenCalledOnce();
    expect(await browser.alarms.get(FEED_ALARM)).toEqual(schedule);
    stop();
  });
});
