import { createPortalIndex } from '../../../utils/portals/match';
import type { Portal } from '../../../utils/portals/schema';
import { ImportRefused, parseStrictJson, replacePortal, type ImportResult, type Refusal } from './common';

/**
 * `npm run feed -- import apple-change-password FILE`: Apple password-manager-resources'
 * `quirks/change-password-URLs.json` (registrable domain → change-password page) proposes
 * `account.changePassword.url` for catalogue portals and `changePassword` for platform tenants.
 *
 * An item is considered only when it touches the catalogue (its domain, its page's host, or a
 * catalogue host under its domain); the hundreds of other sites are counted and skipped. A page is
 * used only when it is https, on the domain the item is listed under, and on a host the catalogue
 * gives that portal or tenant. Apple's list is a third party's, so new facts are `secondary` and
 * cite the list.
 */

export const APPLE_SOURCE = 'https://github.com/apple/password-manager-resources/blob/main/quirks/change-password-URLs.json';

export function importAppleChangePasswordUrls(text: string, catalogue: readonly Portal[]): ImportResult {
  const input = parseStrictJson(text, 'change-password-URLs.json');
  if (input === null || typeof input !== 'object' || Array.isArray(input) || !Object.values(input).every((value) => typeof value === 'string')) {
    throw new ImportRefused('change-password-URLs.json: expected one object of domain → change-password URL, as in apple/password-manager-resources quirks/');
  }
  const index = createPortalIndex(catalogue);
  const claimed = catalogue.flatMap((portal) => [...portal.hosts.map((rule) => rule.host), ...(portal.tenants ?? []).map((tenant) => tenant.host), ...(portal.tenantSuffixes ?? []).map((rule) => rule.suffix)]);
  const refused: Refusal[] = [];
  // target ("portal-id" or "portal-id tenant-host") → the items proposing a page for it
  const proposals = new Map<string, { domain: string; url: string; portal: Portal; tenantHost?: string }[]>();
  let unrelated = 0;
  for (const [domain, url] of Object.entries(input as Record<string, string>)) {
    let page: URL | undefined;
    try {
      page = new URL(url);
    } catch {
      page = undefined;
    }
    const touches = index.lookupHost(domain) !== undefined || (page !== undefined && index.lookupUrl(url).kind !== 'none') || claimed.some((host) => host === domain || host.endsWith(`.${domain}`));
    if (!touches) {
      unrelated++;
      continue;
    }
    if (!page) {
      refused.push({ item: domain, reason: `${url} is not a URL` });
      continue;
    }
    if (page.protocol !== 'https:') {
      refused.push({ item: domain, reason: `${url} is not https: a change-password page must be https` });
      continue;
    }
    if (page.hostname !== domain && !page.hostname.endsWith(`.${domain}`)) {
      refused.push({ item: domain, reason: `${url} is on ${page.hostname}, not on ${domain}, the domain it is listed under` });
      continue;
    }
    const found = index.lookupUrl(url);
    if (found.kind === 'lookalike') {
      refused.push({ item: domain, reason: `${page.hostname} is a known imitation of ${found.imitates.name}` });
      continue;
    }
    if (found.kind !== 'portal') {
      refused.push({ item: domain, reason: `${page.hostname} is not a host the catalogue gives any portal or tenant` });
      continue;
    }
    const { portal, tenant } = found.match;
    const key = tenant ? `${portal.id} ${tenant.host}` : portal.id;
    proposals.set(key, [...(proposals.get(key) ?? []), { domain, url, portal, ...(tenant ? { tenantHost: tenant.host } : {}) }]);
  }

  let portals = [...catalogue];
  const changed = new Set<string>();
  let unchanged = 0;
  for (const [key, items] of proposals) {
    if (items.length > 1) {
      for (const item of items) refused.push({ item: item.domain, reason: `${items.length} entries (${items.map((other) => other.domain).join(', ')}) give ${key.replace(' ', ' tenant ')} a change-password page; resolve it by hand` });
      continue;
    }
    const [{ url, portal: original, tenantHost }] = items as [(typeof items)[number]];
    const portal = portals.find((item) => item.id === original.id) ?? original;
    const next = tenantHost ? withTenantPage(portal, tenantHost, url) : withPortalPage(portal, url);
    if (!next) {
      unchanged++;
      continue;
    }
    portals = replacePortal(portals, next);
    changed.add(portal.id);
  }
  return {
    portals,
    changed: [...changed].sort(),
    refused,
    notes: [],
    counts: [
      ['entries read', Object.keys(input).length],
      ['not about the catalogue', unrelated],
      ['already in the catalogue', unchanged],
    ],
  };
}

/** The portal with its change-password page set to `url`, or undefined when it already has it. */
function withPortalPage(portal: Portal, url: string): Portal | undefined {
  const current = portal.account?.changePassword;
  if (current?.url === url) return undefined;
  return {
    ...portal,
    account: { ...portal.account, changePassword: { ...current, url, evidence: 'secondary' } },
    sources: portal.sources.includes(APPLE_SOURCE) ? portal.sources : [...portal.sources, APPLE_SOURCE],
  };
}

function withTenantPage(portal: Portal, host: string, url: string): Portal | undefined {
  const tenant = portal.tenants?.find((item) => item.host === host);
  if (!tenant || tenant.changePassword?.url === url) return undefined;
  return {
    ...portal,
    tenants: portal.tenants?.map((item) =>
      item === tenant ? { ...item, changePassword: { url, evidence: 'secondary' }, sources: item.sources.includes(APPLE_SOURCE) ? item.sources : [...item.sources, APPLE_SOURCE] } : item,
    ),
  };
}
