import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { resolveTargetTab } from './target-tab';

const tab = (id: number, url?: string) => ({ id, index: 0, url }) as Browser.tabs.Tab;

describe('the tab the popup describes', () => {
  it('is the active tab from the toolbar, with the URL activeTab shows', async () => {
    const tabs = { query: vi.fn(async () => [tab(7, 'https://mychart.uwhealth.org/MyChart/')]), get: vi.fn() };
    expect(await resolveTargetTab('', tabs)).toEqual({ tabId: 7, url: 'https://mychart.uwhealth.org/MyChart/' });
  });

  it('is the named tab when opened as a page, with its URL where the browser shows it', async () => {
    const tabs = { query: vi.fn(), get: vi.fn(async () => tab(12, 'https://mychart.uwhealth.org/')) };
    expect(await resolveTargetTab('?tabId=12', tabs)).toEqual({ tabId: 12, url: 'https://mychart.uwhealth.org/' });
    expect(tabs.query).not.toHaveBeenCalled();
  });

  it.each([
    ['hidden (no access to the host)', async () => tab(12)],
    ['gone', async () => Promise.reject(new Error('No tab with id: 12.'))],
  ])('has no URL when the named tab’s is %s', async (_name, get) => {
    expect(await resolveTargetTab('?tabId=12', { query: vi.fn(), get: vi.fn(get) })).toEqual({ tabId: 12 });
  });
});
