import { z } from 'zod';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { MAX_SITES, MAX_SITE_NAME, type GuideProgress } from '../guide/state';
import { GUIDE_STEPS } from '../guide/steps';
import { sessionStateSchema } from '../session/schema';
import { customPortalInputSchema } from '../portals/custom-input';
import { platformDetectionSchema } from '../portals/platform-detection';

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

const queues = new Map<string, Promise<unknown>>();

/**
 * Read, change and write one item, one change at a time per key within this context. Two quick
 * clicks (or two tabs reporting at once) would otherwise both read the old value, and the second
 * write would silently undo the first.
 */
export function updateItem<T>(registered: RegisteredItem<T>, change: (current: T) => T): Promise<void> {
  const previous = queues.get(registered.key) ?? Promise.resolve();
  const next = previous.then(async () => writeItem(registered, change(await readItem(registered))));
  queues.set(registered.key, next.catch(() => undefined));
  return next;
}

/** Wait until every queued change to this item has been written. */
export async function settled<T>(registered: RegisteredItem<T>): Promise<void> {
  await queues.get(registered.key);
}

// ── Per-tab session state (session area: gone when the browser closes) ──────────────────────

export const tabSessionSchema = z.strictObject({
  state: sessionStateSchema,
  evidence: z.array(z.string()),
  detectedAt: z.number(),
  /** The page URL as the browser reported it with the message (never taken from the page). */
  url: z.string(),
  /**
   * The platform the page looks like, on a host the patient or organisation added (a hint from the
   * page, completed in the background: utils/background/platform-signals.ts). Optional, so values
   * stored before it existed still parse and version 1 needs no migration.
   */
  platform: platformDetectionSchema.optional(),
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

// ── What the patient decided about notices (local: kept across updates and restarts) ──────────

const isoDate = z.iso.date();

/** Notice id → the notice's `modified` date when the patient dismissed it. A newer date re-alerts. */
export const noticeDismissals = define('local:noticeDismissals', z.record(z.string(), isoDate), { fallback: {}, version: 1 });

/** Portal id → what the patient told us about their account there. */
export const portalAccounts = define('local:portalAccounts', z.record(z.string(), z.strictObject({ passwordChangedOn: isoDate.optional() })), { fallback: {}, version: 1 });

/** Notice id → remediation step → the patient's choice. */
export const remediationProgress = define('local:remediationProgress', z.record(z.string(), z.record(z.string(), z.enum(['done', 'skipped']))), { fallback: {}, version: 1 });

/** The patient's preferences. */
export const settingsSchema = z.strictObject({
  /** How long a closed notice stays relevant, in months. */
  noticeWindowMonths: z.number().int().min(1).max(60),
  /**
   * Check new passwords against Pwned Passwords (k-anonymity, docs/password-guide.md). Off until
   * the patient opts in on the guide page, which also asks for the range API's host permission.
   */
  breachCheck: z.boolean(),
  /** One reminder when a password guide is left unfinished this many days; `null` is off (the default). */
  guideReminderDays: z.number().int().min(1).max(60).nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = { noticeWindowMonths: 12, breachCheck: false, guideReminderDays: null };
/**
 * Version 2 added the two opt-ins (issue 5). A version 1 value keeps the patient's notice window
 * and gets both opt-ins off: nothing is switched on by an update.
 */
export const settings = define('local:settings', settingsSchema, {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: { 2: (old: { noticeWindowMonths?: unknown } | null | undefined) => ({ ...old, breachCheck: false, guideReminderDays: null }) },
});

// ── The password guide (issue 5; docs/password-guide.md) ─────────────────────────────────────

const timestamp = z.number().int().nonnegative();

/** One portal's guide run: see utils/guide/state.ts for the events that change it. */
export const guideProgressSchema = z.strictObject({
  startedAt: timestamp,
  updatedAt: timestamp,
  host: z.string().regex(/^[a-z0-9.-]{1,253}$/).optional(),
  steps: z.partialRecord(z.enum(GUIDE_STEPS), z.strictObject({ status: z.enum(['done', 'skipped']), at: timestamp })),
  /** Names of other sites where the same password was used. Names only, never a password. */
  reusedSites: z.array(z.strictObject({ name: z.string().min(1).max(MAX_SITE_NAME), changed: z.boolean() })).max(MAX_SITES),
  /** The content script's check of the portal's `/.well-known/change-password`, same-origin. */
  probe: z.strictObject({ origin: z.string().startsWith('https://'), result: z.enum(['supported', 'unreliable', 'missing', 'failed']), at: timestamp }).optional(),
  finishedAt: timestamp.optional(),
  reminderSentAt: timestamp.optional(),
}) satisfies z.ZodType<GuideProgress>;

/** Portal id → that portal's password-guide progress. */
export const guideProgress = define('local:guideProgress', z.record(z.string(), guideProgressSchema), { fallback: {}, version: 1 });

// ── Clinic deployments: custom portals and shared-computer mode (issue 7; docs/deploy.md) ─────

/** The most portals a patient can add themselves (a clinic adds its own through the policy). */
export const MAX_USER_PORTALS = 50;

/**
 * Portals the patient added on the options page, as they wrote them. Each is checked again
 * (utils/portals/custom.ts) whenever the index is built, so an entry a policy later shadows stays
 * stored, shown as inactive with the reason, and comes back when the policy changes.
 */
export const customPortals = define('local:customPortals', z.array(customPortalInputSchema).max(MAX_USER_PORTALS), { fallback: [], version: 1 });

/** The patient's own shared-computer choices; a policy `sharedComputerMode: true` overrides `enabled`. */
export const sharedComputerSchema = z.strictObject({
  enabled: z.boolean(),
  /** Also clear the portal's cookies and site data when it is left signed in (needs `browsingData`). */
  clearSiteData: z.boolean(),
});
export type SharedComputerPrefs = z.infer<typeof sharedComputerSchema>;
export const sharedComputer = define('local:sharedComputer', sharedComputerSchema, { fallback: { enabled: false, clearSiteData: false }, version: 1 });

/**
 * "You may still be signed in" reminders raised this browser session (session area: gone when the
 * browser closes). One per portal left signed in (the newest); the popup and the options page list
 * them, and the e2e tests read them to see that the reminder was raised.
 */
export const signOutReminderSchema = z.strictObject({
  id: z.string().max(80),
  portalId: z.string().max(80),
  host: z.string().max(253),
  displayName: z.string().max(200),
  /** Where the notification's button goes: the portal's sign-out page, or its home page. */
  signOutUrl: z.string().startsWith('https://').optional(),
  at: timestamp,
  how: z.enum(['closed', 'navigated']),
  /** Whether a system notification could be shown (`no-permission`: listed in the popup only). */
  notification: z.enum(['shown', 'no-permission', 'failed']),
  clearedSiteData: z.boolean(),
  /** Record files downloaded from this portal during this browser session, when `downloads` is granted. */
  downloads: z.number().int().nonnegative().optional(),
});
export type SignOutReminder = z.infer<typeof signOutReminderSchema>;
export const signOutReminders = define('session:signOutReminders', z.array(signOutReminderSchema).max(50), { fallback: [], version: 1 });

/** Every registered item, for the meta tests (unique keys, versions, migrations). */
export const REGISTRY: readonly RegisteredItem<unknown>[] = [tabSessions, feedStore, feedCheck, noticeDismissals, portalAccounts, remediationProgress, settings, guideProgress, customPortals, sharedComputer, signOutReminders] as RegisteredItem<unknown>[];
