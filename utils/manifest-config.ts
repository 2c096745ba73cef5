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

export function buildManifestExtras({ browser, geckoId }: { browser: string; mode: string; geckoId: string }) {
  return {
    name: 'Portal Guard',
    description: 'Recognises your health portal, checks a signed breach-notice feed on your device, and guides you through securing your account.',
    permissions: [...PERMISSIONS],
    action: { default_title: 'Portal Guard' },
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
