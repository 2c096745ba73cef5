import type { Evidence, Portal } from '../portals/schema';
import type { GuideProgress } from './state';
import { WELL_KNOWN_CHANGE_PASSWORD } from './well-known';

/**
 * Where step 1 sends the patient, in order of preference:
 * 1. the change-password page the catalogue gives: the tenant's own (`tenants[].changePassword`,
 *    for the tenant the patient is on), else the portal's (`account.changePassword.url`);
 * 2. otherwise the portal's `/.well-known/change-password`, when the content script's check on
 *    that very origin found it supported and reliable (well-known.ts);
 * 3. otherwise the portal's home page (the tenant's, for a platform), with the catalogue's written
 *    directions when it has them.
 * Pure: the portal, the host and the stored probe come in, so each branch is table-tested.
 */

export type ChangePasswordRoute =
  | { kind: 'catalogue'; url: string; directions?: string; evidence: Evidence }
  | { kind: 'well-known'; url: string; directions?: string; evidence?: Evidence }
  | { kind: 'home'; url?: string; directions?: string; evidence?: Evidence; why: 'not-checked' | 'unreliable' | 'missing' | 'failed' };

/** A probe older than this is done again the next time the patient is on the portal. */
export const PROBE_MAX_AGE_MS = 30 * 86_400_000;

export interface PortalSite {
  /** The host the patient uses; only ever one the catalogue gives this portal. */
  host?: string;
  /** Where a platform tenant's portal sits on its host (`/MyChart`). */
  tenantPath?: string;
}

export function resolveChangePassword(portal: Portal, site: PortalSite, probe: GuideProgress['probe']): ChangePasswordRoute {
  const facts = portal.account?.changePassword;
  const written = { ...(facts?.directions ? { directions: facts.directions } : {}), ...(facts ? { evidence: facts.evidence } : {}) };
  const tenantPage = tenantChangePassword(portal, site.host);
  if (tenantPage) return { kind: 'catalogue', url: tenantPage.url, ...written, evidence: tenantPage.evidence };
  if (facts?.url) return { kind: 'catalogue', url: facts.url, ...written, evidence: facts.evidence };
  const origin = site.host ? `https://${site.host}` : undefined;
  const probed = origin && probe?.origin === origin ? probe.result : undefined;
  if (probed === 'supported') return { kind: 'well-known', url: `${origin}${WELL_KNOWN_CHANGE_PASSWORD}`, ...written };
  const home = origin ? `${origin}${site.tenantPath ?? '/'}` : portal.homeUrl;
  return { kind: 'home', ...(home ? { url: home } : {}), ...written, why: probed ?? 'not-checked' };
}

/** Whether the content script on `origin` should check the well-known URL now. */
export function needsProbe(portal: Portal, origin: string, progress: GuideProgress | undefined, now: number): boolean {
  if (!progress || progress.finishedAt !== undefined || portal.account?.changePassword?.url || tenantChangePassword(portal, new URL(origin).hostname)) return false;
  if (progress.steps['change-password'] !== undefined) return false;
  const probe = progress.probe;
  return !probe || probe.origin !== origin || now - probe.at > PROBE_MAX_AGE_MS;
}

/** The change-password page the catalogue gives for the tenant on `host`, if any. */
function tenantChangePassword(portal: Portal, host: string | undefined) {
  return host === undefined ? undefined : portal.tenants?.find((tenant) => tenant.host === host)?.changePassword;
}
