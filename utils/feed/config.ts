/**
 * Where the feed comes from and the limits an update must fit. The URL is a default: a managed
 * policy may name another https URL (`feedUrl`), on one of the origins in `FEED_ORIGINS`.
 */

/** The published feed: one signed static file (docs/feed.md, "Publishing"). */
export const FEED_URL = 'https://feed.portal-guard.org/v1/feed.json';

/**
 * Every origin the extension may download a feed from. It is fixed when the extension is built,
 * because the manifest's `connect-src` (utils/build/manifest-config.ts) must name it: that CSP is also
 * what keeps the export review's worker off the network, and no runtime setting can widen it
 * (docs/deploy.md, "Your own feed mirror", has the browser evidence). A clinic mirror on another
 * origin needs a build made with `WXT_PORTAL_GUARD_FEED_MIRRORS=https://mirror.example` (a
 * comma-separated list of https origins), which adds them here, to `connect-src` and to the host
 * permissions.
 */
export const FEED_ORIGINS: readonly string[] = feedOrigins(import.meta.env?.WXT_PORTAL_GUARD_FEED_MIRRORS);

/** The default feed's origin plus the build's mirror origins (exported for wxt.config.ts and tests). */
export function feedOrigins(mirrors: string | undefined): string[] {
  const extra = (mirrors ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = new URL(entry);
      if (url.protocol !== 'https:' || !/^[a-z0-9.-]+$/.test(url.hostname) || url.origin !== entry.replace(/\/$/, '')) throw new Error(`WXT_PORTAL_GUARD_FEED_MIRRORS: ${entry} is not a bare https origin such as https://feed.clinic.example`);
      return url.origin;
    });
  return [...new Set([new URL(FEED_URL).origin, ...extra])];
}

/** The feed that ships inside the extension, used on first run and when offline. */
export const BUNDLED_FEED_PATH = '/feed/feed.json';

/** An update larger than this is refused before it is parsed (checked on Content-Length and on the bytes). */
export const MAX_FEED_BYTES = 2 * 1024 * 1024;

/** A feed generated further in the future than this is refused: clocks drift, forgeries lie. */
export const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000;

/** About every 12 hours, on an `alarms` alarm. */
export const REFRESH_PERIOD_MINUTES = 12 * 60;

/**
 * When the background starts, check right away only if the last check is older than this. An MV3
 * background wakes many times a day; most wakes should not cost the feed host a request.
 */
export const STARTUP_CHECK_AFTER_MS = 60 * 60 * 1000;

/**
 * The alarm that wakes the background about every 12 hours to check the feed. Only the background
 * creates it; the options page's "Check for updates now" is a protocol message (`ui-bg/check-feed-now`).
 */
export const FEED_ALARM = 'feed-refresh';
