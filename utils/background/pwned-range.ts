import type { RequestOf, ResponseOf } from '../messaging/protocol';
import { hasBreachCheckPermission } from '../password/breach-check-permission';
import { RANGE_API_ORIGIN, type RangeReply } from '../password/range-api';
import { breachCheckSetting } from '../policy/effective';
import { currentPolicy } from '../policy/managed';
import { readItem, settings } from '../state/storage';
import { portalIndex } from '../state/current-portals';
import type { Sender } from '../messaging/listen';
import type { PortalIndex } from '../portals';

/**
 * The background's half of the Pwned Passwords check: it receives a 5-character SHA-1 prefix
 * (the protocol refuses anything else), fetches `/range/<prefix>` with `Add-Padding: true`, drops
 * the padding lines (count 0), and returns every suffix with its count for the content script to
 * compare locally. It never sees the suffix, the hash or the password.
 *
 * It fails closed: not opted in, no permission, offline, a timeout, a 5xx or a malformed body all
 * come back as `failed` with a reason, never as "not found".
 */

export const RANGE_TIMEOUT_MS = 8_000;
/** A real padded answer is 800–1,000 lines of ~40 bytes; anything far larger is not the API. */
export const MAX_RANGE_BYTES = 256 * 1024;
const LINE = /^([0-9A-F]{35}):(\d{1,10})$/;

/** Parse a range body into [suffix, count] pairs with a count above zero; undefined if malformed. */
export function parseRange(body: string): [string, number][] | undefined {
  const entries: [string, number][] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const match = LINE.exec(line);
    if (!match) return undefined;
    const count = Number(match[2]);
    if (count > 0) entries.push([match[1]!, count]);
  }
  return entries;
}

export interface FetchRangeOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The API origin; tests point it at a local fake range server. */
  origin?: string;
}

export async function fetchRange(prefix: string, { fetch: fetchImpl = fetch, timeoutMs = RANGE_TIMEOUT_MS, origin = RANGE_API_ORIGIN }: FetchRangeOptions = {}): Promise<RangeReply> {
  if (!/^[0-9A-F]{5}$/.test(prefix)) return { status: 'failed', reason: 'bad-response' };
  let body: string;
  try {
    const response = await fetchImpl(`${origin}/range/${prefix}`, {
      method: 'GET',
      headers: { 'Add-Padding': 'true' },
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      return { status: 'failed', reason: 'server' };
    }
    body = await response.text();
  } catch (error) {
    const name = (error as { name?: string } | undefined)?.name;
    return { status: 'failed', reason: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'offline' };
  }
  const entries = body.length <= MAX_RANGE_BYTES ? parseRange(body) : undefined;
  return entries ? { status: 'ok', entries } : { status: 'failed', reason: 'bad-response' };
}

export interface PwnedRangeDeps {
  breachCheckOn: () => Promise<boolean>;
  fetchRange: (prefix: string) => Promise<RangeReply>;
  /** The current portal index (catalogue, policy and the patient's portals). */
  index?: () => Promise<PortalIndex>;
}

/**
 * Both the patient's choice and the browser's grant (the range API's host, and in Firefox the
 * declared data collection): either can be withdrawn on its own. A managed
 * policy's `pwnedPasswordsCheck` overrides the choice (utils/policy/effective.ts).
 */
export async function defaultBreachCheckOn(): Promise<boolean> {
  return breachCheckSetting((await currentPolicy()).policy, (await readItem(settings)).breachCheck).on && (await hasBreachCheckPermission());
}

const defaultDeps: PwnedRangeDeps = {
  breachCheckOn: defaultBreachCheckOn,
  fetchRange: (prefix) => fetchRange(prefix),
};

/**
 * Answers only a content script on a portal host, looked up from `sender.url` in the current
 * index: the assistant runs only there, so a request from anywhere else (a look-alike, any https
 * page our content script was made to run on) is refused before anything is fetched.
 */
export async function onPwnedRange({ prefix }: RequestOf<'cs-bg/pwned-range'>, sender: Sender, deps: PwnedRangeDeps = defaultDeps): Promise<ResponseOf<'cs-bg/pwned-range'>> {
  if ((await (deps.index ?? portalIndex)()).lookupUrl(sender.url ?? '').kind !== 'portal') throw new Error('not on a portal');
  if (!(await deps.breachCheckOn())) return { ok: true, result: { status: 'failed', reason: 'off' } };
  return { ok: true, result: await deps.fetchRange(prefix) };
}
