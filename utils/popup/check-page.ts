import { browser } from 'wxt/browser';
import type { PlatformDetection } from '../portals/platform-detection';
import type { Classification } from '../session/classify';
import { SESSION_STATES } from '../session/state';

/**
 * "Check this page" on a site that is not in the catalogue: run the generic detector (and the
 * platform detector, `platform-signals.ts`) once in the tab through the `activeTab` grant the
 * toolbar click gave us. No broad host permission, nothing left behind on the page, and the page
 * learns nothing.
 */
export interface PageCheck {
  classification: Classification;
  /** The platform the page looks like, if any: a hint about an unreviewed address, never an identity. */
  detection?: PlatformDetection;
}

export async function checkPage(tabId: number, scripting = browser.scripting): Promise<PageCheck> {
  const [first] = await scripting.executeScript({ target: { tabId }, files: ['/check-page.js'] });
  const result: unknown = first?.result;
  const classification = (result as { classification?: unknown } | undefined)?.classification;
  if (!isClassification(classification)) throw new Error('The page could not be checked.');
  const detection = parseDetection((result as { detection?: unknown }).detection);
  return { classification, ...(detection ? { detection } : {}) };
}

const isString = (value: unknown): value is string => typeof value === 'string';

function isClassification(value: unknown): value is Classification {
  const candidate = value as Partial<Classification> | undefined;
  return typeof candidate === 'object' && candidate !== null && (SESSION_STATES as readonly unknown[]).includes(candidate.state) && Array.isArray(candidate.evidence) && candidate.evidence.every(isString);
}

/**
 * The detection crossed from the page's process, so it is checked field by field before use (by
 * hand rather than with zod, which the popup does not otherwise load). A host that is not plain
 * lowercase ASCII is dropped: the popup compares it with the tab's own host anyway.
 */
export function parseDetection(value: unknown): PlatformDetection | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { platformId, platformName, host, registrableDomain, state, matched } = value as Record<string, unknown>;
  if (!isString(platformId) || !/^[a-z0-9-]{2,80}$/.test(platformId)) return undefined;
  if (!isString(platformName) || platformName.length > 100) return undefined;
  if (!isString(host) || !/^[a-z0-9.-]{1,253}$/.test(host)) return undefined;
  if (!isString(registrableDomain) || !/^[a-z0-9.-]{1,253}$/.test(registrableDomain)) return undefined;
  if (!(SESSION_STATES as readonly unknown[]).includes(state)) return undefined;
  if (!Array.isArray(matched) || !matched.every(isString)) return undefined;
  return { platformId, platformName, host, registrableDomain, state: state as PlatformDetection['state'], matched: matched.slice(0, 20) };
}
