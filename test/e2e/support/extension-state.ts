import type { ExtensionDriver } from './driver';

/** The per-tab record the background keeps in `storage.session` under `tabSessions`. */
export interface TabSessionRecord {
  state: string;
  evidence: string[];
  detectedAt: number;
  url: string;
  via: string;
}

export async function tabSessions(driver: ExtensionDriver): Promise<Record<string, TabSessionRecord>> {
  return driver.extension(async (api) => ((await api.storage.session.get('tabSessions')).tabSessions ?? {}) as Record<string, TabSessionRecord>, undefined);
}

/**
 * Wait until the background has recorded `state` for the tab at `url`. The content script
 * re-checks a single-page app at most every few hundred ms, and WXT notices URL changes about
 * once a second, so a few seconds is plenty; the error says what was recorded instead.
 */
export async function waitForSession(driver: ExtensionDriver, tabId: number, expected: { state: string; url: string }, timeoutMs = 8_000): Promise<TabSessionRecord> {
  const deadline = Date.now() + timeoutMs;
  let last: TabSessionRecord | undefined;
  while (Date.now() < deadline) {
    last = (await tabSessions(driver))[String(tabId)];
    if (last && last.state === expected.state && last.url === expected.url) return last;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Tab ${tabId}: expected ${expected.state} at ${expected.url} within ${timeoutMs} ms; recorded: ${JSON.stringify(last) ?? 'nothing'}`);
}

export async function badge(driver: ExtensionDriver, tabId: number): Promise<{ text: string; title: string }> {
  return driver.extension(async (api, tabId) => ({ text: await api.action.getBadgeText({ tabId }), title: await api.action.getTitle({ tabId }) }), tabId);
}

/** Badge text and title can trail the stored state by a message round trip: poll briefly. */
export async function waitForBadge(driver: ExtensionDriver, tabId: number, text: string, timeoutMs = 5_000): Promise<{ text: string; title: string }> {
  const deadline = Date.now() + timeoutMs;
  let last = await badge(driver, tabId);
  while (last.text !== text && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await badge(driver, tabId);
  }
  return last;
}
