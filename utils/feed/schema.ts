import { z } from 'zod';

/**
 * The breach-notice feed format, version 1.
 *
 * Everything in a feed is untrusted text: the UI renders it as text only, and links must be https.
 * Unknown *optional* fields are tolerated (objects are loose, so a newer minor version still parses
 * here), but an unknown *major* `formatVersion` is refused with a clear message, because a major
 * bump means the meaning of existing fields changed.
 */

export const FEED_FORMAT_MAJOR = 1;

/** https only: a `javascript:`, `data:` or plain `http:` link in a feed is rejected. */
export const feedLinkSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'links must be https:// URLs' });

/** A calendar date, `YYYY-MM-DD`. Breach dates are dates, not instants: no time zone games. */
export const isoDateSchema = z.iso.date({ error: 'must be a date like 2026-01-01' });

/**
 * The controlled vocabulary of data classes. The first group follows Have I Been Pwned's names
 * (as kebab-case ids); the second extends it for health data.
 */
export const DATA_CLASSES = {
  // HIBP-aligned
  names: 'Names',
  'dates-of-birth': 'Dates of birth',
  'email-addresses': 'Email addresses',
  'phone-numbers': 'Phone numbers',
  'physical-addresses': 'Physical addresses',
  'contact-details': 'Contact details',
  passwords: 'Passwords',
  usernames: 'Usernames',
  credentials: 'Sign-in credentials',
  'ip-addresses': 'IP addresses',
  genders: 'Genders',
  ethnicities: 'Ethnicities',
  'government-issued-ids': 'Government-issued IDs',
  'social-security-numbers': 'Social Security numbers',
  'passport-numbers': 'Passport numbers',
  'drivers-licenses': "Driver's licences",
  'financial-data': 'Financial data',
  'payment-details': 'Payment details',
  'browsing-activity': 'Browsing and portal activity',
  'search-terms': 'Search terms',
  'genetic-data': 'Genetic data',
  'family-tree': 'Family tree and relatives',
  // Health extensions
  'clinical-documents': 'Clinical documents',
  'discharge-summaries': 'Hospital discharge summaries',
  'referral-letters': 'Referral letters',
  'clinical-letters': 'Clinical letters',
  'uploaded-documents': 'Documents you uploaded',
  'health-records': 'Health records',
  'medical-record-numbers': 'Medical record numbers',
  'national-health-identifiers': 'National health identifiers (NHI, IHI, NHS number, Medicare)',
  'health-insurance': 'Health insurance details',
  'claims-data': 'Insurance claims',
  diagnoses: 'Diagnoses and conditions',
  'test-results': 'Test results',
  prescriptions: 'Prescriptions',
  medications: 'Medications',
  appointments: 'Appointments',
  'secure-messages': 'Secure messages',
  'mental-health-information': 'Mental-health information',
  'treatment-information': 'Treatment and procedures',
  'provider-details': 'Provider details',
} as const satisfies Record<string, string>;

export type DataClass = keyof typeof DATA_CLASSES;
export const dataClassSchema = z.enum(Object.keys(DATA_CLASSES) as [DataClass, ...DataClass[]], {
  error: (issue) => `unknown data class ${JSON.stringify(issue.input)}; use one from the vocabulary in utils/feed/schema.ts`,
});

export const noticeStatusSchema = z.enum(['investigating', 'notifying', 'notified', 'regulator-action', 'resolved']);
/** Open statuses keep a notice relevant beyond the recency window. */
export const OPEN_STATUSES: ReadonlySet<NoticeStatus> = new Set(['investigating', 'notifying', 'regulator-action']);

export const severitySchema = z.enum(['low', 'medium', 'high', 'critical']);

const sourcedCountSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  /** True when the figure is an estimate or a range's midpoint rather than a final count. */
  estimate: z.boolean(),
  /** Wording shown next to the number, e.g. "6–7% of about 1.8 million users". */
  label: z.string().max(200).optional(),
  source: z.url({ protocol: /^https?$/ }),
  /** Set when only a secondary source gives the figure, or it is disputed. */
  unverified: z.boolean().optional(),
});

export const noticeSchema = z
  .looseObject({
    id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+-\d{4}(?:-\d{2})?$/, 'must look like nz-managemyhealth-2025-12'),
    /** Catalogue portal ids this notice covers. */
    portals: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
    /** When only some tenants of a platform were affected: their hostnames. Empty = all. */
    tenants: z.array(z.string().regex(/^[a-z0-9.-]+$/)).optional(),
    /** Whether the patient portal itself was involved, rather than a back-end system. */
    portalInvolved: z.boolean(),
    title: z.string().min(5).max(200),
    summary: z.string().min(20).max(2000),
    organization: z.string().min(2).max(200),
    country: z.enum(['NZ', 'AU', 'UK', 'US', 'CA']),
    breach: z.looseObject({ start: isoDateSchema.optional(), end: isoDateSchema.optional(), discovered: isoDateSchema.optional() }),
    disclosed: isoDateSchema,
    added: isoDateSchema,
    modified: isoDateSchema,
    affected: sourcedCountSchema.optional(),
    dataClasses: z.array(dataClassSchema).min(1),
    notAffected: z.array(dataClassSchema).default([]),
    status: noticeStatusSchema,
    severity: severitySchema,
    links: z.array(z.looseObject({ title: z.string().min(2).max(200), url: feedLinkSchema, official: z.boolean() })).min(1),
    /** Every source behind the notice's facts; may be http for old official pages. */
    sources: z.array(z.url({ protocol: /^https?$/ })).min(1),
  })
  .superRefine((notice, ctx) => {
    if (notice.modified < notice.added) ctx.addIssue({ code: 'custom', path: ['modified'], message: 'modified is before added' });
    if (notice.breach.start && notice.breach.end && notice.breach.end < notice.breach.start) {
      ctx.addIssue({ code: 'custom', path: ['breach', 'end'], message: 'breach end is before its start' });
    }
    const both = notice.dataClasses.filter((dataClass) => notice.notAffected.includes(dataClass));
    if (both.length > 0) ctx.addIssue({ code: 'custom', path: ['notAffected'], message: `listed as both affected and not affected: ${both.join(', ')}` });
  });

export const feedSchema = z
  .looseObject({
    formatVersion: z.string().regex(/^\d+\.\d+$/, 'formatVersion must look like 1.0'),
    /** Increases with every published feed; the extension refuses anything not greater (no rollback). */
    sequence: z.number().int().positive(),
    /** When the feed was built, as an ISO instant. */
    generatedAt: z.iso.datetime({ offset: true }),
    notices: z.array(noticeSchema),
  })
  .superRefine((feed, ctx) => {
    const major = Number(feed.formatVersion.split('.')[0]);
    if (major !== FEED_FORMAT_MAJOR) {
      ctx.addIssue({ code: 'custom', path: ['formatVersion'], message: `feed format ${feed.formatVersion} is not supported; this version of Portal Guard reads format ${FEED_FORMAT_MAJOR}.x` });
    }
    const seen = new Set<string>();
    feed.notices.forEach((notice, index) => {
      if (seen.has(notice.id)) ctx.addIssue({ code: 'custom', path: ['notices', index, 'id'], message: `duplicate notice id ${notice.id}` });
      seen.add(notice.id);
    });
  });

export type Notice = z.infer<typeof noticeSchema>;
export type Feed = z.infer<typeof feedSchema>;
export type NoticeStatus = z.infer<typeof noticeStatusSchema>;
