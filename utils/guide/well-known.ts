import type { ProbeResult } from './state';

/**
 * "A Well-Known URL for Changing Passwords" (W3C): a site that supports it sends
 * `/.well-known/change-password` to its change-password page. Some servers answer 200 to every
 * path, so the spec's reliability check comes first: a path that must not exist must NOT return an
 * ok status. Only when it does not, and the well-known URL itself ends (after redirects) in an ok
 * status, is the portal said to support it.
 *
 * This runs in the content script, on the portal's own origin, so it is a same-origin request that
 * needs no host permission and no change to the extension pages' connect-src: the least privilege
 * that can do it (docs/password-guide.md, "Step 1"). No cookies are sent and no body is read.
 * It is small and free of zod, since the content script carries it.
 */

export const WELL_KNOWN_CHANGE_PASSWORD = '/.well-known/change-password';
export const WELL_KNOWN_CANARY = '/.well-known/resource-that-should-not-exist-whose-status-code-should-not-be-200';

export async function probeChangePassword(origin: string, fetchImpl: typeof fetch = fetch, timeoutMs = 5_000): Promise<ProbeResult> {
  const get = async (path: string) => {
    const response = await fetchImpl(`${origin}${path}`, { method: 'GET', credentials: 'omit', cache: 'no-store', redirect: 'follow', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(timeoutMs) });
    void response.body?.cancel().catch(() => {});
    return response.ok;
  };
  try {
    if (await get(WELL_KNOWN_CANARY)) return 'unreliable';
    return (await get(WELL_KNOWN_CHANGE_PASSWORD)) ? 'supported' : 'missing';
  } catch {
    return 'failed';
  }
}
