import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { popupPageUrl } from '../pages';
import { resolveTargetTab } from './target-tab';

const ACTIVE = { id: 4, url: 'https://portal.managemyhealth.co.nz/dashboard' };
const tabs = () => ({ query: vi.fn(async () => [ACTIVE]) });

describe('which tab the popup describes', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['the popup opened as a page for tab 12', popupPageUrl({ tabId: 12 }), { tabId: 12 }, false],
    ['its own search string', '?tabId=12', { tabId: 12 }, false],
    ['the toolbar popup', '', { tabId: 4, url: ACTIVE.url }, true],
    ['a tab id that is not one (tabs.TAB_ID_NONE)', '?tabId=-1', { tabId: 4, url: ACTIVE.url }, true],
    ['a tab id with a URL beside it', '?tabId=12&url=https%3A%2F%2Fmychart.clevelandclinic.org%2F', { tabId: 4, url: ACTIVE.url }, true],
  ])('%s', async (_name, search, expected, asksActive) => {
    const api = tabs();
    expect(await resolveTargetTab(search, api as never)).toEqual(expected);
    expect(api.query).toHaveBeenCalledTimes(asksActive ? 1 : 0);
  });
});
