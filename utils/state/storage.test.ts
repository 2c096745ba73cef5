import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, REGISTRY, guideProgress, readItem, settings, tabSessions, writeItem, type RegisteredItem } from './storage';

describe('storage registry', () => {
  beforeEach(() => fakeBrowser.reset());

  it('has unique keys', () => {
    const keys = REGISTRY.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(REGISTRY.map((entry) => [entry.key, entry] as const))('%s is versioned and its fallback fits its schema', (_key, entry) => {
    expect(entry.version).toBeGreaterThanOrEqual(1);
    expect(entry.schema.safeParse(entry.item.fallback).success).toBe(true);
  });

  it('falls back, without crashing, when a stored value does not fit (older build or tampering)', async () => {
    await fakeBrowser.storage.session.set({ tabSessions: { 3: { state: 'root', url: 42 } } });
    expect(await readItem(tabSessions)).toEqual({});
  });

  it('refuses to write a value that breaks the schema', async () => {
    await expect(writeItem(tabSessions, { 1: { state: 'nope' } } as never)).rejects.toThrow();
    expect(await fakeBrowser.storage.session.get('tabSessions')).toEqual({});
  });

  it('round-trips a valid value', async () => {
    const value = { 5: { state: 'signed-in' as const, evidence: ['logout-control'], detectedAt: 1, url: 'https://portal.managemyhealth.co.nz/' } };
    await writeItem(tabSessions, value);
    expect(await readItem(tabSessions)).toEqual(value);
  });
});

describe('settings: version 2 adds the password-guide opt-ins, both off', () => {
  beforeEach(() => fakeBrowser.reset());

  it('migrates a version 1 value, keeping the notice window and switching nothing on', async () => {
    // What a build before issue 5 stored: no version marker (v1) and only the notice window.
    await fakeBrowser.storage.local.set({ settings: { noticeWindowMonths: 6 } });
    await settings.item.migrate();
    expect(await fakeBrowser.storage.local.get(['settings', 'settings$'])).toEqual({
      settings: { noticeWindowMonths: 6, breachCheck: false, guideReminderDays: null },
      settings$: { v: 2 },
    });
    expect(await readItem(settings)).toEqual({ noticeWindowMonths: 6, breachCheck: false, guideReminderDays: null });
  });

  it('a version 1 value that was already broken still falls back to the defaults', async () => {
    await fakeBrowser.storage.local.set({ settings: { noticeWindowMonths: 'twelve' } });
    await settings.item.migrate();
    expect(await readItem(settings)).toEqual(DEFAULT_SETTINGS);
  });

  it('leaves a version 2 value alone', async () => {
    await fakeBrowser.storage.local.set({ settings: { noticeWindowMonths: 12, breachCheck: true, guideReminderDays: 7 }, settings$: { v: 2 } });
    await settings.item.migrate();
    expect(await readItem(settings)).toEqual({ noticeWindowMonths: 12, breachCheck: true, guideReminderDays: 7 });
  });

  it('defaults to both opt-ins off on a new install', async () => {
    expect(await readItem(settings)).toEqual({ noticeWindowMonths: 12, breachCheck: false, guideReminderDays: null });
  });
});

describe('guideProgress', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['a password-like field', { startedAt: 1, updatedAt: 1, steps: {}, reusedSites: [], password: 'hunter2' }],
    ['an unknown step', { startedAt: 1, updatedAt: 1, steps: { 'email-everyone': { status: 'done', at: 1 } }, reusedSites: [] }],
    ['a probe for a plain-http origin', { startedAt: 1, updatedAt: 1, steps: {}, reusedSites: [], probe: { origin: 'http://evil.example', result: 'supported', at: 1 } }],
  ])('falls back when a stored guide has %s (tampering, or a future build)', async (_name, value) => {
    await fakeBrowser.storage.local.set({ guideProgress: { managemyhealth: value } });
    expect(await readItem(guideProgress)).toEqual({});
  });
});

describe('every stored item is in the registry', () => {
  it('define() registers each item itself, including the shared-computer session start', async () => {
    const storage = await import('./storage');
    const exported = (Object.values(storage) as unknown[]).filter((value): value is RegisteredItem<unknown> => typeof value === 'object' && value !== null && 'key' in value && 'item' in value);
    expect(new Set(REGISTRY)).toEqual(new Set(exported));
    expect(REGISTRY.map((entry) => entry.key)).toContain('session:sharedComputerSessionStart');
  });

  // Code outside the registry that calls storage.local/session/sync directly would bypass the
  // schemas, the versions and the entry-by-entry reads. storage.managed is the policy, read-only.
  const sources = import.meta.glob(['/utils/**/*.{ts,tsx}', '/components/**/*.{ts,tsx}', '/entrypoints/**/*.{ts,tsx}', '!**/*.test.{ts,tsx}', '!/utils/state/storage.ts'], { query: '?raw', import: 'default', eager: true });
  it.each(Object.entries(sources))('%s reads and writes storage only through the registry', (_path, text) => {
    expect(String(text)).not.toMatch(/storage\.(local|session|sync)\.(get|set|remove|clear)\b|storage\.defineItem|wxt\/utils\/storage/);
  });

  // The feed's IndexedDB database is named in storage.ts (FEED_DATABASE); only feed-db.ts opens it,
  // so its stores and version are changed in one place.
  it.each(Object.entries(sources).filter(([path]) => path !== '/utils/state/feed-db.ts'))('%s opens no IndexedDB database itself', (_path, text) => {
    expect(String(text)).not.toMatch(/indexedDB\.open|\bopenDB\b|from 'idb'/);
  });
});
