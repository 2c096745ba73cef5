import { z } from 'zod';

/**
 * The shape of one portal in the catalogue.
 *
 * The catalogue is data, not code: every entry is parsed with this schema in a test and at build
 * time, so a bad entry fails with the entry id and the field path. The schema has no defaults, so
 * its input and output types are the same and the content script can use the data without
 * carrying zod. Every fact cites a public source (`sources`); a field no source gives stays empty
 * rather than guessed, and anything only a secondary source supports is marked with its evidence
 * level.
 */

/** Lowercase ASCII hostname with at least two labels. IDN hosts are deliberately not allowed. */
export const hostnameSchema = z
  .string()
  .regex(
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'must be a lowercase ASCII hostname such as portal.example.org',
  )
  .refine((host) => !host.split('.').some((label) => label.startsWith('xn--')), 'punycode (IDN) hosts are not allowed');

/** Links we show to patients or open for them: https only. */
export const httpsUrlSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'must be an https:// URL' });

/** A source we cite. Some official sources (for example the 2013 Blue Button guide) are plain http. */
export const sourceUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * How well a fact is supported:
 * - `official`: the operator's, vendor's or regulator's own page;
 * - `secondary`: a practice page, news or third-party help page;
 * - `unverified`: a likely candidate (a sign-in host, say) that no cited page confirms.
 */
export const evidenceSchema = z.enum(['official', 'secondary', 'unverified']);

export const countrySchema = z.enum(['NZ', 'AU', 'UK', 'US', 'CA']);

/**
 * One hostname rule.
 * - `exact`: only this host.
 * - `subdomains`: this host and every host below it. The host must be at least a registrable
 *   domain (eTLD+1), which `validate-catalogue.ts` checks with tldts, so a rule can never cover
 *   a whole public suffix such as `co.nz`.
 */
export const hostRuleSchema = z.strictObject({
  host: hostnameSchema,
  match: z.enum(['exact', 'subdomains']),
  evidence: evidenceSchema,
});

/** One organisation's tenant on a multi-tenant platform, for example Cleveland Clinic's MyChart. */
export const tenantSchema = z.strictObject({
  host: hostnameSchema,
  /** The organisation that runs this tenant, as patients know it. */
  organization: z.string().min(2),
  /** Path prefix where the portal lives on that host, when a source gives it (`/MyChart`). */
  path: z.string().startsWith('/').optional(),
  evidence: evidenceSchema,
  sources: z.array(sourceUrlSchema).min(1),
});

/**
 * Platforms whose tenants all live under one registrable domain, one subdomain each
 * (`barn-hs.iqhealth.com`). The tenant is named after its first label, since no source maps those
 * labels to organisations.
 */
export const tenantSuffixSchema = z.strictObject({
  suffix: hostnameSchema,
  evidence: evidenceSchema,
});

export const twoStepSchema = z.strictObject({
  /** What the sources say about a second factor at sign-in, not for password recovery. */
  status: z.enum(['mandatory', 'optional', 'not-offered', 'unknown']),
  methods: z.array(z.enum(['email-code', 'sms-code', 'phone-code', 'authenticator-app', 'passkey', 'digital-id', 'security-questions'])),
  /** Where patients turn it on, in the portal's own menu words. */
  location: z.string().optional(),
  helpUrl: httpsUrlSchema.optional(),
  evidence: evidenceSchema,
});

export const accountSchema = z.strictObject({
  changePassword: z
    .strictObject({
      /** A direct link to the change-password page, only when a source gives one. */
      url: httpsUrlSchema.optional(),
      /** Written directions in the portal's own menu words. */
      directions: z.string().optional(),
      evidence: evidenceSchema,
    })
    .optional(),
  twoStep: twoStepSchema.optional(),
  export: z
    .strictObject({
      directions: z.string(),
      formats: z.array(z.enum(['ccda', 'fhir', 'pdf', 'text', 'xdm'])).optional(),
      evidence: evidenceSchema,
    })
    .optional(),
  /** The portal shows patients who has looked at their record. */
  accessLog: z.boolean().optional(),
});

/** Per-platform hints for session detection, on top of the generic signals. */
export const sessionSignalsSchema = z.strictObject({
  /** Regular-expression sources tested against the URL path (case-insensitive). */
  loginPaths: z.array(z.string()).optional(),
  signedOutPaths: z.array(z.string()).optional(),
  /** CSS selectors for the platform's own sign-out control. */
  logoutSelectors: z.array(z.string()).optional(),
});

export const portalSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
    name: z.string().min(2),
    operator: z.string().min(2),
    country: countrySchema,
    /** `portal`: one service. `platform`: software that many organisations run as tenants. */
    kind: z.enum(['portal', 'platform']),
    hosts: z.array(hostRuleSchema),
    tenants: z.array(tenantSchema).optional(),
    tenantSuffixes: z.array(tenantSuffixSchema).optional(),
    /** Where a patient starts: the sign-in or home page. */
    homeUrl: httpsUrlSchema.optional(),
    account: accountSchema.optional(),
    signals: sessionSignalsSchema.optional(),
    /** Hosts that imitate this portal (unofficial guides); recognised only to warn. */
    lookalikes: z.array(hostnameSchema).optional(),
    /** Short facts a patient should know (geo-restrictions, mandatory 2SV and so on). */
    notes: z.array(z.string()).optional(),
    /**
     * Set only on portals Portal Guard has NOT reviewed, built at run time from a short form
     * (`custom.ts`): `user` for the patient's own (added or watched), `policy` for the
     * organisation's. Every page that names such a portal marks it (`review-mark.ts`). The
     * catalogue refuses the field: a reviewed entry never carries it.
     */
    addedBy: z.enum(['user', 'policy']).optional(),
    /** For a patient's watched portal: the catalogue platform it runs on (`epic-mychart`). */
    platform: z.string().optional(),
    sources: z.array(sourceUrlSchema).min(1, 'every portal cites at least one source'),
  })
  .superRefine((portal, ctx) => {
    if (portal.kind === 'portal' && ((portal.tenants?.length ?? 0) > 0 || (portal.tenantSuffixes?.length ?? 0) > 0)) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'only a platform has tenants' });
    }
    for (const [index, pattern] of [...(portal.signals?.loginPaths ?? []), ...(portal.signals?.signedOutPaths ?? [])].entries()) {
      try {
        new RegExp(pattern, 'i');
      } catch {
        ctx.addIssue({ code: 'custom', path: ['signals', index], message: `not a valid regular expression: ${pattern}` });
      }
    }
  });

export const catalogueSchema = z.array(portalSchema).superRefine((portals, ctx) => {
  const seenIds = new Set<string>();
  const seenHosts = new Map<string, string>();
  // Every host some portal claims, and whether the claim reaches below it.
  const claims: { host: string; below: boolean; id: string }[] = [];
  portals.forEach((portal, index) => {
    if (portal.addedBy !== undefined || portal.platform !== undefined) ctx.addIssue({ code: 'custom', path: [index, portal.addedBy !== undefined ? 'addedBy' : 'platform'], message: 'only portals added by a patient or a policy carry this; the catalogue is reviewed' });
    if (seenIds.has(portal.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate portal id ${portal.id}` });
    seenIds.add(portal.id);
    const hosts = [
      ...portal.hosts.map((rule) => ({ host: rule.host, below: rule.match === 'subdomains' })),
      ...(portal.tenants ?? []).map((tenant) => ({ host: tenant.host, below: false })),
      ...(portal.tenantSuffixes ?? []).map((rule) => ({ host: rule.suffix, below: true })),
    ];
    for (const { host, below } of hosts) {
      const owner = seenHosts.get(host);
      if (owner !== undefined && owner !== portal.id) {
        ctx.addIssue({ code: 'custom', path: [index, 'hosts'], message: `host ${host} is already claimed by ${owner}` });
      }
      seenHosts.set(host, portal.id);
      claims.push({ host, below, id: portal.id });
    }
  });
  // A lookalike rule answers for its host and everything below it, and the index lets the first
  // claim on a host win. So a lookalike that equals, sits above, or sits inside a genuine claim
  // would, depending on catalogue order, brand a real portal page as an imitation.
  portals.forEach((portal, index) => {
    (portal.lookalikes ?? []).forEach((lookalike, position) => {
      const clash = claims.find(({ host, below }) => host === lookalike || host.endsWith(`.${lookalike}`) || (below && lookalike.endsWith(`.${host}`)));
      if (clash) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'lookalikes', position],
          message: `lookalike ${lookalike} overlaps ${clash.host}, which ${clash.id} claims as genuine`,
        });
      }
    });
  });
});

export type HostRule = z.infer<typeof hostRuleSchema>;
export type Tenant = z.infer<typeof tenantSchema>;
export type Portal = z.infer<typeof portalSchema>;
export type Country = z.infer<typeof countrySchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
