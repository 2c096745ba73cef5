import { browser } from 'wxt/browser';
import { SCRIPT_ID_PREFIX } from './portal-scripts';

/**
 * Can Portal Guard's content script run on this page now? It can where the manifest's
 * `content_scripts.matches` cover the host (the bundled catalogue), or where one of our registered
 * scripts (a clinic's or a patient's watched portal, portal-scripts.ts) covers it *and* the
 * browser granted that origin. Anywhere else, a recognised host (a tenant from the feed's
 * catalogue additions, say) gets no session watch, badge or banner until the patient watches it,
 * so the popup's tab status says `scriptable: false` and the popup offers "Watch this portal".
 *
 * Match patterns are read as the browser reads them, for the shapes we write (`https://host/*`,
 * `https://*.domain/*`), plus `*://` and a path glob, so a hand-edited manifest is read right too.
 * The browser's APIs are default parameters, so tests pass fixtures.
 */

export interface ScriptableDeps {
  manifestMatches: () => readonly string[];
  registered: () => Promise<readonly { id: string; matches?: readonly string[] }[]>;
  granted: (origin: string) => Promise<boolean>;
}

export const browserScriptableDeps: ScriptableDeps = {
  manifestMatches: () => (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches ?? []),
  registered: () => browser.scripting.getRegisteredContentScripts(),
  granted: (origin) => browser.permissions.contains({ origins: [`${origin}/*`] }),
};

/** Whether one match pattern covers `url` (scheme, host, path), for the pattern shapes extensions use. */
export function patternCovers(pattern: string, url: URL): boolean {
  const parsed = /^(\*|https?):\/\/(\*|\*\.[^/]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!parsed) return pattern === '<all_urls>' && (url.protocol === 'https:' || url.protocol === 'http:');
  const [, scheme, host = '', path = '/*'] = parsed;
  if (scheme === '*' ? url.protocol !== 'https:' && url.protocol !== 'http:' : url.protocol !== `${scheme}:`) return false;
  const hostname = url.hostname;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const domain = host.slice(2);
      if (hostname !== domain && !hostname.endsWith(`.${domain}`)) return false;
    } else if (hostname !== host) return false;
  }
  if (path === '/*') return true;
  const glob = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return glob.test(url.pathname + url.search);
}

/** `true`/`false` for an https page; `undefined` for anything else (the content script never runs there). */
export async function isScriptable(rawUrl: string, deps: ScriptableDeps = browserScriptableDeps): Promise<boolean | undefined> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  if (deps.manifestMatches().some((pattern) => patternCovers(pattern, url))) return true;
  const ours = (await deps.registered().catch(() => [])).filter((script) => script.id.startsWith(SCRIPT_ID_PREFIX));
  if (!ours.some((script) => (script.matches ?? []).some((pattern) => patternCovers(pattern, url)))) return false;
  return deps.granted(url.origin).catch(() => false);
}
