/**
 * What the shared e2e tests need from a browser, so one table of cases runs unchanged in
 * Chromium (Playwright) and Firefox (Puppeteer over WebDriver BiDi).
 */

export type BrowserName = 'chromium' | 'firefox';

/** A page the test can run code in and photograph. Functions passed in must be self-contained. */
export interface DriverPage {
  evaluate<A, T>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Evaluate script text (awaited if it ends in a promise); not bound by the page's CSP. */
  evaluateScript<T>(source: string): Promise<T>;
  click(selector: string): Promise<void>;
  /** Press a key as the user would (a trusted event), e.g. `Tab` or `Enter`. */
  press(key: string): Promise<void>;
  /** Reload the page and wait for it to load. */
  reload(): Promise<void>;
  /** Real key presses into a field (trusted input events); `replace` empties the field first. */
  type(selector: string, text: string, options?: { replace?: boolean }): Promise<void>;
  /** A real mouse click at viewport coordinates, e.g. on a button inside a closed shadow root. */
  clickAt(x: number, y: number): Promise<void>;
  goto(url: string): Promise<void>;
  url(): string;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionDriver {
  browser: BrowserName;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionOrigin: string;
  /**
   * Run `fn` in a long-lived extension page with the WebExtension API (`browser` in Firefox,
   * `chrome` in Chromium) as its first argument.
   */
  extension<A, T>(fn: (api: WebExtensionApi, arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Open `url` in a new tab (created by the extension, so its tab id is known) and wait for it to load. */
  openTab(url: string): Promise<{ tabId: number; page: DriverPage }>;
  /** Open an extension page (e.g. `popup.html?tabId=3`) as a tab, sized like a toolbar popup. */
  openExtensionPage(path: string, waitForSelector: string): Promise<DriverPage>;
  close(): Promise<void>;
}

/** The small slice of the WebExtension API the tests call, typed loosely on purpose. */
export interface WebExtensionApi {
  i18n: { getMessage(key: string): string; getUILanguage(): string };
  storage: {
    session: { get(key: string): Promise<Record<string, unknown>> };
    local: { get(key: string): Promise<Record<string, unknown>> };
  };
  alarms: { create(name: string, info: { when?: number; delayInMinutes?: number }): Promise<void> | void };
  action: {
    getBadgeText(details: { tabId: number }): Promise<string>;
    getTitle(details: { tabId: number }): Promise<string>;
    /** Opens the real toolbar popup over the active tab (portal-suite.ts). */
    openPopup(): Promise<void>;
  };
  extension: { getViews(filter: { type: 'popup' }): Window[] };
  tabs: {
    create(details: { url: string; active?: boolean }): Promise<{ id?: number }>;
    remove(tabId: number): Promise<void>;
  };
  permissions: {
    getAll(): Promise<{ origins?: string[]; permissions?: string[] }>;
    contains(details: { origins: string[] }): Promise<boolean>;
  };
  runtime: { getManifest(): { manifest_version: number; content_scripts?: { matches: string[] }[] }; sendMessage(message: unknown): Promise<unknown> };
}

/** Toolbar-popup size, for pages opened as tabs: Chrome caps a popup at 800×600. */
export const POPUP_VIEWPORT = { width: 380, height: 600 };
