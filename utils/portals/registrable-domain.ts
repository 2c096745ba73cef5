import { parse as parseHost } from 'tldts';

/**
 * Registrable domains (eTLD+1): `uwhealth.org` for `mychart.uwhealth.org`, `medibank.com.au` for
 * `my.medibank.com.au`. A breach notice names its organisation's registrable domains (`domains`),
 * and a host belongs to the notice when its registrable domain is one of them.
 *
 * tldts (the public-suffix list, ICANN and private sections) decides, as `checkHost` does for
 * catalogue and custom hosts, so "registrable" means the same everywhere. Private rules count:
 * `customer.github.io` is its own registrable domain, so a notice about `github.io`'s owner could
 * never reach a customer's site (and `github.io` itself is refused as a public suffix).
 * Kept out of `match.ts`, which the content script may carry.
 */

const TLDTS_OPTIONS = { allowPrivateDomains: true } as const;

/** The registrable domain of a lowercase ASCII host, or undefined for an IP, a bare suffix or an unknown TLD. */
export function registrableDomainOf(host: string): string | undefined {
  const info = parseHost(host, TLDTS_OPTIONS);
  if (info.isIp || !info.domain || !(info.isIcann || info.isPrivate)) return undefined;
  return info.domain;
}

/**
 * Why `domain` cannot be a notice's domain, or undefined when it is exactly a registrable domain.
 * Written for maintainers and for the feed's refusal message: each reason names the value.
 */
export function registrableDomainProblem(domain: string): string | undefined {
  if (domain !== domain.toLowerCase()) return `${domain} must be written in lowercase (${domain.toLowerCase()})`;
  // ASCII only, and no punycode either: look-alike organisation names are the attack, and no
  // organisation in the feed uses an international domain. Same rule as catalogue hosts.
  if (!/^[a-z0-9.-]+$/.test(domain)) return `${domain} is not a lowercase ASCII domain name (international names are not accepted)`;
  if (domain.split('.').some((label) => label.startsWith('xn--'))) return `${domain} is a punycode (international) name, which is not accepted`;
  const info = parseHost(domain, TLDTS_OPTIONS);
  if (info.isIp || /^\d+(?:\.\d+){3}$/.test(domain)) return `${domain} is an IP address, not a domain`;
  // A bare suffix has `domain: null`, so this comes before the "known suffix" check.
  if (domain === info.publicSuffix && (info.isIcann || info.isPrivate)) return `${domain} is a public suffix: it would reach every site under it`;
  if (!/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(domain)) return `${domain} is not a domain name such as uwhealth.org`;
  if (!info.domain || !info.publicSuffix || !(info.isIcann || info.isPrivate)) return `${domain} is not under a known public suffix`;
  if (info.domain !== domain) return `${domain} is not a registrable domain; name ${info.domain} instead`;
  return undefined;
}
