import { parse as parseHost } from 'tldts';
import { catalogueSchema, type Portal } from './schema';

/**
 * Full validation of a catalogue: the zod schema, plus the eTLD+1 rules that need the public
 * suffix list (tldts). Kept apart from `match.ts` so the content script never carries tldts.
 * Returns readable problems such as `epic-mychart › tenants › 3 › host: …` instead of throwing,
 * so the build, the tests and (later) policy parsing can all report every problem at once.
 */
export function validateCatalogue(input: unknown): { portals: Portal[]; problems: string[] } {
  const parsed = catalogueSchema.safeParse(input);
  if (!parsed.success) {
    const entries = Array.isArray(input) ? input : [];
    const problems = parsed.error.issues.map((issue) => {
      const [index, ...rest] = issue.path;
      const entry: unknown = typeof index === 'number' ? entries[index] : undefined;
      const id = entry && typeof entry === 'object' && 'id' in entry ? String(entry.id) : `entry ${String(index)}`;
      return `${id} › ${rest.map(String).join(' › ') || '(entry)'}: ${issue.message}`;
    });
    return { portals: [], problems };
  }
  const problems: string[] = [];
  for (const portal of parsed.data) {
    for (const rule of portal.hosts) problems.push(...checkHost(portal.id, rule.host, rule.match === 'subdomains'));
    for (const tenant of portal.tenants ?? []) problems.push(...checkHost(portal.id, tenant.host, false));
    for (const { suffix } of portal.tenantSuffixes ?? []) problems.push(...checkHost(portal.id, suffix, true));
  }
  return { portals: problems.length === 0 ? parsed.data : [], problems };
}

/**
 * A host must be under a real public suffix, and a rule that covers subdomains must be at least a
 * registrable domain: `*.co.nz` or `*.com` would claim half the web.
 */
export function checkHost(id: string, host: string, coversSubdomains: boolean): string[] {
  const info = parseHost(host, { allowPrivateDomains: true });
  if (info.isIp) return [`${id} › ${host}: IP addresses are not portals`];
  if (!info.domain || !info.publicSuffix) return [`${id} › ${host}: not under a known public suffix`];
  if (host === info.publicSuffix) return [`${id} › ${host}: is a public suffix`];
  if (coversSubdomains && host.length < info.domain.length) return [`${id} › ${host}: a subdomain rule must be at least the registrable domain ${info.domain}`];
  return [];
}
