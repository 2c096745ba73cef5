import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REGISTRY, readItem, tabSessions, writeItem } from './storage';

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
