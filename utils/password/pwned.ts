import type { RangeFailure, RangeReply } from './range-api';

/**
 * The content script's half of the Pwned Passwords check, with k-anonymity:
 *
 *   password ──SHA-1 (WebCrypto, here)──► 40 hex ──► prefix (5) ──message──► background ──► range API
 *                                              └──► suffix (35) stays here      │
 *   "found in N breaches" ◄── compare the suffix locally ◄── every suffix:count for that prefix
 *
 * Only the 5-character prefix leaves this function, through `requestRange`. The password, the
 * full hash and the suffix are never stored, logged or sent; `pwned.test.ts` checks storage,
 * messages, network and the console after a check.
 */

export type PwnedResult = { status: 'found'; count: number } | { status: 'not-found' } | { status: 'failed'; reason: RangeFailure };

export async function sha1Hex(text: string, subtle: SubtleCrypto = crypto.subtle): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-1', new TextEncoder().encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex.toUpperCase();
}

export async function checkPwned(password: string, requestRange: (prefix: string) => Promise<RangeReply>): Promise<PwnedResult> {
  const hash = await sha1Hex(password);
  const prefix = hash.slice(0, 5);
  const suffix = hash.slice(5);
  let reply: RangeReply;
  try {
    reply = await requestRange(prefix);
  } catch {
    // The background did not answer (restarting, or the extension was updated): fail closed.
    return { status: 'failed', reason: 'offline' };
  }
  if (reply.status !== 'ok') return { status: 'failed', reason: reply.reason };
  const hit = reply.entries.find(([candidate]) => candidate === suffix);
  return hit ? { status: 'found', count: hit[1] } : { status: 'not-found' };
}
