import { z } from 'zod';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { MAX_SITES, MAX_SITE_NAME, type GuideProgress } from '../guide/state';
import { GUIDE_STEPS } from '../guide/steps';
import { sessionStateSchema } from '../session/schema';
import { customPortalInputSchema } from '../portals/custom-input';
import { platformDetectionSchema } from '../portals/platform-detection';
import { notPrototypeName } from '../own-keys';

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
  /** The whole value's schema: every write is checked against it. */
  schema: z.ZodType<T>;
  item: WxtStorageItem<T, Record<string, never>>;
  /**
   * How a stored value is read back. Records and lists are read entry by entry, so one bad
   * entry (tampering, a bug, an older build) drops that entry only, never the patient's others.
   * `undefined` means nothing in the stored value could be used: the read falls back.
   */
  read: (raw: unknown) => T | undefined;
}

type Area = `local:${string}` | `session:${string}` | `sync:${string}`;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration receives whatever an older version stored.
type Options<T> = { fallback: T; version: number; migrations?: Record<number, (old: any) => unknown> };

/** Filled by `define()` itself, so an item cannot be stored without being registered. */
const registry: RegisteredItem<unknown>[] = [];

/** Every registered item, for the meta tests (unique keys, versions, migrations). */
export const REGISTRY: readonly RegisteredItem<unknown>[] = registry;

function define<T>(key: Area, schema: z.ZodType<T>, options: Options<T>, read: (raw: unknown) => T | undefined = (raw) => whole(schema, raw)): RegisteredItem<T> {
  const item = storage.defineItem<T>(key, { fallback: options.fallback, version: options.version, ...(options.migrations ? { migrations: options.migrations } : {}) });
  const registered: RegisteredItem<T> = { key, version: options.version, schema, item, read };
  registry.push(registered as RegisteredItem<unknown>);
  return registered;
}

function whole<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Read a record entry by entry: keep each entry whose key and value fit, drop the rest. The result
 * has no prototype, so an id such as `constructor` can never find something the patient did not
 * store. Anything but a plain object is unreadable as a whole.
 */
function entries<V>(raw: unknown, key: z.ZodType<string>, value: (raw: unknown) => V | undefined): Record<string, V> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const kept: Record<string, V> = Object.create(null) as Record<string, V>;
  for (const [name, entry] of Object.entries(raw)) {
    const parsed = value(entry);
    if (key.safeParse(name).success && parsed !== undefined) kept[name] = parsed;
  }
  return kept;
}

/** Read a list item by item, keeping those that fit (up to `max`). Anything but an array is unreadable. */
function items<V>(raw: unknown, item: z.ZodType<V>, max: number): V[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.flatMap((entry) => {
    const parsed = item.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  }).slice(0, max);
}

/** A record item (id → entry), read entry by entry. */
function defineRecord<V>(key: Area, keySchema: z.ZodString, value: z.ZodType<V>, options: Options<Record<string, V>>, readValue: (raw: unknown) => V | undefined = (raw) => whole(value, raw)) {
  return define(key, z.record(keySchema, value), options, (raw) => entries(raw, keySchema, readValue));
}

/** A list item, read item by item. */
function defineList<V>(key: Area, item: z.ZodType<V>, max: number, options: Options<V[]>) {
  return define(key, z.array(item).max(max), options, (raw) => items(raw, item, max));
}

/** Thrown by `updateItem` rather than replacing a stored value it could not read. */
export class UnreadableStoredValue extends Error {
  constructor(key: string) {
    super(`${key}: the stored value could not be read, so it was left as it is rather than replaced`);
  }
}

async function readStored<T>(registered: RegisteredItem<T>): Promise<{ value: T; fallback: boolean }> {
  const value = registered.read(await registered.item.getValue());
  return value === undefined ? { value: registered.item.fallback, fallback: true } : { value, fallback: false };
}

/** Read an item, parse it, and fall back (without writing) when the stored value is unreadable. */
export async function readItem<T>(registered: RegisteredItem<T>): Promise<T> {
  return (await readStored(registered)).value;
}

/** Parse, then write. A value that does not fit its schema is a bug, so it throws. */
export async function writeItem<T>(registered: RegisteredItem<T>, value: T): Promise<void> {
  await registered.item.setValue(registered.schema.parse(value));
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Read, change and write one item, one change at a time per key within this context. Two quick
 * clicks (or two tabs reporting at once) would otherwise both read the old value, and the second
 * write would silently undo the first. Entries a record or list read dropped are dropped from
 * storage by the write; a value that could not be read at all is never replaced
 * (`UnreadableStoredValue`). A change that returns the value it was given writes nothing.
 */
export function updateItem<T>(registered: RegisteredItem<T>, change: (current: T) => T): Promise<void> {
  const previous = queues.get(registered.key) ?? Promise.resolve();
  // A change applied to the fallback would replace whatever is stored (the patient's choices,
  // or a newer build's value) with the fallback plus that one change, so it is refused instead.
  const next = previous.then(async () => {
    const current = await readStored(registered);
    if (current.fallback) throw new UnreadableStoredValue(registered.key);
    const changed = change(current.value);
    // A change that hands back the very value it was given changes nothing, so nothing is
    // written: every page load in every tab asks to forget that tab's session (tab-sessions.ts),
    // and almost no tab has one. Entries the read dropped go with the next real change.
    if (changed === current.value) return;
    await writeItem(registered, changed);
  });
  queues.set(registered.key, next.catch(() => undefined));
  return next;
}

/** Remove an item (a legacy value once it has been migrated). */
export async function removeItem<T>(registered: RegisteredItem<T>): Promise<void> {
  await registered.item.removeValue({ removeMeta: true });
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

export const tabSessions = defineRecord('session:tabSessions', z.string().regex(/^\d{1,10}$/), tabSessionSchema, { fallback: {}, version: 1 });

// ── Breach-notice feed ───────────────────────────────────────────────────────────────────────

/**
 * LEGACY (version 1, before issue 13): the last good feed as one signed envelope in
 * `storage.local`. It is no longer written. `utils/state/feed-migration.ts` reads it once, moves
 * the feed into the IndexedDB store below and `feedMeta`, and removes it only after that worked,
 * so a failed migration keeps it for the next start. The key keeps its old meaning: never reuse it.
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

/**
 * The feed's notices live in IndexedDB, not here (issue 13): 10,000 notices are about 27 MB of
 * JSON, and Chrome's `storage.local` quota is 10 MB without `unlimitedStorage`, a permission we
 * would rather not ask for. IndexedDB is the extension origin's own (the background and our pages
 * share it; content scripts see the page's, never ours), writes a delta in one transaction and
 * reads a notice by id. It is named here, next to the items that describe it, so this file stays
 * the one list of what is stored; `utils/state/feed-db.ts` is the only code that opens it.
 * Bump `version` (and say what the upgrade does in feed-db.ts) to change a store's shape.
 */
export const FEED_DATABASE = { name: 'portal-guard-feed', version: 1, stores: ['notices', 'edition'] } as const;

const instant = z.iso.datetime({ offset: true });

/**
 * What the status line needs about the installed edition, and what proves it (the notices are in
 * FEED_DATABASE, with the same sequence and build time in its `edition` record, written in the same
 * transaction as the notices). Written only by utils/state (feed-update.ts, active-feed.ts,
 * feed-migration.ts), and only after every check passed.
 */
export const feedMetaSchema = z.strictObject({
  source: z.enum(['bundled', 'remote']),
  /** The index's URL (or, for a feed migrated from version 1, the single file's). */
  sourceUrl: z.string().optional(),
  /** The index's ETag, sent back as If-None-Match. */
  etag: z.string().optional(),
  sequence: z.number().int(),
  generatedAt: z.string(),
  /** When this edition was stored, in ms since the epoch. */
  receivedAt: z.number(),
  /** From the last accepted signed index: when it was signed and when it stops vouching for the edition. */
  issuedAt: instant.optional(),
  expires: instant.optional(),
  /**
   * The signed index last accepted, verified again at every background start against the keys
   * pinned then, so a key a release unpins stops vouching for the stored edition.
   */
  index: z.string().optional(),
  /** A feed migrated from version 1 keeps its signed envelope for the same purpose, until the next update. */
  envelope: z.string().optional(),
});
export type FeedMeta = z.infer<typeof feedMetaSchema>;
export const feedMeta = define('local:feedMeta', feedMetaSchema.nullable(), { fallback: null, version: 1 });

/** The outcome of the last update check, kept apart so recording an error never touches the feed. */
export const feedCheckSchema = z.strictObject({
  lastCheckedAt: z.number().optional(),
  /** `reason` is plain language for the patient (t()); `code` names the check, for tests and support. */
  lastError: z.strictObject({ at: z.number(), reason: z.string(), code: z.string().max(40).optional() }).optional(),
  /** The extension version whose bundled feed was last compared with the stored one. */
  bundledFor: z.string().optional(),
});
export const feedCheck = define('local:feedCheck', feedCheckSchema, { fallback: {}, version: 1 });

// ── What the patient decided about notices (local: kept across updates and restarts) ──────────

const isoDate = z.iso.date();
/** A record's key: an id, never a name every object inherits (issue 14, item 5). */
const idKey = z.string().max(200).refine(notPrototypeName);

/** Notice id → the notice's `modified` date when the patient dismissed it. A newer date re-alerts. */
export const noticeDismissals = defineRecord('local:noticeDismissals', idKey, isoDate, { fallback: {}, version: 1 });

/** Portal id → what the patient told us about their account there. */
export const portalAccounts = defineRecord('local:portalAccounts', idKey, z.strictObject({ passwordChangedOn: isoDate.optional() }), { fallback: {}, version: 1 });

/** Notice id → remediation step → the patient's choice. */
const stepChoice = z.enum(['done', 'skipped']);
const stepChoices = z.record(idKey, stepChoice);
// Entry by entry at both levels: a bad step drops that step, not the notice's other steps.
export const remediationProgress = defineRecord('local:remediationProgress', idKey, stepChoices, { fallback: {}, version: 1 }, (raw) => entries(raw, idKey, (choice) => whole(stepChoice, choice)));

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
export const guideProgress = defineRecord('local:guideProgress', idKey, guideProgressSchema, { fallback: {}, version: 1 });

// ── Clinic deployments: custom portals and shared-computer mode (issue 7; docs/deploy.md) ─────

/** The most portals a patient can add themselves (a clinic adds its own through the policy). */
export const MAX_USER_PORTALS = 50;

/**
 * Portals the patient added on the options page, as they wrote them. Each is checked again
 * (utils/portals/custom.ts) whenever the index is built, so an entry a policy later shadows stays
 * stored, shown as inactive with the reason, and comes back when the policy changes.
 */
export const customPortals = defineList('local:customPortals', customPortalInputSchema, MAX_USER_PORTALS, { fallback: [], version: 1 });

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
export const signOutReminders = defineList('session:signOutReminders', signOutReminderSchema, 50, { fallback: [], version: 1 });

/**
 * When this browser session started, as far as the extension knows: the first background start
 * since (session area). Shared-computer mode counts the portal's downloads from then.
 */
export const sharedComputerSessionStart = define('session:sharedComputerSessionStart', timestamp.nullable(), { fallback: null, version: 1 });

// ── The tracker audit (issue 16; docs/trackers.md) ───────────────────────────────────────────

/**
 * The patient's switch for the tracker audit. On by default, because it runs entirely on the
 * device and sends nothing anywhere; a policy `trackerAudit` overrides it (utils/policy/effective.ts).
 */
export const trackerAuditPrefsSchema = z.strictObject({ enabled: z.boolean() });
export type TrackerAuditPrefs = z.infer<typeof trackerAuditPrefsSchema>;
export const trackerAuditPrefs = define('local:trackerAuditPrefs', trackerAuditPrefsSchema, { fallback: { enabled: true }, version: 1 });

/** The most sightings kept per portal, and parameter names per sighting. */
export const MAX_TRACKER_SIGHTINGS = 40;
export const MAX_SIGHTING_PARAMS = 20;

/**
 * One tracker seen on a portal's signed-in pages: the vendor, the host, the NAMES of the
 * parameters that carried page content, and when it was first and last seen. Never a URL or a
 * value, which can hold health information (a page address, a search, a form field).
 */
export const trackerSightingSchema = z.strictObject({
  /** The tracker list entry's id (feed/trackers.json). */
  tracker: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(60),
  vendor: z.string().min(1).max(60),
  product: z.string().min(1).max(60),
  host: z.string().regex(/^[a-z0-9.-]{1,253}$/),
  params: z.array(z.string().regex(/^[A-Za-z0-9_.[\]-]{1,81}$/)).max(MAX_SIGHTING_PARAMS),
  firstSeen: timestamp,
  lastSeen: timestamp,
});
export type TrackerSighting = z.infer<typeof trackerSightingSchema>;

/** Portal id → the trackers seen on it; each portal's list is read sighting by sighting. */
export const trackerSightings = defineRecord(
  'local:trackerSightings',
  idKey,
  z.array(trackerSightingSchema).max(MAX_TRACKER_SIGHTINGS),
  { fallback: {}, version: 1 },
  (raw) => items(raw, trackerSightingSchema, MAX_TRACKER_SIGHTINGS),
);
