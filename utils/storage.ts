import { z } from 'zod';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { sessionStateSchema } from './messaging/protocol';

/**
 * The one storage registry. Every item the extension keeps is defined here, versioned, with a zod
 * schema that is applied when the value is read back: storage written by an older version, or
 * tampered with, is migrated or falls back rather than crashing a page. Migrations are tested in
 * `storage.test.ts` against fakeBrowser. To change a shape: bump `version`, add a migration, and
 * never reuse a key for another meaning.
 */

export interface RegisteredItem<T> {
  key: string;
  version: number;
  schema: z.ZodType<T>;
  item: WxtStorageItem<T, Record<string, never>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration receives whatever an older version stored.
function define<T>(key: `local:${string}` | `session:${string}` | `sync:${string}`, schema: z.ZodType<T>, options: { fallback: T; version: number; migrations?: Record<number, (old: any) => unknown> }): RegisteredItem<T> {
  const item = storage.defineItem<T>(key, { fallback: options.fallback, version: options.version, ...(options.migrations ? { migrations: options.migrations } : {}) });
  return { key, version: options.version, schema, item };
}

/** Read an item, parse it, and fall back (without writing) when the stored value is invalid. */
export async function readItem<T>(registered: RegisteredItem<T>): Promise<T> {
  const parsed = registered.schema.safeParse(await registered.item.getValue());
  return parsed.success ? parsed.data : registered.item.fallback;
}

/** Parse, then write. A value that does not fit its schema is a bug, so it throws. */
export async function writeItem<T>(registered: RegisteredItem<T>, value: T): Promise<void> {
  await registered.item.setValue(registered.schema.parse(value));
}

// ── Per-tab session state (session area: gone when the browser closes) ──────────────────────

export const tabSessionSchema = z.strictObject({
  state: sessionStateSchema,
  evidence: z.array(z.string()),
  detectedAt: z.number(),
  /** The page URL as the browser reported it with the message (never taken from the page). */
  url: z.string(),
});
export type TabSession = z.infer<typeof tabSessionSchema>;

export const tabSessions = define('session:tabSessions', z.record(z.string(), tabSessionSchema), { fallback: {}, version: 1 });

// ── Breach-notice feed ───────────────────────────────────────────────────────────────────────

/**
 * The last good feed: the signed envelope exactly as it was verified (utils/feed/envelope.ts), so
 * it is verified again when the background starts, against the keys pinned then. The other
 * fields are copies for the status line. Written only by utils/feed (update.ts, active-feed.ts).
 * This shape replaced a draft (`body` + `signature`, without the key id) before any release; a
 * stored value that does not parse is ignored, and the bundled feed is installed in its place.
 */
export const storedFeedSchema = z.strictObject({
  envelope: z.string(),
  source: z.enum(['bundled', 'remote']),
  sourceUrl: z.string().optional(),
  etag: z.string().optional(),
  sequence: z.number().int(),
  generatedAt: z.string(),
  receivedAt: z.number(),
});
export type StoredFeed = z.infer<typeof storedFeedSchema>;
export const feedStore = define('local:feed', storedFeedSchema.nullable(), { fallback: null, version: 1 });

/** The outcome of the last update check, kept apart so recording an error never touches the feed. */
export const feedCheckSchema = z.strictObject({
  lastCheckedAt: z.number().optional(),
  lastError: z.strictObject({ at: z.number(), reason: z.string() }).optional(),
  /** The extension version whose bundled feed was last compared with the stored one. */
  bundledFor: z.string().optional(),
});
export const feedCheck = define('local:feedCheck', feedCheckSchema, { fallback: {}, version: 1 });

/** Every registered item, for the meta tests (unique keys, versions, migrations). */
export const REGISTRY: readonly RegisteredItem<unknown>[] = [tabSessions, feedStore, feedCheck] as RegisteredItem<unknown>[];
