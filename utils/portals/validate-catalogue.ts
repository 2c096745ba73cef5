import { parse as parseHost } from 'tldts';
import { createPortalIndex } from './match';
import { catalogueSchema, type Portal } from './schema';

/** One problem in a catalogue: the entry (by position and id) and the field path inside it. */
export interface CatalogueProblem {
  /** The entry's position in the input; undefined when the problem is with the input as a whole. */
  index: number | undefined;
  id: string;
  path: (string | number)[];
  message: string;
}

/** `epic-mychart › tenants › 3 › host: …`, or `catalogue: …` for the input as a whole. */
export function formatCatalogueProblem(problem: CatalogueProblem): string {
  if (problem.index === undefined) return `catalogue: ${problem.message}`;
  return `${problem.id} › ${problem.path.map(String).join(' › ') || '(entry)'}: ${problem.message}`;
}

/**
 * Full validation of a catalogue: the zod schema, plus the eTLD+1 rules that need the public
 * suffix list (tldts). Kept apart from `match.ts` so the content script never carries tldts.
 * Returns readable problems such as `epic-mychart › tenants › 3 › host: …` instead of throwing,
 * so the build and the tests can report every problem at once. The organisation's and the
 * patient's own portals are held to the same host rules through `checkHost` (`custom.ts`).
 */
export function validateCatalogue(input: unknown): { portals: Portal[]; problems: string[] } {
  const { portals, problems } = catalogueProblems(input);
  return { portals, problems: problems.map(formatCatalogueProblem) };
}

/** `validateCatalogue` with each problem's entry and path kept apart, so the data files' checker can name the file. */
export function catalogueProblems(input: unknown): { portals: Portal[]; problems: CatalogueProblem[] } {
  const parsed = catalogueSchema.safeParse(input);
  if (!parsed.success) {
    const entries = Array.isArray(input) ? input : [];
    const problems = parsed.error.issues.map((issue): CatalogueProblem => {
      const [index, ...rest] = issue.path;
      // An issue with an empty path is about the catalogue as a whole (for example, not an array).
      if (typeof index !== 'number') return { index: undefined, id: 'catalogue', path: [], message: issue.message };
      const entry: unknown = entries[index];
      const id = entry && typeof entry === 'object' && 'id' in entry ? String(entry.id) : `entry ${index}`;
      return { index, id, path: rest.map((key) => (typeof key === 'number' ? key : String(key))), message: issue.message };
    });
    return { portals: [], problems };
  }
  const problems: CatalogueProblem[] = [];
  parsed.data.forEach((portal, index) => {
    const add = (path: (string | number)[], message: string | undefined) => message !== undefined && problems.push({ index, id: portal.id, path, message });
    portal.hosts.forEach((rule, i) => add(['hosts', i, 'host'], hostProblem(rule.host, rule.match === 'subdomains')));
    (portal.tenants ?? []).forEach((tenant, i) => {
      add(['tenants', i, 'host'], hostProblem(tenant.host, false));
      // Like homeUrl: a reviewed link must lead to the tenant itself, never to somebody else's site.
      const url = tenant.changePassword?.url;
      if (url !== undefined && new URL(url).hostname !== tenant.host) add(['tenants', i, 'changePassword', 'url'], `${url} is not on the tenant's host ${tenant.host}`);
    });
    (portal.tenantSuffixes ?? []).forEach(({ suffix }, i) => add(['tenantSuffixes', i, 'suffix'], hostProblem(suffix, true)));
    // A lookalike rule covers the host's subdomains too, so it obeys the same eTLD+1 floor: a
    // lookalike on `co.nz` would brand every .co.nz site an imitation.
    (portal.lookalikes ?? []).forEach((host, i) => add(['lookalikes', i], hostProblem(host, true)));
    add(['homeUrl'], homeUrlProblem(portal));
  });
  return { portals: problems.length === 0 ? parsed.data : [], problems };
}

/**
 * A host must be under a real public suffix, and a rule that covers subdomains must be at least a
 * registrable domain: `*.co.nz` or `*.com` would claim half the web. `field` names where the host
 * sits in the entry (`hosts › 2 › host`), so the message points at the line to fix.
 */
export function checkHost(id: string, host: string, coversSubdomains: boolean, field = 'host'): string[] {
  const problem = hostProblem(host, coversSubdomains);
  return problem === undefined ? [] : [`${id} › ${field}: ${problem}`];
}

function hostProblem(host: string, coversSubdomains: boolean): string | undefined {
  const info = parseHost(host, { allowPrivateDomains: true });
  if (info.isIp) return `${host} is an IP address, not a portal`;
  // For a bare suffix tldts reports `domain: null`, so this must come before the domain check or
  // `co.nz` would be misreported as "not under a known public suffix".
  if (host === info.publicSuffix) return `${host} is a public suffix`;
  // tldts falls back to the last label for an unknown TLD (`portal.example.invalid` gets suffix
  // `invalid`), so "known" means the suffix is on the ICANN or private list.
  if (!info.domain || !info.publicSuffix || !(info.isIcann || info.isPrivate)) return `${host} is not under a known public suffix`;
  if (coversSubdomains && host.length < info.domain.length) return `${host} covers subdomains, so it must be at least the registrable domain ${info.domain}`;
  return undefined;
}

/**
 * The start page we open for patients must be on a host the entry itself claims: a typo in a
 * reviewed link would otherwise send people to somebody else's site with our endorsement.
 */
function homeUrlProblem(portal: Portal): string | undefined {
  if (portal.homeUrl === undefined) return undefined;
  const found = createPortalIndex([portal]).lookupUrl(portal.homeUrl);
  return found.kind === 'portal' ? undefined : `${portal.homeUrl} is not on a host this entry claims`;
}
