import { browser, type Browser } from 'wxt/browser';
import type { CustomPortal } from '../portals/custom';
import { portalMatchPatterns } from '../portals/match-patterns';

/**
 * The content script on custom portals. The manifest's `content_scripts` cover the catalogue;
 * a policy's or a patient's portal gets the same script through `scripting.registerContentScripts`,
 * one registration per portal with an id we can find again, kept across browser restarts. The
 * browser injects it only where the host permission was granted (the options page asks, naming
 * the portal's hosts), so registering early is harmless and a later grant needs no new call.
 */

/** Our registrations' ids start with this; anything else registered is left alone. */
export const SCRIPT_ID_PREFIX = 'custom-portal:';
/** The built content script (wxt.config.ts fills the catalogue's matches into the manifest copy). */
export const PORTAL_SCRIPT = 'content-scripts/portal.js';

/**
 * `browser.scripting` as used here. `unregisterContentScripts` is given in its promise form only:
 * WXT's type also has Chrome's `unregisterContentScripts(callback)`, which a fake taking a filter
 * could not satisfy, and which this code never calls.
 */
export type ScriptingApi = Pick<typeof browser.scripting, 'getRegisteredContentScripts' | 'registerContentScripts'> & {
  unregisterContentScripts(filter: Browser.scripting.ContentScriptFilter): Promise<void>;
};

export const scriptIdFor = (portal: CustomPortal) => `${SCRIPT_ID_PREFIX}${portal.origin}:${portal.portal.id}`;

/** The one registration that covers the hosts the signed feed's catalogue additions bring. */
export const FEED_ADDITIONS_SCRIPT_ID = `${SCRIPT_ID_PREFIX}feed:additions`;

const sameList = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && [...a].sort().every((value, index) => value === [...b].sort()[index]);

/**
 * Make the registrations match `portals` and the feed's added hosts (`additionPatterns`, one
 * registration, none when the feed adds no host): unregister ours that are gone or changed,
 * register the missing ones. Returns what it did, for tests and the options page.
 */
export async function syncPortalScripts(portals: readonly CustomPortal[], additionPatterns: readonly string[] = [], scripting: ScriptingApi = browser.scripting): Promise<{ registered: string[]; unregistered: string[] }> {
  const wanted = new Map(portals.map((portal) => [scriptIdFor(portal), portalMatchPatterns([portal.portal])]));
  if (additionPatterns.length > 0) wanted.set(FEED_ADDITIONS_SCRIPT_ID, [...additionPatterns]);
  const ours = (await scripting.getRegisteredContentScripts()).filter((script) => script.id.startsWith(SCRIPT_ID_PREFIX));
  const stale = ours.filter((script) => !wanted.has(script.id) || !sameList(script.matches, wanted.get(script.id)) || !sameList(script.js, [PORTAL_SCRIPT]));
  if (stale.length > 0) await scripting.unregisterContentScripts({ ids: stale.map((script) => script.id) });
  const kept = new Set(ours.filter((script) => !stale.includes(script)).map((script) => script.id));
  const missing = [...wanted].filter(([id]) => !kept.has(id));
  if (missing.length > 0) {
    await scripting.registerContentScripts(missing.map(([id, matches]) => ({ id, matches, js: [PORTAL_SCRIPT], runAt: 'document_idle', allFrames: false, persistAcrossSessions: true })));
  }
  return { registered: missing.map(([id]) => id), unregistered: stale.map((script) => script.id) };
}

