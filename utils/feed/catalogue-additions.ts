import { z } from 'zod';
import { CATALOGUE, catalogueIndex } from '../portals';
import { parseCustomHost } from '../portals/custom';
import type { PortalIndex } from '../portals/match';
import { evidenceSchema, hostnameSchema, type Portal } from '../portals/schema';

/**
 * Catalogue additions carried by the signed feed (`catalogue` in the payload): tenants of a
 * platform the bundled catalogue knows, tenant-suffix rules, and platform signals, so a reviewed
 * tenant reaches patients with the next feed instead of the next release. They travel under the
 * feed's signature and sequence rules, and each is checked like a catalogue entry before the feed
 * is accepted: a bad addition refuses the whole feed, with its reason, and the stored feed stays.
 *
 * The checks are the ones a clinic's or patient's own host gets (`parseCustomHost`): a real public
 * suffix, not a public suffix itself, not an IP, not punycode; and never a host the bundled
 * catalogue claims, nor one inside or above a catalogue claim, nor a known look-alike. Two
 * additions may not claim the same host either. The bundled catalogue always wins; the portal
 * index then orders catalogue, feed additions, policy, patient (utils/state/current-portals.ts).
 */

/** Like the feed's own, a regular expression rather than `z.url()` (speed: docs/feed.md, Performance). */
const sourceSchema = z.string().regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?(?:[/?#][!-~]*)?$/i, 'sources must be http(s) URLs');
const portalRefSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case portal id of a catalogue platform');

const additionBase = {
  /** The catalogue platform this belongs to, for example `epic-mychart`. */
  portal: portalRefSchema,
  evidence: evidenceSchema,
  /** Every addition cites where it was seen, like a catalogue tenant. */
  sources: z.array(sourceSchema).min(1).max(10),
};

export const tenantAdditionSchema = z.looseObject({
  ...additionBase,
  host: hostnameSchema,
  organization: z.string().min(2).max(200),
  path: z.string().regex(/^\/[!-~]{0,199}$/, 'a path starts with / and is printable ASCII').optional(),
});

export const tenantSuffixAdditionSchema = z.looseObject({ ...additionBase, suffix: hostnameSchema });

/**
 * A platform signal for the page detector (`utils/portals/platform-signals.ts`). Only the envelope
 * is fixed here: the detector reads the rest with its own schema and ignores a signal it cannot
 * read, so a newer signal kind never refuses the feed.
 */
export const signalAdditionSchema = z.looseObject({
  portal: portalRefSchema,
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a signal id is kebab-case'),
  /** True when the signal was inferred rather than seen on a public page. */
  inferred: z.boolean().optional(),
  sources: z.array(sourceSchema).min(1).max(10),
});

export const MAX_CATALOGUE_ADDITIONS = 100_000;

export type TenantAddition = z.infer<typeof tenantAdditionSchema>;
export type TenantSuffixAddition = z.infer<typeof tenantSuffixAdditionSchema>;
export type SignalAddition = z.infer<typeof signalAdditionSchema>;

export interface AdditionProblem {
  path: PropertyKey[];
  message: string;
}

/**
 * Every problem with a feed's additions against a catalogue (the bundled one unless given). Used by
 * the feed schema, so the extension, `npm run feed -- validate` and `build` all refuse the same.
 */
export function checkCatalogueAdditions(
  additions: { tenants?: readonly TenantAddition[]; tenantSuffixes?: readonly TenantSuffixAddition[]; signals?: readonly SignalAddition[] },
  catalogue: readonly Portal[] = CATALOGUE as readonly Portal[],
  index: PortalIndex = catalogueIndex,
  /**
   * `ignore` in the extension: a newer feed may add tenants to a platform a newer catalogue has,
   * and an older copy simply never uses them (as with a notice's unknown portal id). `refuse` when
   * authoring, where an unknown id is a typo.
   */
  unknownPortals: 'ignore' | 'refuse' = 'ignore',
): AdditionProblem[] {
  const problems: AdditionProblem[] = [];
  const claimed = new Map<string, string>();
  const platform = (id: string, path: PropertyKey[]) => {
    const portal = index.byId(id);
    if (!portal) {
      if (unknownPortals === 'refuse') problems.push({ path, message: `${id} is not a portal in this catalogue` });
    }
    else if (portal.kind !== 'platform') problems.push({ path, message: `${id} is a single portal, not a platform: only a platform gets tenants and signals` });
  };
  const claim = (host: string, below: boolean, path: PropertyKey[]) => {
    const result = parseCustomHost(below ? `*.${host}` : host, index, catalogue);
    if ('problem' in result) {
      problems.push({ path, message: result.problem });
      return;
    }
    const key = below ? `*.${host}` : host;
    const previous = claimed.get(host);
    if (previous !== undefined) problems.push({ path, message: `${host} is added twice (also ${previous})` });
    else claimed.set(host, key);
  };
  additions.tenantSuffixes?.forEach((rule, position) => {
    platform(rule.portal, ['tenantSuffixes', position, 'portal']);
    claim(rule.suffix, true, ['tenantSuffixes', position, 'suffix']);
  });
  const suffixes = (additions.tenantSuffixes ?? []).map((rule) => rule.suffix);
  additions.tenants?.forEach((tenant, position) => {
    platform(tenant.portal, ['tenants', position, 'portal']);
    const under = suffixes.find((suffix) => tenant.host.endsWith(`.${suffix}`));
    if (under) problems.push({ path: ['tenants', position, 'host'], message: `${tenant.host} is already covered by the added suffix ${under}` });
    else claim(tenant.host, false, ['tenants', position, 'host']);
  });
  additions.signals?.forEach((signal, position) => platform(signal.portal, ['signals', position, 'portal']));
  return problems;
}

export const catalogueAdditionsSchema = z
  .looseObject({
    tenants: z.array(tenantAdditionSchema).max(MAX_CATALOGUE_ADDITIONS).optional(),
    tenantSuffixes: z.array(tenantSuffixAdditionSchema).max(1000).optional(),
    signals: z.array(signalAdditionSchema).max(1000).optional(),
  })
  .superRefine((additions, ctx) => {
    for (const { path, message } of checkCatalogueAdditions(additions)) ctx.addIssue({ code: 'custom', path, message });
  });

export type CatalogueAdditions = z.infer<typeof catalogueAdditionsSchema>;

/**
 * The catalogue with a feed's additions folded into their platforms, in catalogue order: the
 * platform's own tenants first, so its reviewed claims come first in the index. The entries are
 * copies; the bundled catalogue is never changed.
 */
export function withCatalogueAdditions(catalogue: readonly Portal[], additions: CatalogueAdditions | undefined): readonly Portal[] {
  if (!additions || (!additions.tenants?.length && !additions.tenantSuffixes?.length)) return catalogue;
  return catalogue.map((portal) => {
    if (portal.kind !== 'platform') return portal;
    const tenants = (additions.tenants ?? []).filter((tenant) => tenant.portal === portal.id);
    const suffixes = (additions.tenantSuffixes ?? []).filter((rule) => rule.portal === portal.id);
    if (tenants.length === 0 && suffixes.length === 0) return portal;
    return {
      ...portal,
      tenants: [...(portal.tenants ?? []), ...tenants.map(({ host, organization, path, evidence, sources }) => ({ host, organization, ...(path ? { path } : {}), evidence, sources }))],
      tenantSuffixes: [...(portal.tenantSuffixes ?? []), ...suffixes.map(({ suffix, evidence }) => ({ suffix, evidence }))],
    };
  });
}
