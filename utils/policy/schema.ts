import { z } from 'zod';
import { base64ToBytes } from '../feed/base64';
import { FEED_ORIGINS } from '../feed/config';
import { SIGNATURE_ALG, type PinnedKey } from '../feed/envelope';
import { PRODUCTION_KEYS } from '../feed/keys';
import { feedLinkSchema, noticeSchema, type Notice } from '../feed/schema';
import { CATALOGUE } from '../portals/catalogue';
import { describeZodIssue, toCustomPortal, type CustomPortal } from '../portals/custom';
import { createPortalIndex } from '../portals/match';
import type { Portal } from '../portals/schema';

/**
 * The managed policy: what a clinic's IT sets through Chrome's managed storage
 * (public/managed-schema.json) or Firefox's policies.json `3rdparty` section. See docs/deploy.md.
 *
 * Each key is parsed on its own, and each entry of a list on its own: a bad value is dropped with
 * its reason (shown on the options page) and the rest of the policy still applies. Nothing in here
 * throws. The policy arrives through a channel only an administrator can write, so local notices
 * need no signature; they still pass the feed's notice schema, so they render like feed notices.
 */

export const POLICY_KEYS = ['organization', 'additionalPortals', 'feedUrl', 'additionalFeedKeys', 'pwnedPasswordsCheck', 'sharedComputerMode', 'trackerAudit', 'localNotices'] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

/** Caps on lists: a policy is typed by hand or generated, and a runaway list must not stall the background. */
export const POLICY_LIMITS = { additionalPortals: 100, additionalFeedKeys: 5, localNotices: 50 } as const;

export interface Organization {
  name: string;
  supportUrl?: string;
  phone?: string;
}

/**
 * The Pwned Passwords check: `allowed` switches it on for everyone (it still needs the browser's
 * grant for the range API's host), `disallowed` switches it off and hides the choice,
 * `user-choice` (or no value) leaves it to the patient, off until they opt in.
 */
export const PWNED_POLICY_VALUES = ['allowed', 'disallowed', 'user-choice'] as const;
export type PwnedPasswordsPolicy = (typeof PWNED_POLICY_VALUES)[number];

export interface ManagedPolicy {
  organization?: Organization;
  additionalPortals: CustomPortal[];
  feedUrl?: string;
  additionalFeedKeys: PinnedKey[];
  pwnedPasswordsCheck?: PwnedPasswordsPolicy;
  /** `true` turns shared-computer mode on for everyone; `false` or no value leaves it to the patient. */
  sharedComputerMode?: boolean;
  /**
   * The tracker audit (docs/trackers.md): `false` switches it off for everyone, `true` on for
   * everyone; no value leaves it to the patient (on until they switch it off).
   */
  trackerAudit?: boolean;
  localNotices: Notice[];
}

export interface PolicyProblem {
  key: string;
  /** Where inside the key: `additionalPortals[2].hosts[0]`; the key itself when empty. */
  where: string;
  reason: string;
}

export interface ParsedPolicy {
  policy: ManagedPolicy;
  problems: PolicyProblem[];
  /** The keys the policy set, valid or not: "set by your organisation". */
  keys: string[];
}

export interface ParsePolicyOptions {
  feedOrigins?: readonly string[];
  pinnedKeys?: readonly PinnedKey[];
  catalogue?: readonly Portal[];
}

export function parsePolicy(raw: unknown, { feedOrigins = FEED_ORIGINS, pinnedKeys = PRODUCTION_KEYS, catalogue = CATALOGUE as readonly Portal[] }: ParsePolicyOptions = {}): ParsedPolicy {
  const problems: PolicyProblem[] = [];
  const policy: ManagedPolicy = { additionalPortals: [], additionalFeedKeys: [], localNotices: [] };
  if (raw === undefined || raw === null) return { policy, problems, keys: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { policy, problems: [{ key: '(policy)', where: '', reason: 'the policy must be an object of keys' }], keys: [] };
  const record = raw as Record<string, unknown>;
  const keys = Object.keys(record);
  const problem = (key: string, where: string, reason: string) => problems.push({ key, where, reason });

  for (const key of keys) {
    if (!(POLICY_KEYS as readonly string[]).includes(key)) problem(key, '', `unknown key, ignored (the keys are ${POLICY_KEYS.join(', ')})`);
  }

  if (Object.hasOwn(record, 'organization')) {
    const organization = parseOrganization(record.organization, (where, reason) => problem('organization', where, reason));
    if (organization) policy.organization = organization;
  }

  if (Object.hasOwn(record, 'additionalPortals')) {
    const list = capped('additionalPortals', record.additionalPortals, problem);
    const accepted: Portal[] = [];
    list.forEach((entry, position) => {
      const index = createPortalIndex([...catalogue, ...accepted]);
      const prefix = `additionalPortals[${position}]`;
      const id = entry && typeof entry === 'object' && 'id' in entry ? (entry as { id: unknown }).id : undefined;
      if (typeof id === 'string' && policy.additionalPortals.some((portal) => portal.portal.id === id)) {
        problem('additionalPortals', `${prefix}.id`, `${id} is used by an earlier portal`);
        return;
      }
      const { portal, problems: found } = toCustomPortal(entry, 'policy', { index, catalogue });
      for (const { where, reason } of found) problem('additionalPortals', where ? `${prefix}.${where}` : prefix, reason);
      if (portal) {
        policy.additionalPortals.push(portal);
        accepted.push(portal.portal);
      }
    });
  }

  if (Object.hasOwn(record, 'feedUrl')) {
    const feedUrl = parseFeedUrl(record.feedUrl, feedOrigins);
    if ('reason' in feedUrl) problem('feedUrl', '', feedUrl.reason);
    else policy.feedUrl = feedUrl.url;
  }

  if (Object.hasOwn(record, 'additionalFeedKeys')) {
    capped('additionalFeedKeys', record.additionalFeedKeys, problem).forEach((entry, position) => {
      const where = `additionalFeedKeys[${position}]`;
      const parsed = feedKeySchema.safeParse(entry);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) problem('additionalFeedKeys', joinPath(where, issue.path), describeZodIssue(issue));
        return;
      }
      const key = parsed.data;
      if (pinnedKeys.some((pinned) => pinned.keyId === key.keyId)) problem('additionalFeedKeys', `${where}.keyId`, `${key.keyId} is a key built into Portal Guard; an organisation key needs its own id`);
      else if (policy.additionalFeedKeys.some((known) => known.keyId === key.keyId)) problem('additionalFeedKeys', `${where}.keyId`, `${key.keyId} is listed twice`);
      else policy.additionalFeedKeys.push({ keyId: key.keyId, alg: SIGNATURE_ALG, publicKey: key.publicKey });
    });
  }

  if (Object.hasOwn(record, 'pwnedPasswordsCheck')) {
    const parsed = z.enum(PWNED_POLICY_VALUES).safeParse(record.pwnedPasswordsCheck);
    if (parsed.success) policy.pwnedPasswordsCheck = parsed.data;
    else problem('pwnedPasswordsCheck', '', `must be one of ${PWNED_POLICY_VALUES.map((value) => JSON.stringify(value)).join(', ')}; got ${preview(record.pwnedPasswordsCheck)}`);
  }

  if (Object.hasOwn(record, 'sharedComputerMode')) {
    if (typeof record.sharedComputerMode === 'boolean') policy.sharedComputerMode = record.sharedComputerMode;
    else problem('sharedComputerMode', '', `must be true or false; got ${preview(record.sharedComputerMode)}`);
  }

  if (Object.hasOwn(record, 'trackerAudit')) {
    if (typeof record.trackerAudit === 'boolean') policy.trackerAudit = record.trackerAudit;
    else problem('trackerAudit', '', `must be true or false; got ${preview(record.trackerAudit)}`);
  }

  if (Object.hasOwn(record, 'localNotices')) {
    const portalIds = new Set([...catalogue.map((portal) => portal.id), ...policy.additionalPortals.map(({ portal }) => portal.id)]);
    capped('localNotices', record.localNotices, problem).forEach((entry, position) => {
      const where = `localNotices[${position}]`;
      const parsed = noticeSchema.safeParse(entry);
      if (!parsed.success) {
        for (const issue of parsed.error.issues.slice(0, 5)) problem('localNotices', joinPath(where, issue.path), describeZodIssue(issue));
        return;
      }
      const notice = parsed.data;
      const unknown = notice.portals.filter((id) => !portalIds.has(id));
      if (unknown.length > 0) problem('localNotices', `${where}.portals`, `${unknown.join(', ')} is neither a catalogue portal nor one of additionalPortals`);
      else if (notice.portals.length === 0) problem('localNotices', `${where}.portals`, 'a local notice must name at least one portal it is shown on');
      else if (policy.localNotices.some((known) => known.id === notice.id)) problem('localNotices', `${where}.id`, `${notice.id} is listed twice`);
      else policy.localNotices.push(notice);
    });
  }

  return { policy, problems, keys: keys.filter((key) => (POLICY_KEYS as readonly string[]).includes(key)) };
}

const feedKeySchema = z.strictObject({
  keyId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes or underscores'),
  alg: z.literal(SIGNATURE_ALG, { error: `must be "${SIGNATURE_ALG}"` }),
  publicKey: z.string().refine((value) => {
    try {
      return base64ToBytes(value).length === 32;
    } catch {
      return false;
    }
  }, 'must be a raw 32-byte Ed25519 public key in base64url, as `npm run feed -- keygen` prints it'),
});

function parseOrganization(raw: unknown, problem: (where: string, reason: string) => void): Organization | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problem('', `must be an object with a name; got ${preview(raw)}`);
    return undefined;
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!['name', 'supportUrl', 'phone'].includes(key)) problem(`organization.${key}`, 'unknown field, ignored (the fields are name, supportUrl, phone)');
  const name = z.string().trim().min(1).max(100).safeParse(record.name);
  if (!name.success) {
    problem('organization.name', 'must be the organisation’s name, 1 to 100 characters; without it the organisation is not shown');
    return undefined;
  }
  const organization: Organization = { name: name.data };
  if (record.supportUrl !== undefined) {
    const url = feedLinkSchema.max(2048).safeParse(record.supportUrl);
    if (url.success) organization.supportUrl = url.data;
    else problem('organization.supportUrl', `must be an https:// address; got ${preview(record.supportUrl)}`);
  }
  if (record.phone !== undefined) {
    const phone = z.string().trim().regex(/^\+?[0-9][0-9 ()-]{2,28}$/).safeParse(record.phone);
    if (phone.success) organization.phone = phone.data;
    else problem('organization.phone', `must be a phone number such as +64 9 555 0100; got ${preview(record.phone)}`);
  }
  return organization;
}

/** An https URL on one of the origins this build may connect to (see `FEED_ORIGINS`). */
export function parseFeedUrl(raw: unknown, feedOrigins: readonly string[] = FEED_ORIGINS): { url: string } | { reason: string } {
  if (typeof raw !== 'string') return { reason: `must be an https:// address; got ${preview(raw)}` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { reason: `${preview(raw)} is not an address` };
  }
  if (url.protocol !== 'https:') return { reason: `${url.protocol.replace(/:$/, '')}:// is not allowed: the feed must come over https://` };
  if (url.username || url.password) return { reason: 'the address must not carry a user name or password' };
  if (!feedOrigins.includes(url.origin)) {
    return {
      reason: `${url.origin} is not a feed host this build of Portal Guard may connect to (${feedOrigins.join(', ')}). The hosts are fixed when Portal Guard is built, because the same rule keeps the export review off the network; see “Your own feed mirror” in docs/deploy.md`,
    };
  }
  return { url: url.href };
}

function capped(key: PolicyKey, raw: unknown, problem: (key: string, where: string, reason: string) => void): unknown[] {
  if (!Array.isArray(raw)) {
    problem(key, '', `must be a list; got ${preview(raw)}`);
    return [];
  }
  const limit = POLICY_LIMITS[key as keyof typeof POLICY_LIMITS];
  if (limit !== undefined && raw.length > limit) {
    problem(key, `${key}[${limit}…]`, `only the first ${limit} of ${raw.length} entries are used`);
    return raw.slice(0, limit);
  }
  return raw;
}

/** `localNotices[0]` + `['links', 0, 'url']` → `localNotices[0].links[0].url`. */
function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  return prefix + path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
}

/** A short, safe rendering of a bad value for a problem message. */
function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
