import { basename } from 'node:path';
import { z } from 'zod';
import { createPortalIndex } from '../../../utils/portals/match';
import { hostnameSchema, type Portal, type Tenant } from '../../../utils/portals/schema';
import { checkHost } from '../../../utils/portals/validate-catalogue';
import { ImportRefused, parseStrictJson, replacePortal, type ImportResult, type Refusal } from './common';

/**
 * `npm run feed -- import smart-brands FILE --platform ID`: a SMART App Launch User-access Brands
 * bundle (https://hl7.org/fhir/smart-app-launch/brands.html). Each Organization's
 * `organization-portal` extension with a `portalUrl` is a tenant candidate for the platform the
 * maintainer names (the vendor that published the bundle).
 *
 * A candidate is only a candidate: it is added as `unverified`, citing its own portal page, with a
 * `comment` telling the reviewer to confirm it on the organisation's own page. Refused, each with
 * its reason: portal URLs that are not https; shared hosts, which serve many organisations and so
 * can name none (Epic's `*.epichosted.com`, Oracle Health's `fhir-myrecord.cerner.com` …); FHIR API
 * hosts (the bundle's own Endpoint addresses, `fhir…` hosts, `/fhir` and `/api/FHIR` paths), which
 * are for apps, not patients; RFC 2606 example domains; hosts listed twice; hosts another entry
 * claims.
 */

const PORTAL_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/organization-portal';

/**
 * Hosts that serve many organisations' FHIR APIs or patient sign-ins, so a host there identifies
 * no tenant. `subdomains: true` covers every host below. Sources: the vendors' published endpoint
 * lists and developer documentation, https://open.epic.com/MyApps/Endpoints and
 * https://fhir.cerner.com/millennium/r4/.
 */
export const SHARED_HOSTS: readonly { host: string; subdomains: boolean; who: string }[] = [
  { host: 'epichosted.com', subdomains: true, who: "Epic's hosting, shared by its customers" },
  { host: 'fhir.epic.com', subdomains: false, who: "Epic's developer sandbox" },
  { host: 'open.epic.com', subdomains: false, who: "Epic's developer site" },
  { host: 'fhir-myrecord.cerner.com', subdomains: false, who: "Oracle Health's patient-access FHIR API, shared by its customers" },
  { host: 'fhir-ehr.cerner.com', subdomains: false, who: "Oracle Health's provider FHIR API, shared by its customers" },
  { host: 'fhir-open.cerner.com', subdomains: false, who: "Oracle Health's open FHIR API, shared by its customers" },
];

/** RFC 2606 and RFC 6761 names: documentation examples, never a real portal. */
const EXAMPLE_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/;

const extensionSchema: z.ZodType<{ url: string; valueString?: string; valueUrl?: string; valueReference?: { reference?: string }; extension?: unknown[] }> = z.looseObject({
  url: z.string(),
  valueString: z.string().optional(),
  valueUrl: z.string().optional(),
  valueReference: z.looseObject({ reference: z.string().optional() }).optional(),
  extension: z.array(z.unknown()).optional(),
});
const resourceSchema = z.looseObject({
  resourceType: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  // An Endpoint's address is its URL; an Organization's is a list of postal addresses.
  address: z.unknown().optional(),
  extension: z.array(extensionSchema).optional(),
});
const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.looseObject({ fullUrl: z.string().optional(), resource: resourceSchema })),
});

export function importSmartBrands(text: string, catalogue: readonly Portal[], platformId: string, file = 'bundle.json'): ImportResult {
  const platform = catalogue.find((portal) => portal.id === platformId);
  if (!platform) throw new ImportRefused(`--platform ${platformId} is not a portal id in feed/portals/`);
  if (platform.kind !== 'platform') throw new ImportRefused(`--platform ${platformId} is a single portal, not a platform with tenants`);
  const parsed = bundleSchema.safeParse(parseStrictJson(text, basename(file)));
  if (!parsed.success) throw new ImportRefused(`${basename(file)}: not a FHIR Bundle of User-access Brands: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)[0]}`);
  const resources = parsed.data.entry.map((entry) => entry.resource);
  const apiHosts = new Set(resources.flatMap((resource) => (resource.resourceType === 'Endpoint' && typeof resource.address === 'string' ? [hostOf(resource.address)] : [])).filter((host) => host !== undefined));

  const index = createPortalIndex(catalogue);
  const refused: Refusal[] = [];
  const seen = new Map<string, string>();
  const candidates: Tenant[] = [];
  let portalsRead = 0;
  let withoutUrl = 0;
  let known = 0;
  for (const organization of resources.filter((resource) => resource.resourceType === 'Organization')) {
    for (const extension of (organization.extension ?? []).filter((item) => item.url === PORTAL_EXTENSION)) {
      portalsRead++;
      const parts = (extension.extension ?? []).map((part) => extensionSchema.safeParse(part).data).filter((part) => part !== undefined);
      const portalName = parts.find((part) => part.url === 'portalName')?.valueString;
      const portalUrl = parts.find((part) => part.url === 'portalUrl')?.valueUrl;
      const item = `${organization.name ?? organization.id ?? 'an Organization'}: ${portalName ?? 'a portal'}`;
      if (portalUrl === undefined) {
        withoutUrl++;
        continue;
      }
      const refuse = (reason: string) => refused.push({ item: `${item} (${portalUrl})`, reason });
      let url: URL;
      try {
        url = new URL(portalUrl);
      } catch {
        refuse('portalUrl is not a URL');
        continue;
      }
      const host = url.hostname;
      if (url.protocol !== 'https:') {
        refuse('portalUrl is not https: a portal patients sign in to must be https');
        continue;
      }
      const shared = SHARED_HOSTS.find((rule) => host === rule.host || (rule.subdomains && host.endsWith(`.${rule.host}`)));
      if (shared) {
        refuse(`${host} is a shared host (${shared.who}); it names no single organisation`);
        continue;
      }
      if (apiHosts.has(host) || /^fhir(?:[.-]|\d)/.test(host) || /\/(?:api\/)?fhir(?:\/|$)/i.test(url.pathname)) {
        refuse(`${host}${url.pathname === '/' ? '' : url.pathname} is a FHIR API address, for apps, not the portal patients sign in to`);
        continue;
      }
      if (EXAMPLE_DOMAIN.test(host)) {
        refuse(`${host} is a reserved example domain (RFC 2606), not a real portal`);
        continue;
      }
      const hostProblem = hostnameSchema.safeParse(host).error?.issues[0]?.message ?? checkHost(platformId, host, false)[0];
      if (hostProblem) {
        refuse(hostProblem.replace(`${platformId} › host: `, ''));
        continue;
      }
      const twin = seen.get(host);
      if (twin !== undefined) {
        refuse(`${host} is listed twice in the bundle (also for ${twin})`);
        continue;
      }
      seen.set(host, item);
      const found = index.lookupHost(host);
      if (found?.tenant && found.portal.id === platformId) {
        known++;
        continue;
      }
      if (found) {
        refuse(`${host} is already claimed by ${found.portal.id}`);
        continue;
      }
      const lookalike = index.lookupUrl(url.href);
      if (lookalike.kind === 'lookalike') {
        refuse(`${host} is a known imitation of ${lookalike.imitates.name}`);
        continue;
      }
      const organizationName = organization.name ?? portalName;
      if (!organizationName || organizationName.length < 2) {
        refuse('the Organization has no name to show patients');
        continue;
      }
      const path = url.pathname.replace(/\/+$/, '');
      candidates.push({
        host,
        organization: organizationName,
        ...(path ? { path } : {}),
        evidence: 'unverified',
        sources: [url.href],
        comment: `Candidate from a SMART User-access Brands bundle (${basename(file)}${portalName ? `, portal "${portalName}"` : ''}); confirm on the organisation's own page that this host is its ${platform.name}, then raise the evidence.`,
      });
    }
  }
  const next = candidates.length > 0 ? { ...platform, tenants: [...(platform.tenants ?? []), ...candidates] } : undefined;
  return {
    portals: next ? replacePortal(catalogue, next) : [...catalogue],
    changed: next ? [platformId] : [],
    refused,
    notes: [],
    counts: [
      ['organisation portals read', portalsRead],
      ['without a portalUrl', withoutUrl],
      ['already tenants', known],
      ['new tenant candidates', candidates.length],
    ],
  };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
