import { FEED_ORIGINS } from '../feed/config';
import { BREACH_CHECK_DATA_COLLECTION, RANGE_API_ORIGIN, RANGE_API_PERMISSION } from '../password/range-api';

/**
 * Manifest fields that wxt.config.ts adds. Kept as a pure function so `manifest.test.ts` can
 * check the permission list without running a build.
 */

/** Fixed Firefox id: policies.json and AMO both name the extension by it. */
export const GECKO_ID = 'portal-guard@portal-guard.org';

/**
 * The public half (SubjectPublicKeyInfo DER, base64) of an RSA key that fixes the Chrome id of
 * every build except the store upload, so a managed policy file can name the extension
 * (docs/deploy.md, "Extension ids"). Nobody holds the private half: it was thrown away when the
 * pair was made, because Chrome derives the id from the public key alone. The Chrome Web Store
 * refuses a manifest with a `key` and assigns its own id, so `WXT_PORTAL_GUARD_STORE=1` builds
 * leave it out.
 */
export const CHROME_DEV_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu3BhHQ0f9k0dk5+xqcEe15D78IKIJkI1qM3JJp6mjh7oRFAG1kF3/1nATbkpAnSo7VMP4DdAw+ckdHyAIbim1xNUMTBLe7BaSMadlDmEVWLEzk5lKLwvmcEjXSH4XozgcyDYL+bNmwY1asSoh0OXsc8NmigAomjDHKuM4QxmxQwOuFX5cpK8NQNjeyLSucrhkTRwNGmt1pg0tZ9W5X1lOHOqkbeg5l5ZrEQXAFm1aNNhHr8lKrzzAU2xQ6rExTHFKUytCYBrYvYT2oZTc7qF1jdnYKVOQJwiw6ax9YSJr2OdqvSbnPkg/Xdw5KJX3fUNtsWh/EquRDFUJQ/k98ukvQIDAQAB';

/** The Chrome id `CHROME_DEV_KEY` gives: the first 32 hex digits of sha256(DER), 0-f mapped to a-p. */
export const CHROME_DEV_ID = 'hhgfimkmfcaiemkpadgcfaegejnclhhk';

/** Chrome's managed-storage schema (public/managed-schema.json); Firefox reads policies.json without one. */
export const MANAGED_SCHEMA_FILE = 'managed-schema.json';

/**
 * The fewest permissions that work:
 * - `storage`: per-tab session state, the last good feed, the user's settings;
 * - `activeTab` + `scripting`: "Check this page" runs the generic detector once, on the tab the
 *   user clicked, with no broad host permission;
 * - `alarms`: the feed refresh about every 12 hours.
 * Content scripts on catalogue hosts come from their `matches`, not from host permissions.
 */
export const PERMISSIONS = ['storage', 'activeTab', 'scripting', 'alarms'] as const;

/**
 * The feed's own origin (and a custom build's mirror origins), nothing else: each check is then
 * one plain GET with a readable ETag (without it every check with an ETag costs a CORS preflight).
 * See docs/feed.md, "Host permission or CORS".
 */
export function hostPermissions(origins: readonly string[] = FEED_ORIGINS): string[] {
  return origins.map((origin) => `${origin}/*`);
}

/**
 * Asked for only when the patient clicks:
 * - `downloads`, on the export review page: it lists the files this browser downloaded from
 *   catalogue portals, so a patient on a shared computer can remove them (shared-computer mode's
 *   reminder counts them too, when it is granted);
 * - `notifications`, on the password guide, when the patient asks for the one reminder about an
 *   unfinished guide (docs/password-guide.md, "Reminders"), and on the options page, when the
 *   patient turns shared-computer mode on ("You may still be signed in to …");
 * - `browsingData`, on the options page, when the patient asks shared-computer mode to clear a
 *   portal's cookies and site data (that portal's origin only) as it is left signed in.
 */
export const OPTIONAL_PERMISSIONS = ['downloads', 'notifications', 'browsingData'] as const;

/**
 * Asked for only when the patient turns on the breach check on the password guide: the Pwned
 * Passwords range API, which receives 5 hex characters of a SHA-1 and nothing else
 * (docs/password-guide.md, "Pwned Passwords, with k-anonymity").
 */
export const OPTIONAL_HOST_PERMISSIONS = [RANGE_API_PERMISSION] as const;

/**
 * Portals the patient adds on the options page, or the organisation adds by policy, are new
 * hosts: each is asked for (`permissions.request` from a click, naming only that portal's hosts)
 * before its content script can run there. Chrome grants only origins the manifest lists as
 * optional, so any https host must be listable; nothing is granted at install.
 */
export const CUSTOM_PORTAL_HOST_PERMISSIONS = ['https://*/*'] as const;

/**
 * Where extension pages, workers and the background may connect: the extension itself, the feed
 * host and the Pwned Passwords range API (used by the background only, and only after the
 * patient opted in and granted its host permission), nothing else. This is what keeps the export
 * review worker (which reads a patient's record) off the network; a page's own <meta> CSP does
 * not reach a worker, the manifest's does. A new network destination must be added here, as a
 * visible, reviewed change.
 */
export function connectSources(mode: string, feedOrigins: readonly string[] = FEED_ORIGINS): string[] {
  return ["'self'", ...feedOrigins, RANGE_API_ORIGIN, ...(mode === 'development' ? ['http://localhost:*', 'ws://localhost:*'] : [])];
}

/**
 * The whole policy for extension pages, the background and the export review's worker, so it
 * does not rest on `connect-src` alone (issue 14, item 8): everything defaults to our own files;
 * scripts only ours (no `'wasm-unsafe-eval'`: there is no WebAssembly); no plugins; no `<base>`
 * that could re-point relative URLs; no form posts (every form is handled in script); images only
 * our own files (nothing draws a `data:` image, so it is not allowed). Every page is checked to
 * render whole under it in both browsers (test/e2e/isolation.e2e.ts).
 */
export function extensionPagesCsp(mode: string, feedOrigins: readonly string[] = FEED_ORIGINS): string {
  return [
    `default-src 'self'`,
    `script-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `img-src 'self'`,
    `worker-src 'self'`,
    `connect-src ${connectSources(mode, feedOrigins).join(' ')}`,
    // `npm run dev` only: Vite's dev client injects CSS as <style> elements, which `default-src
    // 'self'` blocks. A built page links its CSS files and has no inline style at all.
    ...(mode === 'development' ? [`style-src 'self' 'unsafe-inline'`] : []),
  ].join('; ');
}

/**
 * Chrome only: the lazy bundles, which its content script imports by URL (utils/content/load-bundle.ts),
 * so they are reachable from portal pages, and only from them.
 */
export const WEB_ACCESSIBLE_RESOURCES = ['banner.js', 'password-assistant.js', 'password-strength.js'] as const;

export interface WebAccessibleEntry {
  resources: string[];
  matches: string[];
  use_dynamic_url: true;
}

/**
 * Chrome's web-accessible entries. The banner's and the password assistant's code is imported on
 * demand by the content script, so it must be reachable from portal pages, and only from them.
 * Even there a page must not learn that Portal Guard is installed by loading a file of ours
 * (issue 14, item 3): Chrome's extension id is fixed (the store's, or CHROME_DEV_ID), so every
 * entry is served only under a per-session random id (`use_dynamic_url`), which `runtime.getURL`
 * hands our content script and nobody else.
 *
 * Firefox gets none: its background injects each bundle into the asking frame
 * (utils/background/inject-bundle.ts), which needs no web-accessible file, and nothing else of
 * ours is loaded by URL from a page (the banner's and the assistant's CSS are inlined in their
 * bundles; our pages are opened by the background). Firefox's moz-extension host is random per
 * installation, but a listed file would still load, status 200, in any page that knows it
 * (test/e2e/isolation.e2e.ts); listing none leaves a page nothing of ours to load at all.
 */
export function webAccessibleResources(browser: string, portalPatterns: readonly string[]): { web_accessible_resources?: WebAccessibleEntry[] } {
  if (browser === 'firefox') return {};
  return {
    web_accessible_resources: [
      { resources: [...WEB_ACCESSIBLE_RESOURCES], matches: [...portalPatterns], use_dynamic_url: true },
      // Custom portals (a policy's, a patient's) are not known when the manifest is written, and
      // their content script loads the same bundles.
      { resources: [...WEB_ACCESSIBLE_RESOURCES], matches: [...CUSTOM_PORTAL_HOST_PERMISSIONS], use_dynamic_url: true },
    ],
  };
}

export interface ManifestOptions {
  browser: string;
  mode: string;
  geckoId: string;
  portalPatterns: string[];
  /**
   * E2E builds only (`WXT_PORTAL_GUARD_E2E_GRANT_OPTIONAL_HOSTS=1`): also list the optional host
   * permissions as granted ones, because neither browser lets an automated test answer a
   * permission prompt. Production builds never set it; test/e2e/manifest.e2e.ts checks them.
   */
  grantOptionalHosts?: boolean;
  /**
   * E2E builds only (`WXT_PORTAL_GUARD_E2E_SCRIPTABLE_PORTALS=1`): also grant the catalogue's
   * portal patterns as host permissions, so a test can read the extension's own closed shadow
   * roots from its isolated world (`scripting.executeScript` + `openOrClosedShadowRoot`), which is
   * the only way anything outside the page can. The content script does not use it.
   */
  scriptablePortals?: boolean;
  /** `FEED_ORIGINS` as the build sees it (wxt.config.ts runs in Node, before Vite's env). */
  feedOrigins?: readonly string[];
  /** A Chrome Web Store upload (`WXT_PORTAL_GUARD_STORE=1`): no `key`, the store assigns the id. */
  store?: boolean;
}

export function buildManifestExtras({ browser, mode, geckoId, portalPatterns, grantOptionalHosts = false, scriptablePortals = false, feedOrigins = FEED_ORIGINS, store = false }: ManifestOptions) {
  return {
    // From utils/i18n/locales/<lang>.yml, so each store listing and the browser show the patient's language.
    name: '__MSG_manifest_name__',
    description: '__MSG_manifest_description__',
    default_locale: 'en',
    permissions: [...PERMISSIONS],
    host_permissions: [...hostPermissions(feedOrigins), ...(grantOptionalHosts ? OPTIONAL_HOST_PERMISSIONS : []), ...(scriptablePortals ? portalPatterns : [])],
    optional_permissions: [...OPTIONAL_PERMISSIONS],
    optional_host_permissions: [...OPTIONAL_HOST_PERMISSIONS, ...CUSTOM_PORTAL_HOST_PERMISSIONS],
    content_security_policy: { extension_pages: extensionPagesCsp(mode, feedOrigins) },
    action: { default_title: '__MSG_manifest_actionTitle__' },
    ...webAccessibleResources(browser, portalPatterns),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: geckoId,
              // 140 is the first ESR that reads data_collection_permissions.
              strict_min_version: '140.0',
              // https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/
              // Nothing is required: without the patient's opt-in, Portal Guard sends nothing but
              // the feed request. The opt-in breach check sends 5 hex characters of a password's
              // SHA-1 to a third party (api.pwnedpasswords.com), which is authentication
              // information; it is optional, asked for with the range API's host when the patient
              // turns the check on (utils/password/breach-check-permission.ts).
              data_collection_permissions: { required: ['none'], optional: [...BREACH_CHECK_DATA_COLLECTION] },
            },
            // Firefox for Android reads data_collection_permissions from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // The policy keys Chrome passes to storage.managed; Firefox reads policies.json's
          // 3rdparty section without a schema.
          storage: { managed_schema: MANAGED_SCHEMA_FILE },
          ...(store ? {} : { key: CHROME_DEV_KEY }),
        }),
  };
}
