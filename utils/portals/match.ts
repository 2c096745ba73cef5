import type { Portal } from './schema';

/**
 * Hostname → portal lookup.
 *
 * Layout (see docs/catalogue.md, "How matching works"):
 * - `self`: a `Map` from hostname to the rule that answers for exactly that host (an exact host,
 *   a tenant, a lookalike). One `Map.get`; the match it yields never varies, so it is built on
 *   the first hit and stored in the rule's place, then returned as is (frozen, since every
 *   caller gets the same object).
 * - `below`: rules that answer for the hosts under a domain (subdomain rules, tenant suffixes,
 *   lookalikes), keyed by a 32-bit hash of that domain. A lookup walks the host's parent
 *   domains from the right (`org`, `kp.org`, `www.kp.org` …), extending the hash one character
 *   at a time, and checks the `Map` at each dot, confirming a hit with `endsWith`, so the walk
 *   allocates nothing (a `slice` per parent would allocate a string per label). It stops once it
 *   is past the deepest below-rule in the index, and the nearest parent wins.
 *
 * Nothing ever scans the catalogue. Exact rules only answer for the full host. `validate-catalogue.ts`
 * guarantees with tldts that no below-rule sits on a public suffix, which is what makes walking
 * up safe: `managemyhealth.co.nz.evil.example` walks `example`, `evil.example`,
 * `nz.evil.example`, `co.nz.evil.example` and finds nothing.
 *
 * tldts itself is not needed here, so the content script does not carry the public-suffix list.
 */

export interface PortalMatch {
  readonly portal: Portal;
  /** The hostname that was looked up. */
  readonly host: string;
  /** For a platform tenant: who runs this tenant. */
  readonly tenant?: { readonly organization: string; readonly host: string; readonly path?: string };
  /** What patients call it: "Cleveland Clinic’s MyChart", or the portal's name. */
  readonly displayName: string;
  readonly how: 'exact' | 'subdomain' | 'tenant' | 'tenant-suffix';
}

export type UrlLookup =
  | { kind: 'portal'; match: PortalMatch }
  | { kind: 'lookalike'; host: string; imitates: Portal }
  | { kind: 'none'; reason: NotAPortalReason };

export type NotAPortalReason = 'malformed-url' | 'not-http' | 'ip-address' | 'idn' | 'unknown-host';

type Rule =
  | { type: 'exact' | 'subdomains'; portal: Portal }
  | { type: 'tenant'; portal: Portal; organization: string; path?: string }
  | { type: 'tenant-suffix'; portal: Portal }
  | { type: 'lookalike'; portal: Portal };

/**
 * What the `self` map holds for a host: its rule until the first hit, then the match built from
 * it, so a repeated hit costs one `Map.get` and no further memory load (with 100,000 tenants the
 * map is far larger than the CPU cache, and each dependent load is a likely cache miss).
 * Lookalikes never become a match, so they keep their rule.
 */
type SelfValue = Rule | PortalMatch;

const isRule = (value: SelfValue): value is Rule => (value as Partial<Rule>).type !== undefined;

/** A rule for the hosts below `host`; entries whose hashes collide are chained through `next`. */
interface BelowEntry {
  readonly host: string;
  readonly rule: Rule;
  next: BelowEntry | undefined;
}

export interface PortalIndex {
  readonly portals: readonly Portal[];
  /** Look up a bare hostname (lowercase ASCII, as `URL#hostname` gives it). */
  lookupHost(host: string): PortalMatch | undefined;
  /** Look up any string that may be a URL. Never throws. */
  lookupUrl(url: string): UrlLookup;
  byId(id: string): Portal | undefined;
}

const DOT = 46;

/**
 * The hash the lookup walk computes: characters from the right, so that at each dot the value
 * covers exactly the parent domain to its right. Collisions are harmless (confirmed by `endsWith`).
 */
function suffixHash(host: string): number {
  let hash = 0;
  for (let i = host.length - 1; i >= 0; i--) hash = (Math.imul(hash, 31) + host.charCodeAt(i)) | 0;
  return hash;
}

/** Build the lookup index once; a lookup is then one `Map.get`, plus a few for a parent walk. */
export function createPortalIndex(portals: readonly Portal[]): PortalIndex {
  const self = new Map<string, SelfValue>();
  const below = new Map<number, BelowEntry>();
  const byId = new Map<string, Portal>();
  // Labels in the deepest below-rule host: the walk never needs to look further left.
  let deepestBelow = 0;

  // The first claim on a host wins, for each reach; the catalogue schema already refuses two
  // portals claiming one host, and later (user or policy) portals must not silently override
  // the reviewed catalogue.
  const putSelf = (host: string, rule: Rule) => {
    if (!self.has(host)) self.set(host, rule);
  };
  const putBelow = (host: string, rule: Rule) => {
    const hash = suffixHash(host);
    const head = below.get(hash);
    for (let entry = head; entry !== undefined; entry = entry.next) if (entry.host === host) return;
    below.set(hash, { host, rule, next: head });
    deepestBelow = Math.max(deepestBelow, host.split('.').length);
  };

  for (const portal of portals) {
    byId.set(portal.id, portal);
    for (const rule of portal.hosts) {
      putSelf(rule.host, { type: 'exact', portal });
      if (rule.match === 'subdomains') putBelow(rule.host, { type: 'subdomains', portal });
    }
    for (const tenant of portal.tenants ?? []) {
      putSelf(tenant.host, { type: 'tenant', portal, organization: tenant.organization, ...(tenant.path ? { path: tenant.path } : {}) });
    }
    for (const { suffix } of portal.tenantSuffixes ?? []) putBelow(suffix, { type: 'tenant-suffix', portal });
    for (const host of portal.lookalikes ?? []) {
      putSelf(host, { type: 'lookalike', portal });
      putBelow(host, { type: 'lookalike', portal });
    }
  }

  /** The nearest parent domain of `host` that carries a below-rule. Allocates nothing. */
  const findBelow = (host: string): BelowEntry | undefined => {
    if (deepestBelow === 0) return undefined;
    let found: BelowEntry | undefined;
    let hash = 0;
    let labels = 0;
    // i > 0: a dot in first position would leave an empty label, which no host has.
    for (let i = host.length - 1; i > 0; i--) {
      const code = host.charCodeAt(i);
      if (code === DOT) {
        labels++;
        const length = host.length - i - 1;
        for (let entry = below.get(hash); entry !== undefined; entry = entry.next) {
          if (entry.host.length === length && host.endsWith(entry.host)) {
            // Parents are visited shortest first, so a later (nearer) hit overrides this one.
            found = entry;
            break;
          }
        }
        if (labels >= deepestBelow) break;
      }
      hash = (Math.imul(hash, 31) + code) | 0;
    }
    return found;
  };

  /** The match for a host's own rule, built once and then kept in the map in the rule's place. */
  const selfMatch = (value: SelfValue, host: string): PortalMatch | undefined => {
    if (!isRule(value)) return value;
    let match: PortalMatch;
    switch (value.type) {
      case 'exact':
      case 'subdomains':
        match = Object.freeze({ portal: value.portal, host, displayName: value.portal.name, how: 'exact' });
        break;
      case 'tenant':
        match = Object.freeze({
          portal: value.portal,
          host,
          tenant: Object.freeze({ organization: value.organization, host, ...(value.path ? { path: value.path } : {}) }),
          displayName: `${value.organization}’s ${value.portal.name}`,
          how: 'tenant',
        });
        break;
      case 'tenant-suffix':
      case 'lookalike':
        return undefined;
    }
    self.set(host, match);
    return match;
  };

  // Below-rule matches name the host that was looked up, so each is a new object that nobody
  // else holds. They are not frozen: Object.freeze costs 3–4× the allocation (measured in Node
  // 20), and `PortalMatch` is readonly to TypeScript anyway.
  const belowMatch = (entry: BelowEntry, host: string): PortalMatch | undefined => {
    const { rule } = entry;
    switch (rule.type) {
      case 'subdomains':
        return { portal: rule.portal, host, displayName: rule.portal.name, how: 'subdomain' };
      case 'tenant-suffix': {
        // `auth.barn-hs.iqhealth.com` → tenant "barn-hs": the label right below the platform's domain.
        const end = host.length - entry.host.length - 1;
        const label = host.slice(host.lastIndexOf('.', end - 1) + 1, end);
        return { portal: rule.portal, host, tenant: { organization: label, host }, displayName: `${rule.portal.name} (${label})`, how: 'tenant-suffix' };
      }
      case 'exact':
      case 'tenant':
      case 'lookalike':
        return undefined;
    }
  };

  const lookupHost = (host: string): PortalMatch | undefined => {
    const own = self.get(host);
    if (own !== undefined) return selfMatch(own, host);
    const parent = findBelow(host);
    return parent === undefined ? undefined : belowMatch(parent, host);
  };

  const lookupUrl = (input: string): UrlLookup => {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      return { kind: 'none', reason: 'malformed-url' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'none', reason: 'not-http' };
    // URL has already lowercased the host and turned Unicode into punycode.
    const host = url.hostname.replace(/\.$/, '');
    // URL keeps empty labels (`.kp.org`, `a..kp.org`); the parent walk would resolve them to the
    // portal, but no DNS name has an empty label, so they are not the portal's pages.
    if (host === '' || host.startsWith('.') || host.endsWith('.') || host.includes('..')) return { kind: 'none', reason: 'malformed-url' };
    if (host.startsWith('[') || /^\d+(?:\.\d+){3}$/.test(host)) return { kind: 'none', reason: 'ip-address' };
    // No real portal uses an IDN host, and homographs of real ones are the attack we care about.
    if (host.startsWith('xn--') || host.includes('.xn--')) return { kind: 'none', reason: 'idn' };

    // The same two steps as lookupHost, but a lookalike rule is reported instead of dropped.
    let match: PortalMatch | undefined;
    const own = self.get(host);
    if (own !== undefined) {
      if (isRule(own) && own.type === 'lookalike') return { kind: 'lookalike', host, imitates: own.portal };
      match = selfMatch(own, host);
    } else {
      const parent = findBelow(host);
      if (parent?.rule.type === 'lookalike') return { kind: 'lookalike', host, imitates: parent.rule.portal };
      match = parent === undefined ? undefined : belowMatch(parent, host);
    }
    return match ? { kind: 'portal', match } : { kind: 'none', reason: 'unknown-host' };
  };

  return { portals, lookupHost, lookupUrl, byId: (id) => byId.get(id) };
}
