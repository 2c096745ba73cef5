import { FEED_URL } from '../feed/config';
import type { PinnedKey } from '../feed/envelope';
import { pinnedKeys } from '../feed/keys';
import { currentPolicy } from './managed';
import type { ManagedPolicy } from './schema';

/**
 * Where the feed comes from and which keys may sign it, once the managed policy is applied: the
 * policy's `feedUrl` (already checked to be https on a build-time feed origin) or the default, and
 * the pinned keys plus the policy's `additionalFeedKeys`. Pinned keys are never replaced: a policy
 * key with a pinned key's id was refused when the policy was parsed.
 */
export function feedSourceOf(policy: Pick<ManagedPolicy, 'feedUrl' | 'additionalFeedKeys'>, pinned: readonly PinnedKey[] = pinnedKeys()): { url: string; keys: readonly PinnedKey[] } {
  return { url: policy.feedUrl ?? FEED_URL, keys: policy.additionalFeedKeys.length === 0 ? pinned : [...pinned, ...policy.additionalFeedKeys] };
}

export async function feedSource(): Promise<{ url: string; keys: readonly PinnedKey[] }> {
  return feedSourceOf((await currentPolicy()).policy);
}

/** The keys to verify a feed with, policy keys included (for the stored feed, in any context). */
export async function feedKeys(): Promise<readonly PinnedKey[]> {
  return (await feedSource()).keys;
}
