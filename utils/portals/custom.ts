import type { z } from 'zod';
import { CATALOGUE } from './catalogue';
import { customPortalInputSchema, type CustomPortalInput } from './custom-input';
import { hiddenCharacterProblem, hostImitation, nameImitation, protectedMarks, type ProtectedMarks } from './imitation';
import { catalogueIndex } from './index';
import { createPortalIndex, type PortalIndex } from './match';
import { portalMatchPatterns } from './match-patterns';
import type { HostRule, Portal } from './schema';
import { checkHost } from './validate-catalogue';

/**
 * Portals that are not in the reviewed catalogue: a clinic's own (from a managed policy) and the
 * patient's own (from the options page). Both are written the same short way and checked the same
 * way here, then turned into catalogue-shaped `Portal`s so one index serves all three.
 *
 * A custom portal may add hosts, never take one: a host the catalogue claims, or one inside or
 * above a catalogue claim, or a known look-alike, is refused with the reason. That keeps a policy
 * typo (or a hostile import file) from relabelling a reviewed portal or vouching for an imitation.
 * Nor may it take or imitate a catalogue portal's name, operator or address (`imitation.ts`), or
 * hide bidi or zero-width characters in its text. A patient's portal names exact hosts only:
 * `*.google.com` in a settings file would put Portal Guard on every Google address; wildcards
 * are for an organisation's policy, which an administrator writes and deploys.
 */

export { MAX_CUSTOM_HOSTS, customPortalInputSchema, type CustomPortalInput } from './custom-input';

export type CustomPortalOrigin = 'policy' | 'user';

/** A custom portal as the index and the UI see it. `signOutUrl` is kept beside the catalogue fields. */
export interface CustomPortal {
  origin: CustomPortalOrigin;
  input: CustomPortalInput;
  portal: Portal;
}

const marksCache = new WeakMap<readonly Portal[], ProtectedMarks>();
/** The catalogue's protected names and addresses, worked out once per catalogue. */
export function marksOf(catalogue: readonly Portal[]): ProtectedMarks {
  let marks = marksCache.get(catalogue);
  if (!marks) marksCache.set(catalogue, (marks = protectedMarks(catalogue)));
  return marks;
}

/** Turn `*.clinic.example` / `portal.clinic.example` into a host rule, or say why not. A patient (`user`) may give exact hosts only. */
export function parseCustomHost(raw: string, index: PortalIndex = catalogueIndex, catalogue: readonly Portal[] = CATALOGUE as readonly Portal[], origin: CustomPortalOrigin = 'policy'): { rule: HostRule } | { problem: string } {
  const value = raw.trim().toLowerCase().replace(/\.$/, '');
  if (value === '*' || value === '*.' || value === '') return { problem: `${JSON.stringify(raw)} would cover every site; name the portal's own host` };
  if (origin === 'user' && value.includes('*')) return { problem: `${raw}: a portal you add names one exact address, such as portal.clinic.example; an address with * would cover every site under it` };
  const below = value.startsWith('*.');
  const host = below ? value.slice(2) : value;
  if (host.includes('*')) return { problem: `${raw}: only a leading "*." is allowed` };
  if (host.includes('/') || host.includes(':')) return { problem: `${raw}: give a host name such as portal.clinic.example, not a URL` };
  if (!/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(host)) {
    return { problem: /^\d+(?:\.\d+){3}$/.test(host) || host.startsWith('[') ? `${raw} is an IP address, not a portal` : `${raw} is not a host name such as portal.clinic.example` };
  }
  if (host.split('.').some((label) => label.startsWith('xn--'))) return { problem: `${raw}: punycode (international) host names are not accepted, as look-alikes use them` };
  const [suffixProblem] = checkHost('', host, below).map((message) => message.replace(/^ › [^:]*: /, ''));
  if (suffixProblem) return { problem: suffixProblem };

  // The catalogue's own claims win, and a custom rule must not reach into or over them.
  const found = index.lookupUrl(`https://${host}/`);
  if (found.kind === 'lookalike') return { problem: `${host} is a known look-alike of ${found.imitates.name}, not a portal` };
  if (found.kind === 'portal') return { problem: `${host} is already recognised as ${found.match.displayName}` };
  if (below) {
    const inside = catalogueClaims(catalogue).find((claim) => claim === host || claim.endsWith(`.${host}`));
    if (inside) return { problem: `*.${host} would take over ${inside}, which the catalogue already recognises` };
  }
  const imitation = hostImitation(host, marksOf(catalogue));
  if (imitation) return { problem: `${host} looks like the address of ${imitation.imitates.name}, a portal Portal Guard has reviewed: ${imitation.reason}` };
  return { rule: { host, match: below ? 'subdomains' : 'exact', evidence: 'official' } };
}

function catalogueClaims(catalogue: readonly Portal[]): string[] {
  return catalogue.flatMap((portal) => [
    ...portal.hosts.map((rule) => rule.host),
    ...(portal.tenants ?? []).map((tenant) => tenant.host),
    ...(portal.tenantSuffixes ?? []).map((rule) => rule.suffix),
    ...(portal.lookalikes ?? []),
  ]);
}

/**
 * Check one custom portal. Bad hosts are dropped one by one (the rest still work); a portal left
 * with no host, an id the catalogue uses, or a link to a host the portal does not claim is refused
 * as a whole. Each problem says where (`hosts[1]`) and why.
 */
export function toCustomPortal(raw: unknown, origin: CustomPortalOrigin, { index = catalogueIndex, catalogue = CATALOGUE as readonly Portal[] }: { index?: PortalIndex; catalogue?: readonly Portal[] } = {}): { portal?: CustomPortal; problems: { where: string; reason: string }[] } {
  const parsed = customPortalInputSchema.safeParse(raw);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => ({ where: issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, ''), reason: describeIssue(issue) })) };
  const input = parsed.data;
  const problems: { where: string; reason: string }[] = [];
  if (catalogue.some((portal) => portal.id === input.id)) return { problems: [{ where: 'id', reason: `${input.id} is a catalogue portal's id; choose another` }] };
  const refused = textProblems(input, catalogue);
  if (refused.length > 0) return { problems: refused };
  const platform = input.platform === undefined ? undefined : catalogue.find((portal) => portal.id === input.platform && portal.kind === 'platform');
  if (input.platform !== undefined && !platform) return { problems: [{ where: 'platform', reason: `${input.platform} is not a platform in Portal Guard's reviewed list` }] };

  const hosts: HostRule[] = [];
  input.hosts.forEach((raw, position) => {
    const result = parseCustomHost(raw, index, catalogue, origin);
    if ('problem' in result) problems.push({ where: `hosts[${position}]`, reason: result.problem });
    else {
      // `portal.example` and `*.portal.example` together are one rule that covers both.
      const same = hosts.findIndex((rule) => rule.host === result.rule.host);
      if (same === -1) hosts.push(result.rule);
      else if (result.rule.match === 'subdomains') hosts[same] = result.rule;
    }
  });
  if (hosts.length === 0) return { problems: [...problems, { where: 'hosts', reason: 'no usable host is left, so the portal is not added' }] };

  const own: Portal['account'] = {
    ...(input.changePasswordUrl || input.changePasswordDirections
      ? { changePassword: { ...(input.changePasswordUrl ? { url: input.changePasswordUrl } : {}), ...(input.changePasswordDirections ? { directions: input.changePasswordDirections } : {}), evidence: 'official' as const } }
      : {}),
    ...(input.twoStepLocation ? { twoStep: { status: 'unknown' as const, methods: [], location: input.twoStepLocation, evidence: 'official' as const } } : {}),
    ...(input.exportDirections ? { export: { directions: input.exportDirections, evidence: 'official' as const } } : {}),
  };
  // A watched portal runs on a reviewed platform, so it gets the platform's guide: its password
  // route, two-step directions, export directions and session hints. What the patient or the
  // organisation wrote comes first. The platform's own links (`mychart.org`) are not on this
  // portal's host, so they are not carried over as the portal's home page.
  const account = { ...platform?.account, ...own };
  const portal: Portal = {
    id: input.id,
    name: input.name,
    operator: input.operator ?? input.name,
    country: input.country,
    kind: 'portal',
    hosts,
    ...(input.homeUrl ? { homeUrl: input.homeUrl } : {}),
    ...(Object.keys(account).length > 0 ? { account } : {}),
    ...(platform?.signals ? { signals: platform.signals } : {}),
    notes: [origin === 'policy' ? 'Added by your organisation.' : 'Added by you, not reviewed by Portal Guard.', ...(platform?.notes ?? [])],
    sources: [],
    addedBy: origin,
    ...(platform ? { platform: platform.id } : {}),
  };
  // Links we open for the patient must stay on the portal's own hosts.
  const ownIndex = createPortalIndex([portal]);
  for (const field of ['homeUrl', 'signOutUrl', 'changePasswordUrl'] as const) {
    const url = input[field];
    if (url && ownIndex.lookupUrl(url).kind !== 'portal') return { problems: [...problems, { where: field, reason: `${url} is not on one of this portal's hosts` }] };
  }
  return { portal: { origin, input: { ...input, hosts: input.hosts }, portal }, problems };
}

const TEXT_FIELDS = ['name', 'operator', 'changePasswordDirections', 'twoStepLocation', 'exportDirections'] as const;

/** Hidden characters anywhere in the text, and a name or operator that is, or imitates, a reviewed portal's. */
function textProblems(input: CustomPortalInput, catalogue: readonly Portal[]): { where: string; reason: string }[] {
  for (const field of TEXT_FIELDS) {
    const problem = input[field] === undefined ? undefined : hiddenCharacterProblem(input[field]);
    if (problem) return [{ where: field, reason: `${field === 'name' ? 'The name' : field === 'operator' ? 'The operator' : field} ${problem}` }];
  }
  for (const field of ['name', 'operator'] as const) {
    const value = input[field];
    const imitation = value === undefined ? undefined : nameImitation(value, marksOf(catalogue));
    if (imitation) return [{ where: field, reason: `“${value}” ${imitation.reason}; a portal you or your organisation add must have its own name` }];
  }
  return [];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
  if (issue.code === 'invalid_type') return `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
  if (issue.code === 'invalid_value') return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  return issue.message;
}

export { describeIssue as describeZodIssue };

/** The origins to ask for on a portal's behalf: its hosts' match patterns (`https://host/*`, `https://*.domain/*`). */
export function portalOrigins(portal: CustomPortal): string[] {
  return portalMatchPatterns([portal.portal]);
}
