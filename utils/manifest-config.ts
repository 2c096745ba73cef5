import { FEED_URL } from './feed/config';

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
 * Asked for only when the patient clicks, on the export review page: `downloads` lists the files
 * this browser downloaded from catalogue portals, so a patient on a shared computer can remove them.
 */
export const OPTIONAL_PERMISSIONS = ['downloads'] as const;

/**
 * Where extension pages, workers and the background may connect: the extension itself and the
 * feed host, nothing else. This is what keeps the export review worker (which reads a patient's
 * record) off the network; a page's own <meta> CSP does not reach a worker, the manifest's does.
 * A new network destination must be added here, as a visible, reviewed change.
 */
export function connectSources(mode: string): string[] {
  return ["'self'", new URL(FEED_URL).origin, ...(mode === 'development' ? ['http://localhost:*', 'ws://localhost:*'] : [])];
}

export function extensionPagesCsp(mode: string): string {
  return [`script-src 'self' 'wasm-unsafe-eval'`, `object-src 'self'`, `worker-src 'self'`, `connect-src ${connectSources(mode).join(' ')}`].join('; ');
}

export function buildManifestExtras({ browser, mode, geckoId, portalPatterns }: { browser: string; mode: string; geckoId: string; portalPatterns: string[] }) {
  return {
    name: 'Portal Guard',
    description: 'Recognises your health portal, checks a signed breach-notice feed on your device, and guides you through securing your account.',
    permissions: [...PERMISSIONS],
    host_permissions: [...HOST_PERMISSIONS],
    optional_permissions: [...OPTIONAL_PERMISSIONS],
    content_security_policy: { extension_pages: extensionPagesCsp(mode) },
    action: { default_title: 'Portal Guard' },
    // The banner's code is loaded on demand by the content script, so it must be reachable from
    // portal pages, and only from them: other sites cannot probe for it.
    web_accessible_resources: [{ resources: ['banner.js'], matches: portalPatterns }],
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
