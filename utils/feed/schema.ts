import { z } from 'zod';
import { PROTOTYPE_NAME_REASON, notPrototypeName } from '../own-keys';
import { registrableDomainProblem } from '../portals/registrable-domain';
import { catalogueAdditionsSchema } from './catalogue-additions';
import { feedTrackersSchema } from '../trackers/schema';
import { hostProblem, MAX_URL_LENGTH, textProblem } from './text-rules';

/**
 * The breach-notice feed format, version 1.
 *
 * Everything in a feed is untrusted text: the UI renders it as text only, and links must be https.
 * Unknown *optional* fields are tolerated (objects are loose, so a newer minor version still parses
 * here), but an unknown *major* `formatVersion` is refused with a clear message, because a major
 * bump means the meaning of existing fields changed.
 */

export const FEED_FORMAT_MAJOR = 1;
/**
 * The version `npm run feed -- build` writes. Bump the minor for added optional fields: 1.1 added a
 * notice's `domains` and the feed's `catalogue` additions, which a 1.0 reader ignores.
 */
export const FEED_FORMAT_VERSION = `${FEED_FORMAT_MAJOR}.1`;

/**
 * An absolute URL with a DNS hostname, no user info, and printable ASCII only (non-ASCII must be
 * percent-encoded). A regular expression rather than `z.url()`: a large feed carries about seven
 * URLs a notice, and parsing each with `new URL` was a quarter of the validation time (see
 * `npm run bench -- feed`). The scheme, which is what matters for safety, is checked exactly.
 */
const urlPattern = (schemes: string) => new RegExp(`^(?:${schemes}):\\/\\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}(?::\\d{1,5})?(?:[/?#][!-~]*)?$`, 'i');

/** A length cap, the URL pattern, then no punycode host (utils/feed/text-rules.ts). */
const urlSchema = (pattern: RegExp, message: string) =>
  z
    .string()
    .max(MAX_URL_LENGTH, `links and sources are at most ${MAX_URL_LENGTH} characters`)
    .regex(pattern, message)
    .superRefine((url, ctx) => {
      const problem = url.length <= MAX_URL_LENGTH ? hostProblem(url) : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** https only: a `javascript:`, `data:` or plain `http:` link in a feed is rejected. */
export const feedLinkSchema = urlSchema(urlPattern('https'), 'links must be https:// URLs');

/** Text shown to patients: its length, and no invisible, direction-changing or mixed-script words. */
export const feedTextSchema = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .superRefine((text, ctx) => {
      const problem = textProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/**
 * The largest sequence a feed may have (issue 13). Far above any real count of editions, far below
 * 2^53: one signed feed at Number.MAX_SAFE_INTEGER would otherwise make every later genuine feed a
 * "rollback". `npm run feed -- build` also refuses a jump of more than MAX_SEQUENCE_JUMP.
 */
export const MAX_FEED_SEQUENCE = 2 ** 40;
export const MAX_SEQUENCE_JUMP = 1_000_000;

/** A calendar date, `YYYY-MM-DD`. Breach dates are dates, not instants: no time zone games. */
export const isoDateSchema = z.iso.date({ error: 'must be a date like 2026-01-01' });

/**
 * A date as precise as the source is: `2023`, `2023-04` or `2023-04-15`. Used where sources give
 * only a month or a year (23andMe: "April to September 2023"), so no day is ever invented.
 * Strings of this shape sort correctly by their start; `partialDateBounds` gives both ends.
 */
const calendarDateSchema = z.iso.date();
export const partialDateSchema = z
  .string()
  .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'must be a date like 2023, 2023-04 or 2023-04-15')
  .refine((value) => value.length < 10 || calendarDateSchema.safeParse(value).success, 'is not a real calendar date');

/** Catalogue portal ids are kebab-case (`managemyhealth`, `epic-mychart`). */
export const portalIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case portal id from utils/portals/catalogue.ts').refine(notPrototypeName, PROTOTYPE_NAME_REASON);

/**
 * One registrable domain (eTLD+1) of the organisation a notice concerns, such as `uwhealth.org`.
 * Checked with the public-suffix list (tldts): lowercase ASCII, no IP, no public suffix, and
 * exactly the registrable domain (`mychart.uwhealth.org` is refused with "name uwhealth.org").
 */
export const noticeDomainSchema = z.string().superRefine((domain, ctx) => {
  const problem = registrableDomainProblem(domain);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * The controlled vocabulary of data classes, each with the key of its label in
 * utils/i18n/locales/ (read it with `dataClassLabel`, utils/feed/data-class-label.ts). The first
 * group follows Have I Been Pwned's names (as kebab-case ids); the second extends it for health data.
 */
export const DATA_CLASSES = {
  // HIBP-aligned
  names: 'dataClass.names',
  'dates-of-birth': 'dataClass.datesOfBirth',
  'email-addresses': 'dataClass.emailAddresses',
  'phone-numbers': 'dataClass.phoneNumbers',
  'physical-addresses': 'dataClass.physicalAddresses',
  'contact-details': 'dataClass.contactDetails',
  passwords: 'dataClass.passwords',
  usernames: 'dataClass.usernames',
  credentials: 'dataClass.credentials',
  'ip-addresses': 'dataClass.ipAddresses',
  genders: 'dataClass.genders',
  ethnicities: 'dataClass.ethnicities',
  'government-issued-ids': 'dataClass.governmentIssuedIds',
  'social-security-numbers': 'dataClass.socialSecurityNumbers',
  'passport-numbers': 'dataClass.passportNumbers',
  'drivers-licenses': 'dataClass.driversLicenses',
  'financial-data': 'dataClass.financialData',
  'payment-details': 'dataClass.paymentDetails',
  'browsing-activity': 'dataClass.browsingActivity',
  'search-terms': 'dataClass.searchTerms',
  'genetic-data': 'dataClass.geneticData',
  'family-tree': 'dataClass.familyTree',
  // Health extensions
  'clinical-documents': 'dataClass.clinicalDocuments',
  'discharge-summaries': 'dataClass.dischargeSummaries',
  'referral-letters': 'dataClass.referralLetters',
  'clinical-letters': 'dataClass.clinicalLetters',
  'uploaded-documents': 'dataClass.uploadedDocuments',
  'health-records': 'dataClass.healthRecords',
  'medical-record-numbers': 'dataClass.medicalRecordNumbers',
  'national-health-identifiers': 'dataClass.nationalHealthIdentifiers',
  'health-insurance': 'dataClass.healthInsurance',
  'claims-data': 'dataClass.claimsData',
  diagnoses: 'dataClass.diagnoses',
  'test-results': 'dataClass.testResults',
  prescriptions: 'dataClass.prescriptions',
  medications: 'dataClass.medications',
  appointments: 'dataClass.appointments',
  'secure-messages': 'dataClass.secureMessages',
  'mental-health-information': 'dataClass.mentalHealthInformation',
  'treatment-information': 'dataClass.treatmentInformation',
  'provider-details': 'dataClass.providerDetails',
} as const satisfies Record<string, `dataClass.${string}`>;

export type DataClass = keyof typeof DATA_CLASSES;
export const dataClassSchema = z.enum(Object.keys(DATA_CLASSES) as [DataClass, ...DataClass[]], {
  error: (issue) => `unknown data class ${JSON.stringify(issue.input)}; use one from the vocabulary in utils/feed/schema.ts`,
});

/** True for a data class in this version's vocabulary. */
export function isDataClass(value: string): value is DataClass {
  return Object.hasOwn(DATA_CLASSES, value);
}

/**
 * A data class as the extension reads it: one from a newer vocabulary is accepted here and then
 * dropped (`dataClassListSchema`), so adding a class to the vocabulary never makes older copies
 * refuse the whole feed. `npm run feed -- validate` refuses unknown classes in the sources, and the
 * editor schema (feed/notice.schema.json) offers the vocabulary only.
 */
export const tolerantDataClassSchema = z.union([dataClassSchema, z.string().max(60)]);
const dataClassListSchema = z.array(tolerantDataClassSchema).transform((list) => list.filter(isDataClass));

/** `reported`: listed by a regulator (HHS OCR's breach portal), with nothing more known yet (issue 13). */
export const noticeStatusSchema = z.enum(['investigating', 'notifying', 'notified', 'regulator-action', 'resolved', 'reported']);
/** Open statuses keep a notice relevant beyond the recency window. */
export const OPEN_STATUSES: ReadonlySet<NoticeStatus> = new Set(['investigating', 'notifying', 'regulator-action']);

export const severitySchema = z.enum(['low', 'medium', 'high', 'critical']);

/** A source we cite. Some official pages, and some copies of them, are plain http. */
export const sourceUrlSchema = urlSchema(urlPattern('https?'), 'sources must be http(s) URLs');

const sourcedCountSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  /** True when the figure is an estimate or a range's midpoint rather than a final count. */
  estimate: z.boolean(),
  /** Wording shown next to the number, e.g. "6–7% of about 1.8 million users". */
  label: feedTextSchema(0, 200).optional(),
  source: sourceUrlSchema,
  /** When the figure was published, as precisely as known (`2026-05`). */
  asOf: partialDateSchema.optional(),
  /** Set when only a secondary source gives the figure, or it is disputed. */
  unverified: z.boolean().optional(),
});

/**
 * More about one affected data class. `documentWindow` is the period the affected documents
 * date from, as the sources give it (Manage My Health: referral letters from 2017 to 2019), so an
 * export can be checked against it: see `document-window.ts`.
 */
export const dataClassDetailSchema = z.looseObject({
  /** A class from a newer vocabulary stays as text; the notice's other checks skip it. */
  dataClass: tolerantDataClassSchema,
  note: feedTextSchema(5, 300).optional(),
  documentWindow: z.looseObject({ from: partialDateSchema, to: partialDateSchema }).optional(),
  source: sourceUrlSchema.optional(),
});

/** `nz-managemyhealth-2025-12`: country, organisation, year (and month) of disclosure. */
export const noticeIdSchema = z.string().regex(/^[a-z]{2}-[a-z0-9-]+-\d{4}(?:-\d{2})?$/, 'must look like nz-managemyhealth-2025-12').refine(notPrototypeName, PROTOTYPE_NAME_REASON);

/**
 * A notice's title and summary in another language, keyed by a BCP 47 language tag (`fr`, `es`,
 * `fr-CA`, `pt-BR`), under the same text rules as the English. Optional: feed text stays in the
 * feed's language, and the UI shows a translation only when one matches the browser's language
 * (`utils/notices/notice-text.ts`). An older extension ignores the field (notices are loose objects).
 */
const TRANSLATION_KEY_REASON = 'translations are keyed by a language tag such as fr, es or pt-BR';
export const noticeTranslationsSchema = z
  .record(
    // Checked on the raw keys, so `__proto__` from JSON.parse is refused too, not turned into a prototype.
    z.string().regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, TRANSLATION_KEY_REASON),
    z.strictObject({ title: feedTextSchema(5, 200).optional(), summary: feedTextSchema(20, 2000).optional() }).refine((text) => text.title !== undefined || text.summary !== undefined, 'a translation needs a title, a summary or both'),
    { error: (issue) => (issue.code === 'invalid_key' ? TRANSLATION_KEY_REASON : undefined) },
  )
  .refine((translations) => Object.keys(translations).length <= 30, 'at most 30 translations');

export const noticeSchema = z
  .looseObject({
    id: noticeIdSchema,
    /**
     * Catalogue portal ids this notice is shown on. Empty when the incident did not involve any
     * catalogue portal (a lab, an insurer, a clearinghouse): such a notice appears only in the
     * full notice list. Ids unknown to this build's catalogue never match; `npm run feed --
     * validate` refuses them, so that only happens when an older extension reads a newer feed.
     */
    portals: z.array(portalIdSchema),
    /**
     * The registrable domains of the organisation the notice concerns (`["uwhealth.org"]`). The
     * notice then also applies to every recognised host (catalogue host or tenant, feed addition,
     * a clinic's or the patient's own portal) whose registrable domain is one of them, besides the
     * portals named above. See `utils/notices/notice-index.ts` and docs/feed.md.
     */
    domains: z
      .array(noticeDomainSchema)
      .max(20)
      .refine((list) => new Set(list).size === list.length, 'domains must not repeat')
      .optional(),
    /** When only some tenants of a platform were affected: their hostnames. */
    tenants: z.array(z.string().regex(/^[a-z0-9.-]+$/, 'tenants are lowercase hostnames')).optional(),
    /**
     * Set when a platform itself was breached, so the notice shows on every tenant. Without it,
     * `validate` refuses a notice that names a platform but no tenants, because one health
     * system's incident must not show up on every other system's MyChart.
     */
    platformWide: z.boolean().optional(),
    /** Whether the patient portal itself was involved, rather than a back-end system. */
    portalInvolved: z.boolean(),
    title: feedTextSchema(5, 200),
    summary: feedTextSchema(20, 2000),
    /** The title and summary in other languages: `{ fr: { title, summary }, es: { … } }`. */
    translations: noticeTranslationsSchema.optional(),
    organization: feedTextSchema(2, 200),
    country: z.enum(['NZ', 'AU', 'UK', 'US', 'CA']),
    breach: z.looseObject({
      start: partialDateSchema.optional(),
      end: partialDateSchema.optional(),
      discovered: partialDateSchema.optional(),
      /** Where a date comes from when that is not obvious, or how sure it is. */
      note: feedTextSchema(5, 300).optional(),
    }),
    disclosed: isoDateSchema,
    added: isoDateSchema,
    modified: isoDateSchema,
    affected: sourcedCountSchema.optional(),
    dataClasses: z.array(tolerantDataClassSchema).min(1).transform((list) => list.filter(isDataClass)),
    notAffected: dataClassListSchema.default([]),
    dataClassDetails: z.array(dataClassDetailSchema).optional(),
    status: noticeStatusSchema,
    severity: severitySchema,
    links: z.array(z.looseObject({ title: feedTextSchema(2, 200), url: feedLinkSchema, official: z.boolean() })).min(1),
    /** Every source behind the notice's facts; may be http for old official pages. */
    sources: z.array(sourceUrlSchema).min(1),
  })
  .superRefine((notice, ctx) => {
    if (notice.modified < notice.added) ctx.addIssue({ code: 'custom', path: ['modified'], message: 'modified is before added' });
    if (notice.breach.start && notice.breach.end && notice.breach.end < notice.breach.start) {
      ctx.addIssue({ code: 'custom', path: ['breach', 'end'], message: 'breach end is before its start' });
    }
    if (notice.breach.start && notice.breach.discovered && notice.breach.discovered < notice.breach.start) {
      ctx.addIssue({ code: 'custom', path: ['breach', 'discovered'], message: 'discovered is before the breach started' });
    }
    const both = notice.dataClasses.filter((dataClass) => notice.notAffected.includes(dataClass));
    if (both.length > 0) ctx.addIssue({ code: 'custom', path: ['notAffected'], message: `listed as both affected and not affected: ${both.join(', ')}` });
    notice.dataClassDetails?.forEach((detail, index) => {
      if (isDataClass(detail.dataClass) && !notice.dataClasses.includes(detail.dataClass)) {
        ctx.addIssue({ code: 'custom', path: ['dataClassDetails', index, 'dataClass'], message: `${detail.dataClass} is not in dataClasses` });
      }
      const window = detail.documentWindow;
      if (window && partialDateBounds(window.to).last < partialDateBounds(window.from).first) {
        ctx.addIssue({ code: 'custom', path: ['dataClassDetails', index, 'documentWindow', 'to'], message: 'the window ends before it starts' });
      }
    });
  });

/** The first and last calendar day a partial date covers: `2019` is 2019-01-01 to 2019-12-31. */
export function partialDateBounds(value: string): { first: string; last: string } {
  const [year = '0000', month, day] = value.split('-');
  if (day !== undefined) return { first: value, last: value };
  if (month !== undefined) {
    const days = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return { first: `${year}-${month}-01`, last: `${year}-${month}-${String(days).padStart(2, '0')}` };
  }
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}

/** Whether a document dated `date` (`YYYY-MM-DD`) falls inside a notice's document window. */
export function documentWindowContains(window: { from: string; to: string }, date: string): boolean {
  return date >= partialDateBounds(window.from).first && date <= partialDateBounds(window.to).last;
}

export const feedSchema = z
  .looseObject({
    formatVersion: z.string().regex(/^\d+\.\d+$/, 'formatVersion must look like 1.0'),
    /** Increases with every published feed; the extension refuses anything not greater (no rollback). */
    sequence: z.number().int().positive().max(MAX_FEED_SEQUENCE, `the sequence must be at most ${MAX_FEED_SEQUENCE} (2^40), so that it can never be used up`),
    /** When the feed was built, as an ISO instant. */
    generatedAt: z.iso.datetime({ offset: true }),
    notices: z.array(noticeSchema),
    /**
     * Catalogue additions (format 1.1): tenants, tenant suffixes and platform signals, each checked
     * like a catalogue entry against the bundled catalogue (`catalogue-additions.ts`).
     */
    catalogue: catalogueAdditionsSchema.optional(),
    /**
     * Tracker-list updates (optional, format 1.1 readers ignore it): entries that replace a
     * bundled feed/trackers.json entry by id, or add one (utils/trackers/, docs/trackers.md).
     */
    trackers: feedTrackersSchema.optional(),
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
