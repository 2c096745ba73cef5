import type { Portal } from './schema';

/**
 * Hostname → portal lookup.
 *
 * Layout: one `Map` from hostname to rule. A lookup tries the full host, then each parent domain
 * in turn (`a.b.example.org`, `b.example.org`, `example.org`, `org`), so it costs at most one
 * `Map.get` per label and never scans the catalogue. Exact rules only answer for the full host;
 * subdomain and tenant-suffix rules answer for parents. `validate-catalogue.ts` guarantees with
 * tldts that no subdomain rule sits on a public suffix, which is what makes walking up safe:
 * `managemyhealth.co.nz.evil.example` walks `co.nz.evil.example`, `nz.evil.example`,
 * `evil.example`, `example` and finds nothing.
 *
 * tldts itself is not needed here, so the content script does not carry the public-suffix list.
 */

export interface PortalMatch {
  portal: Portal;
  /** The hostname that was looked up. */
  host: string;
  /** For a platform tenant: who runs this tenant. */
  tenant?: { organization: string; host: string; path?: string };
  /** What patients call it: "Cleveland Clinic's MyChart", or the portal's name. */
  displayName: string;
  how: 'exact' | 'subdomain' | 'tenant' | 'tenant-suffix';
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

// A host carries at most one rule of each reach: one that answers for the full host and one for
// its subdomains. Keeping them apart lets `kp.org` be exact while `*.kp.org` is not, and so on.
interface Slot {
  self?: Rule;
  below?: Rule;
}

export interface PortalIndex {
  readonly portals: readonly Portal[];
  /** Look up a bare hostname (lowercase ASCII, as `URL#hostname` gives it). */
  lookupHost(host: string): PortalMatch | undefined;
  /** Look up any string that may be a URL. Never throws. */
  lookupUrl(url: string): UrlLookup;
  byId(id: string): Portal | undefined;
}

/** Build the lookup index once; lookups are then a handful of `Map.get` calls. */
export function createPortalIndex(portals: readonly Portal[]): PortalIndex {
  const slots = new Map<string, Slot>();
  const byId = new Map<string, Portal>();

  const put = (host: string, reach: keyof Slot, rule: Rule) => {
    let slot = slots.get(host);
    if (!slot) {
      slot = {};
      slots.set(host, slot);
    }
    // The first claim wins; the catalogue schema already refuses two portals claiming one host,
    // and later (user or policy) portals must not silently override the reviewed catalogue.
    slot[reach] ??= rule;
  };

  for (const portal of portals) {
    byId.set(portal.id, portal);
    for (const rule of portal.hosts) {
      put(rule.host, 'self', { type: 'exact', portal });
      if (rule.match === 'subdomains') put(rule.host, 'below', { type: 'subdomains', portal });
    }
    for (const tenant of portal.tenants ?? []) {
      put(tenant.host, 'self', { type: 'tenant', portal, organization: tenant.organization, ...(tenant.path ? { path: tenant.path } : {}) });
    }
    for (const { suffix } of portal.tenantSuffixes ?? []) {
      put(suffix, 'below', { type: 'tenant-suffix', portal });
    }
    for (const host of portal.lookalikes ?? []) {
      put(host, 'self', { type: 'lookalike', portal });
      put(host, 'below', { type: 'lookalike', portal });
    }
  }

  const findRule = (host: string): { rule: Rule; at: string } | undefined => {
    const own = slots.get(host)?.self;
    if (own) return { rule: own, at: host };
    let dot = host.indexOf('.');
    while (dot !== -1) {
      const parent = host.slice(dot + 1);
      const below = slots.get(parent)?.below;
      if (below) return { rule: below, at: parent };
      dot = host.indexOf('.', dot + 1);
    }
    return undefined;
  };

  const toMatch = (host: string, rule: Rule, at: string): PortalMatch | undefined => {
    switch (rule.type) {
      case 'exact':
        return { portal: rule.portal, host, displayName: rule.portal.name, how: 'exact' };
      case 'subdomains':
        return { portal: rule.portal, host, displayName: rule.portal.name, how: 'subdomain' };
      case 'tenant':
        return {
          portal: rule.portal,
          host,
          tenant: { organization: rule.organization, host, ...(rule.path ? { path: rule.path } : {}) },
          displayName: `${rule.organization}’s ${rule.portal.name}`,
          how: 'tenant',
        };
      case 'tenant-suffix': {
        // `barn-hs.iqhealth.com` → tenant "barn-hs": the label right below the platform's domain.
        const label = host.slice(0, host.length - at.length - 1).split('.').pop() ?? host;
        return {
          portal: rule.portal,
          host,
          tenant: { organization: label, host },
          displayName: `${rule.portal.name} (${label})`,
          how: 'tenant-suffix',
        };
      }
      case 'lookalike':
        return undefined;
    }
  };

  const lookupHost = (host: string): PortalMatch | undefined => {
    const found = findRule(host);
    return found ? toMatch(host, found.rule, found.at) : undefined;
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
    if (host.split('.').some((label) => label.startsWith('xn--'))) return { kind: 'none', reason: 'idn' };
    const found = findRule(host);
    if (!found) return { kind: 'none', reason: 'unknown-host' };
    if (found.rule.type === 'lookalike') return { kind: 'lookalike', host, imitates: found.rule.portal };
    const match = toMatch(host, found.rule, found.at);
    return match ? { kind: 'portal', match } : { kind: 'none', reason: 'unknown-host' };
  };

  return { portals, lookupHost, lookupUrl, byId: (id) => byId.get(id) };
}
