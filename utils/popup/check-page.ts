import { browser } from 'wxt/browser';
import type { Classification } from '../session/classify';

/**
 * "Check this page" on a site that is not in the catalogue: run the generic detector once in the
 * tab through the `activeTab` grant the toolbar click gave us. No broad host permission, nothing
 * left behind on the page, and the page learns nothing.
 */
export async function checkPage(tabId: number, scripting = browser.scripting): Promise<Classification> {
  const [first] = await scripting.executeScript({ target: { tabId }, files: ['/check-page.js'] });
  const result = first?.result as Classification | undefined;
  if (!result || typeof result.state !== 'string') throw new Error('The page could not be checked.');
  return result;
}
