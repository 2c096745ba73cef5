import type { Portal } from './schema';

/**
 * Manifest match patterns for the content script, generated from the catalogue so that the
 * script is injected on catalogue hosts and nowhere else. https only: every catalogue portal is
 * served over TLS, and a portal page over plain http is not one we should treat as genuine.
 * Lookalike hosts are deliberately absent: the popup warns about them through `activeTab`.
 */
export function portalMatchPatterns(portals: readonly Portal[]): string[] {
  const patterns = new Set<string>();
  for (const portal of portals) {
    for (const rule of portal.hosts) {
      patterns.add(`https://${rule.host}/*`);
      if (rule.match === 'subdomains') patterns.add(`https://*.${rule.host}/*`);
    }
    for (const tenant of portal.tenants ?? []) patterns.add(`https://${tenant.host}/*`);
    for (const { suffix } of portal.tenantSuffixes ?? []) patterns.add(`https://*.${suffix}/*`);
  }
  return [...patterns].sort();
}
