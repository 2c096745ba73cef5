import type { DriverPage, ExtensionDriver } from './driver';

/**
 * Portal Guard's in-page UIs (the banner, the password assistant) live in closed shadow roots, so
 * neither the page nor a test driving the page can see inside. These helpers look from the
 * extension's isolated world instead (`scripting.executeScript`), where the browser lets an
 * extension open its own closed roots, and then click at the element's position like a person.
 */

export interface ShadowView {
  present: boolean;
  /** The page's own view of the host's shadow root: null when closed. */
  pageSeesShadowRoot: boolean;
  text: Record<string, string>;
  data: Record<string, Record<string, string>>;
  rects: Record<string, { x: number; y: number }>;
}

/**
 * Read one of our closed UIs from the extension's isolated world: text, data attributes and the
 * centre of each `data-testid` element (and of each button, by its label).
 */
export async function readShadow(driver: ExtensionDriver, tabId: number, hostTag: string): Promise<ShadowView> {
  const results = await driver.extension(
    async (api, { tabId, hostTag }) =>
      (api as unknown as { scripting: { executeScript(details: unknown): Promise<{ result: unknown }[]> } }).scripting.executeScript({
        target: { tabId },
        args: [hostTag],
        func: (tag: string) => {
          const host = document.querySelector(tag);
          const empty = { present: false, pageSeesShadowRoot: false, text: {}, data: {}, rects: {} };
          if (!host) return empty;
          // Chromium: chrome.dom.openOrClosedShadowRoot(element). Firefox: a property of the element,
          // visible to extension scripts only.
          const global = globalThis as unknown as { chrome?: { dom?: { openOrClosedShadowRoot?: (element: Element) => ShadowRoot | null } } };
          const root = global.chrome?.dom?.openOrClosedShadowRoot?.(host) ?? (host as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ?? null;
          if (!root) return { ...empty, present: true };
          const view = { present: true, pageSeesShadowRoot: host.shadowRoot !== null, text: {} as Record<string, string>, data: {} as Record<string, Record<string, string>>, rects: {} as Record<string, { x: number; y: number }> };
          const centre = (element: Element) => {
            const rect = element.getBoundingClientRect();
            return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
          };
          for (const element of root.querySelectorAll<HTMLElement>('[data-testid]')) {
            const id = element.dataset.testid!;
            view.text[id] = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
            view.data[id] = { ...element.dataset } as Record<string, string>;
            view.rects[id] = centre(element);
          }
          for (const button of root.querySelectorAll('button')) view.rects[`button:${(button.textContent ?? '').trim()}`] = centre(button);
          const meter = root.querySelector('[role=meter]');
          if (meter) view.text.meter = meter.getAttribute('aria-valuetext') ?? '';
          return view;
        },
      }),
    { tabId, hostTag },
  );
  return results[0]!.result as ShadowView;
}

export async function waitForShadow(driver: ExtensionDriver, tabId: number, hostTag: string, what: string, ok: (view: ShadowView) => boolean, timeoutMs = 10_000): Promise<ShadowView> {
  const deadline = Date.now() + timeoutMs;
  let last: ShadowView | undefined;
  for (;;) {
    last = await readShadow(driver, tabId, hostTag).catch(() => last);
    if (last && ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what} in <${hostTag}>; saw ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Scroll our element into view (from the isolated world), then click it for real. */
export async function clickInShadow(driver: ExtensionDriver, page: DriverPage, tabId: number, hostTag: string, key: string): Promise<void> {
  const view = await waitForShadow(driver, tabId, hostTag, key, (candidate) => candidate.rects[key] !== undefined);
  const { x, y } = view.rects[key]!;
  await page.clickAt(x, y);
}
