import { browser } from 'wxt/browser';
import { z } from 'zod';
import { sendMessage } from '../messaging/send';
import { pageDetectionSchema, type PlatformDetection } from '../portals/platform-detection';
import type { SignalTable } from '../portals/platform-signals';
import type { Classification } from '../session/classify';
import { sessionStateSchema } from '../session/schema';
import { PAGE_CHECK_TABLE } from '../content/page-check';

/**
 * "Check this page" on a site that is not in the catalogue: run the generic detector and the
 * platform detector once in the tab, through the `activeTab` grant the toolbar click gave us. No
 * broad host permission, nothing left behind on the page, and the page learns nothing.
 *
 *   popup ── ui-bg/platform-signals ──► background: the compact signal table (no catalogue in the page)
 *   popup ── executeScript(func, [table]) ──► the tab's isolated world holds the table
 *   popup ── executeScript('/check-page.js') ──► {classification, detection?}
 *   popup: parse with zod (the page's world produced it), add the registrable domain with tldts
 *
 * The registrable domain needs the public-suffix list (tldts), which is too big for a page script,
 * so it is computed here, loaded only when the check runs.
 */

export interface CheckPageResult {
  classification: Classification;
  detection?: PlatformDetection;
}

const resultSchema = z.object({
  classification: z.object({ state: sessionStateSchema, evidence: z.array(z.string().max(40)).max(8) }),
  detection: pageDetectionSchema.optional(),
});

export interface CheckPageDeps {
  scripting?: Pick<typeof browser.scripting, 'executeScript'>;
  signals?: () => Promise<SignalTable>;
  registrableDomain?: (host: string) => Promise<string | undefined>;
}

const defaultSignals = async () => (await sendMessage('ui-bg/platform-signals', {})).platforms;
const defaultRegistrableDomain = async (host: string) => {
  const { parse } = await import('tldts');
  const parsed = parse(host, { allowPrivateDomains: true });
  return parsed.isIp || !parsed.domain ? undefined : parsed.domain;
};

export async function checkPage(tabId: number, { scripting = browser.scripting, signals = defaultSignals, registrableDomain = defaultRegistrableDomain }: CheckPageDeps = {}): Promise<CheckPageResult> {
  // The table is a hint source only: if the background cannot give it, the page is still classified.
  const table = await signals().catch(() => undefined);
  if (table) {
    await scripting.executeScript({
      target: { tabId },
      // Runs in the tab's isolated world, serialised: it must not refer to anything outside itself.
      func: (key: string, value: SignalTable) => {
        (globalThis as unknown as Record<symbol, SignalTable>)[Symbol.for(key)] = value;
      },
      args: [PAGE_CHECK_TABLE, table],
    });
  }
  const [first] = await scripting.executeScript({ target: { tabId }, files: ['/check-page.js'] });
  const parsed = resultSchema.safeParse(first?.result);
  if (!parsed.success) throw new Error('The page could not be checked.');
  const { classification, detection } = parsed.data;
  if (!detection) return { classification };
  const domain = await registrableDomain(detection.host);
  // No registrable domain (a public suffix, a private suffix such as a hosting platform's): the
  // page is described without a platform rather than with an address that cannot be watched.
  if (!domain) return { classification };
  return { classification, detection: { ...detection, registrableDomain: domain, state: classification.state } };
}
