/**
 * A synthetic feed at the scale issue 13 plans for: 10,000 notices, nearly all of them drafts from a
 * regulator's list, made by the HHS OCR importer's own code (scripts/feed/import/regulator.ts) from
 * rows shaped like the portal's export (its breach types, locations and entity types, in roughly
 * the shares of the 2023–2024 export; counts from 500 to millions; report days from 2010), then
 * "reviewed" the way a maintainer would before moving a draft into feed/notices/ (portalInvolved and
 * severity decided, a data class where the draft has none). The 15 real notices in feed/notices/
 * are included as they are. The real CSV is never read here: it stays in ../shared/data.
 * Deterministic (seeded), so every run measures the same bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEED_FORMAT_VERSION } from '../../utils/feed/schema';
import { HHS_OCR } from '../feed/import/hhs-ocr';
import { draftNotices, type RegulatorRow } from '../feed/import/regulator';
import { seededRandom } from './harness';

const ROOT = join(import.meta.dirname, '../..');

export function realNotices(): Record<string, unknown>[] {
  const dir = join(ROOT, 'feed/notices');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const { $schema: _editorHint, ...notice } = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
      return notice;
    });
}

const PLACES = 'Atrium Riverside Northfield Lakeside Summit Valley Harbor Pinecrest Meadowbrook Cedar Oakwood Bayview Granite Prairie Maple Westbrook Eastgate Highland Silverlake Redwood Clearwater Fairview Brookside Hillcrest Kingsport Ashford Sterling Crescent Heritage Evergreen'.split(' ');
const KINDS = ['Family Medicine', 'Regional Health System', 'Orthopedic Associates', 'Dental Center', 'Behavioral Health', 'Community Hospital', 'Pediatrics', 'Health Plan', 'Imaging Center', 'Cardiology Group', 'Eye Care', 'Medical Billing Services', 'Pharmacy', 'Surgical Specialists', 'Women’s Health'];
const FORMS = ['', ', Inc.', ', LLC', ', P.C.', ', P.A.', ' Corporation'];
const STATES = 'CA TX NY FL PA IL OH GA NC MI NJ VA WA AZ MA TN IN MO MD WI CO MN SC AL LA KY OR OK CT UT'.split(' ');
/** [value, weight]: about the shares of the 2023–2024 export. */
const TYPES: [string, number][] = [['Hacking/IT Incident', 86], ['Unauthorized Access/Disclosure', 11], ['Theft', 1.5], ['Loss', 1], ['Improper Disposal', 0.5]];
const LOCATIONS: [string, number][] = [['Network Server', 70], ['Email', 19], ['Paper/Films', 3], ['Electronic Medical Record', 3], ['Other', 1], ['Laptop', 1], ['Desktop Computer, Network Server', 1], ['Desktop Computer', 1], ['Electronic Medical Record, Network Server', 1]];
const ENTITIES: [string, number][] = [['Healthcare Provider', 74], ['Business Associate', 17], ['Health Plan', 9]];

function rows(count: number, seed: number): RegulatorRow[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const weighted = (items: readonly [string, number][]) => {
    let left = random() * items.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of items) if ((left -= weight) <= 0) return value;
    return items[0]?.[0] ?? '';
  };
  const start = Date.UTC(2010, 0, 1);
  const span = Date.UTC(2026, 10, 30) - start;
  return Array.from({ length: count }, (_, index) => {
    const reported = new Date(start + Math.floor(random() * (span / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
    const affected = random() < 0.08 ? pick([500, 501]) : Math.round(500 * 10 ** (random() * 4.5));
    const locations = weighted(LOCATIONS).split(', ');
    return {
      line: index + 2,
      organization: `${pick(PLACES)} ${pick(PLACES)} ${pick(KINDS)}${pick(FORMS)}`,
      region: pick(STATES),
      reported,
      affected,
      breachType: weighted(TYPES),
      locations,
      entityType: weighted(ENTITIES),
      dataClasses: locations.includes('Electronic Medical Record') ? ['health-records'] : [],
    };
  });
}

/** `count` notices: the real ones, then reviewed regulator drafts. */
export function syntheticNotices(count = 10_000, seed = 13): Record<string, unknown>[] {
  const real = realNotices();
  const needed = count - real.length;
  // A few rows de-duplicate against each other or the real notices: draw a margin.
  const { drafts } = draftNotices(rows(Math.ceil(needed * 1.02) + 10, seed), HHS_OCR, real as never[], '2026-12-01');
  if (drafts.length < needed) throw new Error(`only ${drafts.length} drafts for ${needed} notices`);
  const reviewed = drafts.slice(0, needed).map((draft, index) => ({
    ...draft,
    portalInvolved: false,
    severity: draft.dataClasses.length > 0 ? 'high' : index % 3 === 0 ? 'high' : 'medium',
    // A reviewer adds classes from the organisation's own notice; here, the commonest one.
    dataClasses: draft.dataClasses.length > 0 ? draft.dataClasses : ['names'],
  }));
  return [...real, ...reviewed];
}

/** A feed payload object (not yet canonical) of `count` notices. */
export function syntheticFeed({ count = 10_000, sequence = 2, generatedAt = '2026-12-01T00:00:00.000Z' }: { count?: number; sequence?: number; generatedAt?: string } = {}): Record<string, unknown> {
  return { formatVersion: FEED_FORMAT_VERSION, sequence, generatedAt, notices: syntheticNotices(count) };
}

/** The next edition: `changed` notices edited the way a maintainer updates one (status, modified). */
export function withChangedNotices(feed: Record<string, unknown>, changed: number, sequence: number, generatedAt: string): Record<string, unknown> {
  const notices = (feed.notices as Record<string, unknown>[]).map((notice, index) =>
    index >= 15 && index < 15 + changed ? { ...notice, status: 'notified', summary: `${String(notice.summary)} Letters went out to the people affected.`.slice(0, 2000), modified: '2026-12-02' } : notice,
  );
  return { ...feed, sequence, generatedAt, notices };
}
