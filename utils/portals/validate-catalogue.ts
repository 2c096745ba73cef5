import { parse as parseHost } from 'tldts';
import { createPortalIndex } from './match';
import { catalogueSchema, type Portal } from './schema';

/**
 * Full validation of a catalogue: the zod schema, plus the eTLD+1 rules that need the public
 * suffix list (tldts). Kept apart from `match.ts` so the content script never carries tldts.
 * Returns readable problems such as `epic-mychart › tenants › 3 › host: …` instead of throwing,
 * so the build and the tests can report every problem at once. The organisation's and the
 * patient's own portals are held to the same host rules through `checkHost` (`custom.ts`).
 */
export function validateCatalogue(input: unknown): { portals: Portal[]; problems: string[] } {
  const parsed = catalogueSchema.safeParse(input);
  if (!parsed.success) {
    const entries = Array.isArray(input) ? input : [];
    const problems = parsed.error.issues.map((issue) => {
      // An issue with an empty path is about the catalogue as a whole (for example, not an array).
      if (issue.path.length === 0) return `catalogue: ${issue.message}`;
      const [index, ...rest] = issue.path;
      const entry: unknown = typeof index === 'number' ? entries[index] : undefined;
      const id = entry && typeof entry === 'object' && 'id' in entry ? String(entry.id) : `entry ${String(index)}`;
      return `${id} › ${rest.map(String).join(' › ') || '(entry)'}: ${issue.message}`;
    });
    return { portals: [], problems };
  }
  const problems: string[] = [];
  for (const portal of parsed.data) {
    portal.hosts.forEach((rule, i) => problems.push(...checkHost(portal.id, rule.host, rule.match === 'subdomains', `hosts › ${i} › host`)));
    (portal.tenants ?? []).forEach((tenant, i) => problems.push(...checkHost(portal.id, tenant.host, false, `tenants › ${i} › host`)));
    (portal.tenantSuffixes ?? []).forEach(({ suffix }, i) => problems.push(...checkHost(portal.id, suffix, true, `tenantSuffixes › ${i} › suffix`)));
    // A lookalike rule covers the host's subdomains too, so it obeys the same eTLD+1 floor: a
    // lookalike on `co.nz` would brand every .co.nz site an imitation.
    (portal.lookalikes ?? []).forEach((host, i) => problems.push(...checkHost(portal.id, host, true, `lookalikes › ${i}`)));
    problems.push(...checkHomeUrl(portal));
  }
  return { portals: problems.length === 0 ? parsed.data : [], problems };
}

/**
 * A host must be under a real public suffix, and a rule that covers subdomains must be at least a
 * registrable domain: `*.co.nz` or `*.com` would claim half the web. `field` names where the host
 * sits in the entry (`hosts › 2 › host`), so the message points at the line to fix.
 */
export function checkHost(id: string, host: string, coversSubdomains: boolean, field = 'host'): string[] {
  const where = `${id} › ${field}`;
  const info = parseHost(host, { allowPrivateDomains: true });
  if (info.isIp) return [`${where}: ${host} is an IP address, not a portal`];
  // For a bare suffix tldts reports `domain: null`, so this must come before the domain check or
  // `co.nz` would be misreported as "not under a known public suffix".
  if (host === info.publicSuffix) return [`${where}: ${host} is a public suffix`];
  // tldts falls back to the last label for an unknown TLD (`portal.example.invalid` gets suffix
  // `invalid`), so "known" means the suffix is on the ICANN or private list.
  if (!info.domain || !info.publicSuffix || !(info.isIcann || info.isPrivate)) return [`${where}: ${host} is not under a known public suffix`];
  if (coversSubdomains && host.length < info.domain.length) return [`${where}: ${host} covers subdomains, so it must be at least the registrable domain ${info.domain}`];
  return [];
}

/**
 * The start page we open for patients must be on a host the entry itself claims: a typo in a
 * reviewed link would otherwise send people to somebody else's site with our endorsement.
 */
function checkHomeUrl(portal: Portal): string[] {
  if (portal.homeUrl === undefined) return [];
  const found = createPortalIndex([portal]).lookupUrl(portal.homeUrl);
  return found.kind === 'portal' ? [] : [`${portal.id} › homeUrl: ${portal.homeUrl} is not on a host this entry claims`];
}
