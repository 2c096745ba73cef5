/**
 * Where the feed comes from and the limits an update must fit. The URL is a default: settings or
 * a managed policy may point the extension at another https URL later.
 */

/** The published feed: one signed static file (docs/feed.md, "Publishing"). */
export const FEED_URL = 'https://feed.portal-guard.org/v1/feed.json';

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
