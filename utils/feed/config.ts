/**
 * Where the feed comes from and the limits an update must fit. The URL is a default: a managed
 * policy may name another https URL (`feedUrl`), on one of the origins in `FEED_ORIGINS`.
 */

/**
 * The published feed's signed index (docs/feed.md, "How the extension updates"): the index names
 * the snapshot and deltas, at paths relative to it. Before issue 13 this named the single file
 * `v1/feed.json`; a policy `feedUrl` that still names a file there is read as the `index.json`
 * beside it (`indexUrlOf`).
 */
export const FEED_URL = 'https://feed.portal-guard.org/v1/index.json';

/**
 * The index a feed URL stands for: itself when it names `index.json`, else `index.json` in the same
 * folder (`…/v1/feed.json` and `…/v1/` both give `…/v1/index.json`), without query or fragment.
 */
export function indexUrlOf(feedUrl: string): string {
  const url = new URL(feedUrl);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/index.json')) url.pathname = url.pathname.replace(/[^/]*$/, 'index.json');
  return url.href;
}

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

/**
 * A snapshot larger than this is refused before it is parsed (checked on Content-Length and on the
 * bytes; a delta or snapshot must also have exactly the length the signed index gives). A
 * 10,000-notice snapshot is about 27 MB, so this leaves room for more than twice that.
 */
export const MAX_FEED_BYTES = 64 * 1024 * 1024;

/** The signed index is small (a few hundred bytes per delta it lists, at most 64 deltas). */
export const MAX_INDEX_BYTES = 256 * 1024;

/**
 * With no new signed data for this many days (no index signed since, or for the bundled feed no
 * newer build), the popup and the options page say notices may be out of date, even before the
 * index's own `expires`. The publisher re-signs the index at least daily, and a check runs about
 * every 12 hours, so two weeks without one means the host is stuck, blocked or captured, or the
 * browser has been offline for long: either way the patient should know. The last good feed stays
 * in use.
 */
export const STALE_AFTER_DAYS = 14;

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
