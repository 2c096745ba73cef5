import { browser } from 'wxt/browser';
import { parsePopupPage } from '../pages';

/**
 * Which tab the popup describes. From the toolbar it is the active tab, whose URL `activeTab`
 * lets us read. Opened as a page (`popup.html?tabId=12`, as the end-to-end tests and an
 * "open in a tab" link do) it is the named tab, and its URL comes from what the background
 * stored, since no activeTab grant exists then.
 */
export async function resolveTargetTab(search = location.search, tabs = browser.tabs): Promise<{ tabId: number; url?: string } | undefined> {
  // An address that names no valid tab falls back to the active tab, as the toolbar popup does.
  const page = parsePopupPage(search);
  if (page.ok && page.params.tabId !== undefined) return { tabId: page.params.tabId };
  const [tab] = await tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return undefined;
  return { tabId: tab.id, ...(tab.url ? { url: tab.url } : {}) };
}
