/**
 * The Pwned Passwords range API (k-anonymity): the only third-party origin the extension talks to.
 * Its host permission is optional and asked for when the patient opts in (docs/password-guide.md).
 */
export const RANGE_API_ORIGIN = 'https://api.pwnedpasswords.com';
export const RANGE_API_PERMISSION = `${RANGE_API_ORIGIN}/*`;

/**
 * What Firefox's data-collection label calls what the range check sends (AMO's categories:
 * https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/): 5 hex
 * characters of a password's SHA-1 are authentication information. Declared optional in the
 * manifest and asked for with the host when the patient opts in (breach-check-permission.ts).
 */
export const BREACH_CHECK_DATA_COLLECTION = ['authenticationInfo'] as const;

/** What the background answers for one 5-character prefix. */
export type RangeReply =
  | { status: 'ok'; /** [35-character suffix, count], counts above zero only (padding removed). */ entries: [string, number][] }
  | { status: 'failed'; reason: RangeFailure };

/** `off`: not opted in, or the permission was withdrawn. The rest are why a check could not run. */
export type RangeFailure = 'off' | 'offline' | 'timeout' | 'server' | 'bad-response';
