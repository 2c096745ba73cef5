import type { Notice } from '../feed/schema';
import type { PortalMatch } from '../portals/match';
import { registrableDomainOf } from '../portals/registrable-domain';
import type { Portal } from '../portals/schema';

/**
 * Which notices apply to a portal: the one rule that the badge, the banner, the popup, the notice
 * page, the banner's actions and the export review all use.
 *
 * A notice applies to a recognised host when
 * 1. it names the host's portal in `portals` (and, for a platform, the host's tenant in `tenants`,
 *    or it is `platformWide`), or
 * 2. the host's registrable domain is one of its `domains`: `mychart.uwhealth.org` gets the UW
 *    Health notice whether it is a catalogue tenant, a feed addition, a clinic's portal or a host
 *    the patient watches.
 *
 * Speed: the index is built once per notice list (the active feed keeps its list, so once per
 * feed) as two `Map`s, by portal id and by registrable domain (keyed by a hash of the domain, as
 * `match.ts` keys its subdomain rules). A host lookup walks the host's parent domains from the
 * right (at most as many labels as the longest notice domain has), extending the hash one
 * character at a time, and checks the map at each dot without building a substring; only on a hit does it ask the public-suffix list (tldts, about 0.2 µs) to confirm
 * that the candidate is the host's registrable domain and not a parent of a private suffix
 * (`bucket.s3.amazonaws.com` is its own registrable domain, not `amazonaws.com`'s). Misses, the
 * common case, never reach tldts. `npm run bench -- hostname` measures it.
 */

export interface NoticeIndex {
  /** The notices that apply on this recognised host, newest disclosure first (shared: do not change it). */
  forMatch(match: PortalMatch): readonly Notice[];
  /**
   * The notices for a portal as a whole, when no host is known (the export review's portal
   * choice): by id without a tenant, plus those whose domains take in one of the portal's own host
   * rules. A platform's tenants are not its own hosts, so one health system's notice stays off
   * every other system's MyChart.
   */
  forPortal(portal: Pick<Portal, 'id' | 'hosts'>): Notice[];
  /** Whether `notice` applies on this recognised host (the same rule as `forMatch`). */
  applies(notice: Notice, match: PortalMatch): boolean;
  /** Notices reaching `host` through their `domains` only. */
  byHost(host: string): readonly Notice[];
}

const NONE: readonly Notice[] = Object.freeze([]);
const MAX_CONFIRMED_HOSTS = 10_000;

/** Newest disclosure first, then by id, so every view lists them in the same order. */
export const byDisclosure = (a: Notice, b: Notice): number => (a.disclosed < b.disclosed ? 1 : a.disclosed > b.disclosed ? -1 : a.id.localeCompare(b.id));

function byPortalRule(notice: Notice, portalId: string, tenantHost: string | undefined): boolean {
  if (!notice.portals.includes(portalId)) return false;
  return notice.platformWide === true || !notice.tenants?.length || (tenantHost !== undefined && notice.tenants.includes(tenantHost));
}

const cache = new WeakMap<readonly Notice[], NoticeIndex>();

/** The index for a notice list, built once per list (by identity) and kept while the list lives. */
export function noticeIndex(notices: readonly Notice[]): NoticeIndex {
  let index = cache.get(notices);
  if (!index) {
    index = createNoticeIndex(notices);
    cache.set(notices, index);
  }
  return index;
}

/** A domain's notices; entries whose hashes collide are chained through `next`. */
interface DomainEntry {
  readonly domain: string;
  readonly notices: Notice[];
  next: DomainEntry | undefined;
}

/**
 * The hash the host walk computes, characters from the right, so at each dot it covers exactly the
 * parent domain to its right (the same scheme as `match.ts`). Numbers as keys: the walk needs no
 * substring, so it allocates nothing, and a miss costs a few integer `Map.get`s.
 */
function suffixHash(domain: string): number {
  let hash = 0;
  for (let i = domain.length - 1; i >= 0; i--) hash = (Math.imul(hash, 31) + domain.charCodeAt(i)) | 0;
  return hash;
}

export function createNoticeIndex(notices: readonly Notice[]): NoticeIndex {
  const byPortal = new Map<string, Notice[]>();
  const byDomain = new Map<number, DomainEntry>();
  let maxLabels = 0;
  const domainEntry = (domain: string): DomainEntry | undefined => {
    for (let entry = byDomain.get(suffixHash(domain)); entry !== undefined; entry = entry.next) if (entry.domain === domain) return entry;
    return undefined;
  };
  for (const notice of notices) {
    for (const id of new Set(notice.portals)) {
      const list = byPortal.get(id);
      if (list) list.push(notice);
      else byPortal.set(id, [notice]);
    }
    for (const domain of new Set(notice.domains ?? [])) {
      const entry = domainEntry(domain);
      if (entry) entry.notices.push(notice);
      else {
        const hash = suffixHash(domain);
        byDomain.set(hash, { domain, notices: [notice], next: byDomain.get(hash) });
      }
      maxLabels = Math.max(maxLabels, domain.split('.').length);
    }
  }

  // Hosts whose walk found a candidate, with the public-suffix list's answer: a patient revisits the
  // same few portal hosts, so tldts (about 0.3 µs) runs once per host. Bounded, and simply
  // emptied when full, since a miss only costs that one tldts call again.
  const confirmedHosts = new Map<string, readonly Notice[]>();
  const confirmed = (host: string): readonly Notice[] => {
    let found = confirmedHosts.get(host);
    if (found === undefined) {
      const domain = registrableDomainOf(host);
      found = domain === undefined ? NONE : (domainEntry(domain)?.notices ?? NONE);
      if (confirmedHosts.size >= MAX_CONFIRMED_HOSTS) confirmedHosts.clear();
      confirmedHosts.set(host, found);
    }
    return found;
  };

  const byHost = (host: string): readonly Notice[] => {
    if (maxLabels === 0) return NONE;
    // Walk the host's parents from the right, hashing as we go; at each dot (and at the whole
    // host) check the map. A parent in the map means the host may be one of ours: the
    // public-suffix list then names the host's registrable domain, and that alone decides.
    let hash = 0;
    let labels = 0;
    for (let i = host.length - 1; i >= -1; i--) {
      const code = i < 0 ? 46 : host.charCodeAt(i);
      if (code === 46) {
        labels++;
        if (labels >= 2) {
          const length = host.length - i - 1;
          for (let entry = byDomain.get(hash); entry !== undefined; entry = entry.next) {
            if (entry.domain.length === length && host.endsWith(entry.domain)) return confirmed(host);
          }
        }
        if (labels >= maxLabels) return NONE;
      }
      if (i >= 0) hash = (Math.imul(hash, 31) + code) | 0;
    }
    return NONE;
  };

  const forHostAndPortal = (host: string | undefined, portalId: string, tenantHost: string | undefined, extraDomains: readonly string[] = []): Notice[] => {
    const byId = byPortal.get(portalId);
    const byDomainOfHost = host === undefined ? NONE : byHost(host);
    // The common case on a page load: nothing for this portal or host, and no allocation but [].
    if (byId === undefined && byDomainOfHost.length === 0 && extraDomains.length === 0) return [];
    const out: Notice[] = [];
    // Lists are short (a portal has a handful of notices), so `includes` beats building a Set.
    const add = (notice: Notice) => {
      if (!out.includes(notice)) out.push(notice);
    };
    for (const notice of byId ?? NONE) if (byPortalRule(notice, portalId, tenantHost)) add(notice);
    for (const notice of byDomainOfHost) add(notice);
    for (const domain of extraDomains) for (const notice of domainEntry(domain)?.notices ?? NONE) add(notice);
    return out.length > 1 ? out.sort(byDisclosure) : out;
  };

  // The portal index hands out one frozen match per exact host or tenant (match.ts), so its notices
  // can be kept beside it: a repeat visit costs one WeakMap lookup. A match below a subdomain or
  // suffix rule is a new object each time; its notices depend only on its portal and host (the
  // tenant of a suffix match is the host itself), so they are kept per portal and host instead,
  // bounded like the host memo above.
  const byMatch = new WeakMap<PortalMatch, readonly Notice[]>();
  const belowByPortal = new WeakMap<PortalMatch['portal'], Map<string, readonly Notice[]>>();

  return {
    forMatch: (match) => {
      const frozen = Object.isFrozen(match);
      let hosts: Map<string, readonly Notice[]> | undefined;
      let found = frozen ? byMatch.get(match) : (hosts = belowByPortal.get(match.portal))?.get(match.host);
      if (found === undefined) {
        found = Object.freeze(forHostAndPortal(match.host, match.portal.id, match.tenant?.host));
        if (frozen) byMatch.set(match, found);
        else {
          if (hosts === undefined) belowByPortal.set(match.portal, (hosts = new Map()));
          if (hosts.size >= MAX_CONFIRMED_HOSTS) hosts.clear();
          hosts.set(match.host, found);
        }
      }
      return found;
    },
    forPortal: (portal) => {
      const domains = new Set<string>();
      for (const rule of portal.hosts) {
        const domain = registrableDomainOf(rule.host);
        if (domain !== undefined) domains.add(domain);
      }
      return forHostAndPortal(undefined, portal.id, undefined, [...domains]);
    },
    applies: (notice, match) => byPortalRule(notice, match.portal.id, match.tenant?.host) || byHost(match.host).includes(notice),
    byHost,
  };
}
