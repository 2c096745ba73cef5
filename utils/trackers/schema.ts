import { z } from 'zod';
import { notPrototypeName, PROTOTYPE_NAME_REASON } from '../own-keys';

/**
 * The tracker list (feed/trackers.json): which third-party hosts belong to which tracking product,
 * and which of their query parameters carry the page's content. Curated by hand under the
 * project's licence, each entry citing the vendor's own documentation; it deliberately does not
 * copy Ghostery's, DuckDuckGo's or Disconnect's lists, whose licences are non-commercial
 * share-alike. The signed feed can carry updates to it (`trackers` in the feed, docs/trackers.md).
 */

/** A lowercase ASCII hostname with at least two labels, as the portal catalogue writes them. */
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/**
 * A query parameter's name, or a pattern with one `*` standing for any run of characters
 * (`cd[*]` for Meta's custom data, `ep.*` for GA4's event parameters). Names only: the audit never
 * reads or keeps a value.
 */
export const PARAM_PATTERN = /^[A-Za-z0-9_.[\]-]{0,40}\*?[A-Za-z0-9_.[\]-]{0,40}$/;

export const trackerEntrySchema = z.strictObject({
  /** Kebab-case, unique: the stored sightings name their tracker by it. */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case id').max(60).refine(notPrototypeName, PROTOTYPE_NAME_REASON),
  /** The company, as patients know it: `Meta`, `Google`, `Microsoft`. */
  vendor: z.string().min(1).max(60),
  /** The product: `Pixel`, `Analytics`, `Clarity`. */
  product: z.string().min(1).max(60),
  /** Registrable domains or hosts; each also matches its subdomains. Sorted, no duplicates. */
  domains: z.array(z.string().regex(DOMAIN, 'must be a lowercase hostname such as google-analytics.com')).min(1).max(20),
  /** Query parameters that carry page content (the address, the title, form or event data). */
  contentParams: z.array(z.string().min(1).regex(PARAM_PATTERN, 'must be a parameter name, optionally with one * (cd[*], ep.*)')).max(30).optional(),
  /** The vendor's own documentation of the hosts or the parameters, https only. */
  sources: z.array(z.string().max(500).regex(/^https:\/\/[a-z0-9.-]+\/[!-~]*$/, 'sources must be https:// addresses')).min(1).max(5),
});

export type TrackerEntry = z.infer<typeof trackerEntrySchema>;

/** The list: entries sorted by id, every domain claimed once, domains sorted within an entry. */
export const trackerListSchema = z
  .strictObject({
    /** Points editors at feed/trackers.schema.json; ignored otherwise. */
    $schema: z.string().optional(),
    trackers: z.array(trackerEntrySchema).max(500),
  })
  .superRefine((list, ctx) => {
    const owner = new Map<string, string>();
    list.trackers.forEach((entry, index) => {
      const previous = list.trackers[index - 1];
      if (previous && previous.id >= entry.id) ctx.addIssue({ code: 'custom', path: ['trackers', index, 'id'], message: `${entry.id} must come after ${previous.id}: entries are sorted by id, each once` });
      entry.domains.forEach((domain, position) => {
        const before = entry.domains[position - 1];
        if (before !== undefined && before >= domain) ctx.addIssue({ code: 'custom', path: ['trackers', index, 'domains', position], message: `${domain} must come after ${before}: domains are sorted, each once` });
        const other = owner.get(domain);
        if (other !== undefined && other !== entry.id) ctx.addIssue({ code: 'custom', path: ['trackers', index, 'domains', position], message: `${domain} is already listed under ${other}` });
        owner.set(domain, entry.id);
      });
    });
  });

export type TrackerList = z.infer<typeof trackerListSchema>;

/**
 * What the signed feed may carry (format 1.1, optional `trackers`): entries that replace a bundled
 * entry with the same id, or add one. Each entry is checked like the file's (unknown fields are
 * tolerated, as everywhere in the feed, so a newer field never refuses it); a bad entry refuses
 * the feed, and the stored feed stays (utils/feed/schema.ts).
 */
export const feedTrackersSchema = z.looseObject({ trackers: z.array(z.looseObject(trackerEntrySchema.shape)).max(500) });
export type FeedTrackers = z.infer<typeof feedTrackersSchema>;
