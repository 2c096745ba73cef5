import { browser } from 'wxt/browser';
import type { Notice } from '../feed/schema';
import { parsePolicy, type ParsedPolicy } from './schema';

/**
 * The managed policy as this context sees it now: read from `storage.managed`, parsed, kept in
 * memory, and read again whenever the browser reports a change to the managed area (an
 * administrator edited the policy file or GPO; both browsers apply that without a restart).
 *
 * With no policy, Chrome answers `{}` and Firefox rejects ("Managed storage manifest not found"),
 * so a rejection is simply "no policy". So is a managed area that does not exist at all.
 */

export interface ManagedArea {
  get(keys?: null): Promise<Record<string, unknown>>;
}

export async function readManagedPolicy(area: ManagedArea | undefined = browser.storage?.managed as ManagedArea | undefined): Promise<ParsedPolicy> {
  let raw: Record<string, unknown> = {};
  try {
    raw = (await area?.get(null)) ?? {};
  } catch {
    // Firefox without a policies.json entry for this extension.
  }
  return parsePolicy(raw);
}

let cache: Promise<ParsedPolicy> | undefined;

/** The parsed policy, read once per context and after every change to the managed area. */
export function currentPolicy(read: () => Promise<ParsedPolicy> = readManagedPolicy): Promise<ParsedPolicy> {
  cache ??= read();
  return cache;
}

/** Forget the cached policy (tests; and when the managed area changes). */
/** The organisation's own notices (`localNotices`), shown beside the feed's; the feed wins on a shared id. */
export async function policyNotices(): Promise<Notice[]> {
  return (await currentPolicy()).policy.localNotices;
}

export function forgetPolicy(): void {
  cache = undefined;
}

/**
 * Call `onChange` with the new policy whenever the managed area changes. Returns a stop function.
 * One listener on `storage.onChanged` serves every caller's purpose: only the area name matters.
 */
export function watchPolicy(onChange: (policy: ParsedPolicy) => void, events = browser.storage.onChanged): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area !== 'managed') return;
    forgetPolicy();
    void currentPolicy().then(onChange);
  };
  events.addListener(listener);
  return () => events.removeListener(listener);
}
