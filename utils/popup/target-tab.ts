import { browser } from 'wxt/browser';
import { parsePopupPage } from '../pages';

/**
 * The tab a popup opened as a page describes (`popup.html?tabId=12`, as the end-to-end tests and
 * an "open in a tab" link do). The browser shows us its URL only where Portal Guard already has
 * access to the host (a watched or custom portal's origin); otherwise the background uses the URL
 * it stored, since no activeTab grant exists then.
 *
 * Undefined for the toolbar popup, and for an address that names no valid tab: that popup
 * describes the active tab, which the background finds itself (`ui-bg/active-tab-status`).
 */
export function namedTab(search = location.search, tabs: Pick<typeof browser.tabs, 'get'> = browser.tabs): Promise<{ tabId: number; url?: string }> | undefined {
  const page = parsePopupPage(search);
  if (!page.ok || page.params.tabId === undefined) return undefined;
  const { tabId } = page.params;
  return tabs.get(tabId).then(
    (tab) => ({ tabId, ...(tab.url ? { url: tab.url } : {}) }),
    () => ({ tabId }),
  );
}
