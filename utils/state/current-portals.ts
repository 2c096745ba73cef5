import { currentPolicy, watchPolicy } from '../policy/managed';
import type { ManagedPolicy } from '../policy/schema';
import { customPortals, feedMeta, readItem } from './storage';
import { getActiveFeed } from './active-feed';
import { withCatalogueAdditions, type CatalogueAdditions, type SignalAddition } from '../feed/catalogue-additions';
import { CATALOGUE } from '../portals/catalogue';
import { toCustomPortal, type CustomPortal, type CustomPortalInput } from '../portals/custom';
import { createPortalIndex, type PortalIndex } from '../portals/match';
import type { Portal } from '../portals/schema';

/**
 * The one place that says which portals Portal Guard recognises right now: the reviewed catalogue,
 * then the signed feed's catalogue additions (tenants and tenant suffixes of catalogue platforms),
 * then the organisation's `additionalPortals`, then the patient's own. Earlier claims win, so a
 * feed addition cannot take a catalogue host, a policy cannot take either, and a patient's portal
 * cannot take any of them.
 *
 * Why the feed comes second: its additions are reviewed and signed by the maintainers like the
 * catalogue itself, and they give a host its platform's guide, signals and notices, which a
 * policy's or patient's short entry cannot. The bundled catalogue stays first because the feed
 * schema refuses any addition that touches it, so the order only matters against policy and
 * patient entries. A patient's portal on a host a later feed adds becomes inactive with the reason
 * ("already recognised as …") and the host keeps working, now as a reviewed tenant. A patient's
 * portal that a policy now shadows is not deleted: it is listed as inactive, with the reason, and
 * works again once the policy lets go of the host.
 */

export interface InactivePortal {
  input: CustomPortalInput;
  problems: { where: string; reason: string }[];
}

export interface CurrentPortals {
  index: PortalIndex;
  /** Policy portals first, then the patient's active ones. */
  custom: CustomPortal[];
  /** The patient's portals that cannot be used as they are, each with why. */
  inactive: InactivePortal[];
  /** The feed's platform signals (the detector reads them with its own schema), none without a feed. */
  platformSignals: readonly SignalAddition[];
  /**
   * Match patterns for the hosts the feed's catalogue additions bring (exact tenants, `*.` for a
   * tenant suffix). The manifest cannot list them, so the background registers the content script
   * on them (portal-scripts.ts); it runs on one only once the patient lets it (the popup's "Watch
   * this portal" asks for that origin).
   */
  additionPatterns: readonly string[];
}

/** `https://host/*` for each added tenant, `https://*.suffix/*` for each added tenant suffix, sorted. */
export function additionMatchPatterns(additions: CatalogueAdditions | undefined): string[] {
  const patterns = [...(additions?.tenants ?? []).map(({ host }) => `https://${host}/*`), ...(additions?.tenantSuffixes ?? []).map(({ suffix }) => `https://*.${suffix}/*`)];
  return [...new Set(patterns)].sort();
}

export function buildCurrentPortals(policy: Pick<ManagedPolicy, 'additionalPortals'>, user: readonly CustomPortalInput[], catalogue: readonly Portal[] = CATALOGUE as readonly Portal[], additions?: CatalogueAdditions): CurrentPortals {
  const portals: Portal[] = [...withCatalogueAdditions(catalogue, additions), ...policy.additionalPortals.map(({ portal }) => portal)];
  const custom: CustomPortal[] = [...policy.additionalPortals];
  const inactive: InactivePortal[] = [];
  for (const input of user) {
    if (portals.some((portal) => portal.id === input.id)) {
      inactive.push({ input, problems: [{ where: 'id', reason: `${input.id} is already a portal's id` }] });
      continue;
    }
    const { portal, problems } = toCustomPortal(input, 'user', { index: createPortalIndex(portals), catalogue });
    if (!portal || problems.length > 0) {
      // A patient's portal is all or nothing: a host it lost is one they still expect to work.
      inactive.push({ input, problems });
      continue;
    }
    custom.push(portal);
    portals.push(portal.portal);
  }
  return { index: createPortalIndex(portals), custom, inactive, platformSignals: additions?.signals ?? [], additionPatterns: additionMatchPatterns(additions) };
}

export interface CurrentPortalSources {
  policy: () => Promise<{ policy: ManagedPolicy }>;
  user: () => Promise<CustomPortalInput[]>;
  /** The active feed's catalogue additions; none when the feed cannot be read. */
  additions?: () => Promise<CatalogueAdditions | undefined>;
}

const defaultSources: CurrentPortalSources = { policy: () => currentPolicy(), user: () => readItem(customPortals), additions: async () => (await getActiveFeed()).feed.catalogue };

let cache: Promise<CurrentPortals> | undefined;

/** The current portals, built once and again after the policy or the patient's list changes. */
export function currentPortals(sources: CurrentPortalSources = defaultSources): Promise<CurrentPortals> {
  cache ??= (async () => {
    const [{ policy }, user, additions] = await Promise.all([sources.policy(), sources.user(), (sources.additions?.() ?? Promise.resolve(undefined)).catch(() => undefined)]);
    return buildCurrentPortals(policy, user, undefined, additions);
  })();
  // A failed read must not stick: the next caller tries again.
  cache.catch(() => {
    cache = undefined;
  });
  return cache;
}

/** The index every background lookup uses: catalogue, policy and the patient's portals together. */
export async function portalIndex(): Promise<PortalIndex> {
  return (await currentPortals()).index;
}

export function forgetCurrentPortals(): void {
  cache = undefined;
}

/** Call `onChange` after the policy, the patient's portal list or the stored feed changed; returns a stop function. */
export function watchCurrentPortals(onChange: (portals: CurrentPortals) => void): () => void {
  const changed = () => {
    forgetCurrentPortals();
    void currentPortals().then(onChange, () => {});
  };
  const stops = [watchPolicy(changed), customPortals.item.watch(changed), feedMeta.item.watch(changed)];
  return () => stops.forEach((stop) => stop());
}
