import { z } from 'zod';
import { PROTOTYPE_NAME_REASON, notPrototypeName } from '../own-keys';

/**
 * The shape of one portal in the catalogue.
 *
 * The catalogue is data, not code: one file per entry in feed/portals/ (with the JSON Schema
 * generated from this one, feed/portal.schema.json), and every entry is parsed with this schema in a test and at build
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
 * A reviewer's note: why an item is listed the way it is (a host seen only on a practice page, a
 * host left out on purpose). For maintainers reading the data files; never shown to patients.
 */
export const commentSchema = z.string().min(2);

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
  comment: commentSchema.optional(),
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
  /**
   * This tenant's own change-password page, only when a source gives one (Apple's
   * password-manager-resources lists some); it must be on the tenant's host.
   */
  changePassword: z.strictObject({ url: httpsUrlSchema, evidence: evidenceSchema }).optional(),
  comment: commentSchema.optional(),
});

/**
 * Platforms whose tenants all live under one registrable domain, one subdomain each
 * (`barn-hs.iqhealth.com`). The tenant is named after its first label, since no source maps those
 * labels to organisations.
 */
export const tenantSuffixSchema = z.strictObject({
  suffix: hostnameSchema,
  evidence: evidenceSchema,
  comment: commentSchema.optional(),
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

/**
 * What kind of evidence a platform signal is. Each kind is something a different part of the page
 * controls, so a copy has to fake each one separately (docs/catalogue.md, "Platform signals"):
 * - `host`: the page's hostname (a vendor's shared domain, `mycw52.eclinicalweb.com`);
 * - `path`: the page's path and query (`/MyChart/Authentication/Login`, `default.asp?mode=stdfile`);
 * - `asset`: the path of a script or stylesheet the page loads (`/scripts/ui_framework/core/prelogin.min.js`),
 *   or `//host/path` for one from another origin;
 * - `meta`: a `<meta>` tag, as `name=content`;
 * - `form`: the `name` of a form field (`ctl00$ContentPlaceHolder1$Login2$txtUserName`).
 */
export const platformSignalKindSchema = z.enum(['host', 'path', 'asset', 'meta', 'form']);

/**
 * One signal that a page belongs to a platform, with the public page where it was seen.
 * `pattern` is a regular-expression source, tested case-insensitively against the string its kind
 * names (above). `inferred: true` marks a signal that no source shows on the platform's own page
 * but that was reasoned from one (a path seen in practice links, say): it counts like the others,
 * and the mark tells a reviewer where to look first.
 */
export const platformSignalSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
  kind: platformSignalKindSchema,
  pattern: z.string().min(2).max(200),
  /** The public page where the signal was seen (a copy of the page in a public repository counts). */
  source: sourceUrlSchema,
  evidence: evidenceSchema,
  inferred: z.literal(true).optional(),
  /** Why the signal means this platform, when the pattern does not say it. */
  note: z.string().optional(),
});

/** A portal entry's own fields, in the order the data files list them. */
const portalFields = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case').refine(notPrototypeName, PROTOTYPE_NAME_REASON),
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
  /** How to recognise this platform's pages on a host the catalogue does not list (platform-signals.ts). */
  platformSignals: z.array(platformSignalSchema).optional(),
  /** Hosts that imitate this portal (unofficial guides); recognised only to warn. */
  lookalikes: z.array(hostnameSchema).optional(),
  /** Short facts a patient should know (geo-restrictions, mandatory 2SV and so on). */
  notes: z.array(z.string()).optional(),
  sources: z.array(sourceUrlSchema).min(1, 'every portal cites at least one source'),
});

/**
 * Reviewers' notes on a whole field, keyed by the field they explain (`hosts`: why a likely host is
 * left out; `account`: why there is no change-password link). They hold what used to be comments in
 * the catalogue's source, so the reasons travel with the data. Never shown to patients; a note on a
 * single host or tenant goes in its own `comment`.
 */
export const provenanceSchema = z.partialRecord(portalFields.keyof(), commentSchema);

export const portalSchema = z
  .strictObject({ ...portalFields.shape, provenance: provenanceSchema.optional() })
  .superRefine((portal, ctx) => {
    // A host listed twice in one entry is a merge or import slip; `catalogueSchema` only sees
    // clashes between entries.
    const seen = new Set<string>();
    for (const [field, hosts] of [
      ['hosts', portal.hosts.map((rule) => rule.host)],
      ['tenants', (portal.tenants ?? []).map((tenant) => tenant.host)],
      ['tenantSuffixes', (portal.tenantSuffixes ?? []).map((rule) => rule.suffix)],
      ['lookalikes', portal.lookalikes ?? []],
    ] as const) {
      hosts.forEach((host, index) => {
        if (seen.has(host)) ctx.addIssue({ code: 'custom', path: [field, index], message: `${host} is listed twice in this entry` });
        seen.add(host);
      });
    }
    portal.sources.forEach((source, index) => {
      if (portal.sources.indexOf(source) !== index) ctx.addIssue({ code: 'custom', path: ['sources', index], message: `${source} is listed twice` });
    });
    if (portal.kind === 'portal' && ((portal.tenants?.length ?? 0) > 0 || (portal.tenantSuffixes?.length ?? 0) > 0)) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'only a platform has tenants' });
    }
    const ids = new Set<string>();
    for (const [index, signal] of (portal.platformSignals ?? []).entries()) {
      if (ids.has(signal.id)) ctx.addIssue({ code: 'custom', path: ['platformSignals', index, 'id'], message: `duplicate signal id ${signal.id}` });
      ids.add(signal.id);
      try {
        new RegExp(signal.pattern, 'i');
      } catch {
        ctx.addIssue({ code: 'custom', path: ['platformSignals', index, 'pattern'], message: `not a valid regular expression: ${signal.pattern}` });
      }
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
export type PlatformSignal = z.infer<typeof platformSignalSchema>;
