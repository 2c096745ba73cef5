/**
 * The Pwned Passwords range API (k-anonymity): the only third-party origin the extension talks to.
 * Its host permission is optional and asked for when the patient opts in (docs/password-guide.md).
 */
export const RANGE_API_ORIGIN = 'https://api.pwnedpasswords.com';
export const RANGE_API_PERMISSION = `${RANGE_API_ORIGIN}/*`;

/** What the background answers for one 5-character prefix. */
export type RangeReply =
  | { status: 'ok'; /** [35-character suffix, count], counts above zero only (padding removed). */ entries: [string, number][] }
  | { status: 'failed'; reason: RangeFailure };

/** `off`: not opted in, or the permission was withdrawn. The rest are why a check could not run. */
export type RangeFailure = 'off' | 'offline' | 'timeout' | 'server' | 'bad-response';
