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
 * feed) as two `Map`s, by portal id and by registrable domain. A host lookup walks the host's
 * parent domains (at most as many labels as the longest notice domain has) and checks the domain
 * map at each; only on a hit does it ask the public-suffix list (tldts, about 0.2 µs) to confirm
 * that the candidate is the host's registrable domain and not a parent of a private suffix
 * (`bucket.s3.amazonaws.com` is its own registrable domain, not `amazonaws.com`'s). Misses, the
 * common case, never reach tldts. `npm run bench -- hostname` measures it.
 */

export interface NoticeIndex {
  /** The notices that apply on this recognised host, newest disclosure first. */
  forMatch(match: PortalMatch): Notice[];
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

export function createNoticeIndex(notices: readonly Notice[]): NoticeIndex {
  const byPortal = new Map<string, Notice[]>();
  const byDomain = new Map<string, Notice[]>();
  let maxLabels = 0;
  for (const notice of notices) {
    for (const id of new Set(notice.portals)) {
      const list = byPortal.get(id);
      if (list) list.push(notice);
      else byPortal.set(id, [notice]);
    }
    for (const domain of new Set(notice.domains ?? [])) {
      const list = byDomain.get(domain);
      if (list) list.push(notice);
      else byDomain.set(domain, [notice]);
      maxLabels = Math.max(maxLabels, domain.split('.').length);
    }
  }

  const byHost = (host: string): readonly Notice[] => {
    if (maxLabels === 0) return NONE;
    // Start at the parent with at most `maxLabels` labels, then move right one label at a time.
    // A candidate in the map means the host may be one of ours: tldts then names the host's
    // registrable domain, and that alone decides.
    let start = 0;
    let labels = 1;
    for (let i = host.length - 1; i >= 0; i--) if (host.charCodeAt(i) === 46) labels++;
    while (labels > maxLabels) {
      start = host.indexOf('.', start) + 1;
      labels--;
    }
    for (; labels >= 2; labels--) {
      const candidate = start === 0 ? host : host.slice(start);
      const found = byDomain.get(candidate);
      if (found !== undefined) {
        const domain = registrableDomainOf(host);
        return domain === undefined ? NONE : (byDomain.get(domain) ?? NONE);
      }
      start = host.indexOf('.', start) + 1;
    }
    return NONE;
  };

  const forHostAndPortal = (host: string | undefined, portalId: string, tenantHost: string | undefined, extraDomains: readonly string[] = []): Notice[] => {
    const seen = new Set<string>();
    const out: Notice[] = [];
    const add = (notice: Notice) => {
      if (seen.has(notice.id)) return;
      seen.add(notice.id);
      out.push(notice);
    };
    for (const notice of byPortal.get(portalId) ?? NONE) if (byPortalRule(notice, portalId, tenantHost)) add(notice);
    if (host !== undefined) for (const notice of byHost(host)) add(notice);
    for (const domain of extraDomains) for (const notice of byDomain.get(domain) ?? NONE) add(notice);
    return out.length > 1 ? out.sort(byDisclosure) : out;
  };

  return {
    forMatch: (match) => forHostAndPortal(match.host, match.portal.id, match.tenant?.host),
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
