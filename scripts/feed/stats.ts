import { readFileSync } from 'node:fs';
import { catalogueAdditionsSchema, withCatalogueAdditions, type CatalogueAdditions } from '../../utils/feed/catalogue-additions';
import type { Notice } from '../../utils/feed/schema';
import { CATALOGUE } from '../../utils/portals/catalogue';
import { parseCustomHost } from '../../utils/portals/custom';
import { createPortalIndex } from '../../utils/portals/match';
import { registrableDomainOf } from '../../utils/portals/registrable-domain';
import type { Portal } from '../../utils/portals/schema';
import { NOTICES_DIR, display } from './paths';
import { checkNotices, formatProblem, readNoticeFiles } from './validate';

/**
 * `npm run feed -- stats`: how far the feed reaches. The line the reach goal is judged on is
 *
 *   reach: N of M notices reach a recognised or watchable host
 *
 * A notice **reaches a recognised host** when Portal Guard would show it on a host it recognises
 * without the patient doing anything:
 * - it names a catalogue portal in `portals` (for a platform, with its tenants or platformWide,
 *   which `validate` enforces), or
 * - one of its `domains` is the registrable domain of a host the catalogue or the feed's catalogue
 *   additions claim (a host rule, a tenant, a tenant suffix).
 *
 * Otherwise it **reaches a watchable host** when one of its `domains` is a domain a patient could
 * watch: the patient's own host checks (`parseCustomHost`, the same ones "Watch this portal" and
 * the options page apply) accept the domain as an exact host. That means a real public suffix
 * below it, not a public suffix itself, no IP, no punycode, and neither a catalogue host nor a
 * known look-alike. Every notice domain is a registrable domain (the schema checks that), so in
 * practice "watchable" means "names its organisation's own domain, and that domain is not one
 * Portal Guard refuses to watch". Once the patient watches a host there, the notice shows on it.
 */

export interface FeedStats {
  total: number;
  recognised: { byPortal: string[]; byDomain: string[] };
  watchable: string[];
  unreached: string[];
  withDomains: number;
  domains: number;
  additions: { tenants: number; tenantSuffixes: number; signals: number };
}

export function feedStats(notices: readonly Notice[], additions?: CatalogueAdditions, catalogue: readonly Portal[] = CATALOGUE as readonly Portal[]): FeedStats {
  const portals = withCatalogueAdditions(catalogue, additions);
  const ids = new Set(portals.map((portal) => portal.id));
  const claimedDomains = new Set<string>();
  for (const portal of portals) {
    const hosts = [...portal.hosts.map((rule) => rule.host), ...(portal.tenants ?? []).map((tenant) => tenant.host), ...(portal.tenantSuffixes ?? []).map((rule) => rule.suffix)];
    for (const host of hosts) {
      const domain = registrableDomainOf(host);
      if (domain) claimedDomains.add(domain);
    }
  }
  const index = createPortalIndex(portals);
  const watchable = (domain: string) => !('problem' in parseCustomHost(domain, index, portals));

  const stats: FeedStats = {
    total: notices.length,
    recognised: { byPortal: [], byDomain: [] },
    watchable: [],
    unreached: [],
    withDomains: notices.filter((notice) => (notice.domains?.length ?? 0) > 0).length,
    domains: new Set(notices.flatMap((notice) => notice.domains ?? [])).size,
    additions: { tenants: additions?.tenants?.length ?? 0, tenantSuffixes: additions?.tenantSuffixes?.length ?? 0, signals: additions?.signals?.length ?? 0 },
  };
  for (const notice of notices) {
    const domains = notice.domains ?? [];
    if (notice.portals.some((id) => ids.has(id))) stats.recognised.byPortal.push(notice.id);
    else if (domains.some((domain) => claimedDomains.has(domain))) stats.recognised.byDomain.push(notice.id);
    else if (domains.some(watchable)) stats.watchable.push(notice.id);
    else stats.unreached.push(notice.id);
  }
  return stats;
}

export function formatStats(stats: FeedStats): string[] {
  const recognised = stats.recognised.byPortal.length + stats.recognised.byDomain.length;
  const reached = recognised + stats.watchable.length;
  return [
    `notices: ${stats.total} (${stats.withDomains} name their organisation's domains; ${stats.domains} distinct domains)`,
    `catalogue additions: ${stats.additions.tenants} tenants, ${stats.additions.tenantSuffixes} tenant suffixes, ${stats.additions.signals} platform signals`,
    `reach: ${reached} of ${stats.total} notices reach a recognised or watchable host`,
    `  recognised host: ${recognised} (by portal id ${stats.recognised.byPortal.length}, by domain ${stats.recognised.byDomain.length})`,
    `  watchable host only: ${stats.watchable.length}`,
    `  no host: ${stats.unreached.length}${stats.unreached.length ? ` (${stats.unreached.join(', ')})` : ''}`,
  ];
}

export function runStats({ noticesDir = NOTICES_DIR, additionsFile, log = console.log }: { noticesDir?: string; additionsFile?: string; log?: (line: string) => void } = {}): number {
  const { notices, problems } = checkNotices(readNoticeFiles(noticesDir));
  if (problems.length > 0) {
    for (const problem of problems) log(formatProblem(problem));
    log('stats stopped: fix the problems above (npm run feed -- validate)');
    return 1;
  }
  let additions: CatalogueAdditions | undefined;
  if (additionsFile) {
    const parsed = catalogueAdditionsSchema.safeParse(JSON.parse(readFileSync(additionsFile, 'utf8')));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) log(`${display(additionsFile)}: ${issue.path.join('.')}: ${issue.message}`);
      return 1;
    }
    additions = parsed.data;
  }
  for (const line of formatStats(feedStats(notices, additions))) log(line);
  return 0;
}
