import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { popupPageUrl } from '../pages';
import { namedTab } from './target-tab';

// A named tab whose address the browser does not show (no access to its host).
const tabs = () => ({ get: vi.fn(async (id: number) => ({ id, index: 0 }) as Browser.tabs.Tab) });

describe('which tab a popup opened as a page describes', () => {
  it.each([
    ['the popup opened as a page for tab 12', popupPageUrl({ tabId: 12 }), { tabId: 12 }],
    ['its own search string', '?tabId=12', { tabId: 12 }],
    // The rest describe the active tab, which the background finds (ui-bg/active-tab-status).
    ['the toolbar popup', '', undefined],
    ['a tab id that is not one (tabs.TAB_ID_NONE)', '?tabId=-1', undefined],
    ['a tab id with a URL beside it', '?tabId=12&url=https%3A%2F%2Fmychart.clevelandclinic.org%2F', undefined],
  ])('%s', async (_name, search, expected) => {
    const api = tabs();
    expect(await namedTab(search, api)).toEqual(expected);
    expect(api.get).toHaveBeenCalledTimes(expected ? 1 : 0);
  });

  it('reads the named tab’s address where the browser shows it (a watched or custom portal’s granted origin)', async () => {
    const api = { get: vi.fn(async () => ({ id: 12, index: 0, url: 'https://mychart.uwhealth.org/' }) as Browser.tabs.Tab) };
    expect(await namedTab('?tabId=12', api)).toEqual({ tabId: 12, url: 'https://mychart.uwhealth.org/' });
  });

  it('has no address for a named tab that is gone', async () => {
    const api = { get: vi.fn(async () => Promise.reject(new Error('No tab with id: 12.'))) };
    expect(await namedTab('?tabId=12', api)).toEqual({ tabId: 12 });
  });
});
