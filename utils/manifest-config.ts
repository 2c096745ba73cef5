import { FEED_URL } from './feed/config';
import { RANGE_API_ORIGIN, RANGE_API_PERMISSION } from './password/range-api';

/**
 * Manifest fields that wxt.config.ts adds. Kept as a pure function so `manifest.test.ts` can
 * check the permission list without running a build.
 */

/** Fixed Firefox id: policies.json and AMO both name the extension by it. */
export const GECKO_ID = 'portal-guard@portal-guard.org';

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
 * The feed's own origin, and nothing else: each check is then one plain GET with a readable ETag
 * (without it every check with an ETag costs a CORS preflight). See docs/feed.md, "Host permission
 * or CORS".
 */
export const HOST_PERMISSIONS = [`${new URL(FEED_URL).origin}/*`] as const;

/**
 * Asked for only when the patient clicks:
 * - `downloads`, on the export review page: it lists the files this browser downloaded from
 *   catalogue portals, so a patient on a shared computer can remove them;
 * - `notifications`, on the password guide, when the patient asks for the one reminder about an
 *   unfinished guide (docs/password-guide.md, "Reminders").
 */
export const OPTIONAL_PERMISSIONS = ['downloads', 'notifications'] as const;

/**
 * Asked for only when the patient turns on the breach check on the password guide: the Pwned
 * Passwords range API, which receives 5 hex characters of a SHA-1 and nothing else
 * (docs/password-guide.md, "Pwned Passwords, with k-anonymity").
 */
export const OPTIONAL_HOST_PERMISSIONS = [RANGE_API_PERMISSION] as const;

/**
 * Where extension pages, workers and the background may connect: the extension itself, the feed
 * host and the Pwned Passwords range API (used by the background only, and only after the
 * patient opted in and granted its host permission), nothing else. This is what keeps the export
 * review worker (which reads a patient's record) off the network; a page's own <meta> CSP does
 * not reach a worker, the manifest's does. A new network destination must be added here, as a
 * visible, reviewed change.
 */
export function connectSources(mode: string): string[] {
  return ["'self'", new URL(FEED_URL).origin, RANGE_API_ORIGIN, ...(mode === 'development' ? ['http://localhost:*', 'ws://localhost:*'] : [])];
}

export function extensionPagesCsp(mode: string): string {
  return [`script-src 'self' 'wasm-unsafe-eval'`, `object-src 'self'`, `worker-src 'self'`, `connect-src ${connectSources(mode).join(' ')}`].join('; ');
}

/** Loaded on demand by the content script, so reachable from portal pages and only from them. */
export const WEB_ACCESSIBLE_RESOURCES = ['banner.js', 'password-assistant.js', 'password-strength.js'] as const;

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
}

export function buildManifestExtras({ browser, mode, geckoId, portalPatterns, grantOptionalHosts = false }: ManifestOptions) {
  return {
    name: 'Portal Guard',
    description: 'Recognises your health portal, checks a signed breach-notice feed on your device, and guides you through securing your account.',
    permissions: [...PERMISSIONS],
    host_permissions: [...HOST_PERMISSIONS, ...(grantOptionalHosts ? OPTIONAL_HOST_PERMISSIONS : [])],
    optional_permissions: [...OPTIONAL_PERMISSIONS],
    optional_host_permissions: [...OPTIONAL_HOST_PERMISSIONS],
    content_security_policy: { extension_pages: extensionPagesCsp(mode) },
    action: { default_title: 'Portal Guard' },
    // The banner's and the password assistant's code is loaded on demand by the content script,
    // so it must be reachable from portal pages, and only from them: other sites cannot probe for it.
    web_accessible_resources: [{ resources: [...WEB_ACCESSIBLE_RESOURCES], matches: portalPatterns }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: geckoId,
              // 140 is the first ESR that reads data_collection_permissions.
              strict_min_version: '140.0',
              // Portal Guard collects nothing: https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  };
}
