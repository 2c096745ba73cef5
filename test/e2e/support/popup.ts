import type { DriverPage, ExtensionDriver } from './driver';

/** What the popup shows, read through its `data-testid` contract. `null` = element absent. */
export interface PopupView {
  portalName: string | null;
  operator: string | null;
  host: string | null;
  sessionState: string | null;
  noticeTitles: string[];
  noNotices: boolean;
  notAPortal: boolean;
  checkPageButton: boolean;
  feedStatus: string | null;
  /** Any error the popup itself rendered instead of its content. */
  error: string | null;
}

/** The popup is ready when it shows a portal, says "not a portal", or fails visibly. */
export const POPUP_READY = '[data-testid=session-state], [data-testid=not-a-portal], [data-testid=lookalike], [role=alert]';

export async function openPopup(driver: ExtensionDriver, tabId: number): Promise<{ page: DriverPage; view: PopupView }> {
  const page = await driver.openExtensionPage(`popup.html?tabId=${tabId}`, POPUP_READY);
  return { page, view: await readPopup(page) };
}

export function readPopup(page: DriverPage): Promise<PopupView> {
  return page.evaluate(() => {
    const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    const exists = (id: string) => document.querySelector(`[data-testid="${id}"]`) !== null;
    return {
      portalName: text('portal-name'),
      operator: text('portal-operator'),
      host: text('portal-host'),
      sessionState: text('session-state'),
      noticeTitles: [...document.querySelectorAll('[data-testid="notice"]')].map((notice) => notice.querySelector('[data-testid="notice-title"]')?.textContent?.trim() ?? ''),
      noNotices: exists('no-notices'),
      notAPortal: exists('not-a-portal'),
      checkPageButton: exists('check-page'),
      feedStatus: text('feed-status'),
      error: document.querySelector('[role=alert]')?.textContent?.trim() ?? null,
    };
  }, undefined);
}
