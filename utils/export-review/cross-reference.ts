import { dataClassLabel } from '../feed/data-class-label';
import { formatNumber, formatPeriod } from '../i18n/format';
import { t, type PlainKey } from '../i18n/t';
import { partialDateBounds, type DataClass, type Notice } from '../feed/schema';
import type { IdentifierKind } from './identifiers';
import type { Category, CategoryCount, DocumentKind, Findings, IdentityField } from './model';

/**
 * What a breach notice says was taken, set against what this export holds: for each data class
 * in the notice, whether the export has it (and how much), and for classes the notice dates
 * ("referral letters from 2017 to 2019"), how many items of the export fall in that window.
 */

type Measure =
  | { identity: IdentityField[] }
  | { identifiers: IdentifierKind[] }
  | { recordNumbers: true }
  | { categories: Category[]; documents?: DocumentKind[] }
  | { documents: DocumentKind[] | 'all' }
  | { notInExports: PlainKey };

const LETTERS: DocumentKind[] = ['referral-note', 'discharge-summary', 'transfer-summary', 'consult-note', 'progress-note'];
const CLINICAL: DocumentKind[] = ['ccd', 'discharge-summary', 'transfer-summary', 'referral-note', 'consult-note', 'history-and-physical', 'progress-note', 'procedure-note', 'operative-note', 'imaging-report', 'care-plan', 'lab-report', 'clinical-document'];
const NATIONAL: IdentifierKind[] = ['nhi', 'ihi', 'medicare-au', 'dva', 'nhs-number', 'mbi'];

/** How each data class of the feed's vocabulary shows up in an export, if it can. */
export const MEASURES: Record<DataClass, Measure> = {
  names: { identity: ['names'] },
  'dates-of-birth': { identity: ['birth-dates'] },
  'email-addresses': { identity: ['emails'] },
  'phone-numbers': { identity: ['phones'] },
  'physical-addresses': { identity: ['addresses'] },
  'contact-details': { identity: ['phones', 'emails', 'addresses'] },
  genders: { identity: ['genders'] },
  'family-tree': { identity: ['contacts'] },
  'social-security-numbers': { identifiers: ['ssn'] },
  'government-issued-ids': { identifiers: ['ssn', 'mbi', 'medicare-au', 'nhi', 'nhs-number', 'ihi', 'dva', 'drivers-licence', 'passport'] },
  'national-health-identifiers': { identifiers: NATIONAL },
  'medical-record-numbers': { recordNumbers: true },
  'clinical-documents': { documents: CLINICAL },
  'discharge-summaries': { documents: ['discharge-summary'] },
  'referral-letters': { documents: ['referral-note'] },
  'clinical-letters': { documents: LETTERS },
  'uploaded-documents': { documents: ['pdf', 'image'] },
  'health-records': { categories: ['problems', 'medications', 'allergies', 'results', 'vital-signs', 'immunisations', 'procedures', 'encounters'] },
  'health-insurance': { categories: ['insurance'] },
  'claims-data': { categories: ['claims'] },
  diagnoses: { categories: ['problems'] },
  'test-results': { categories: ['results'], documents: ['lab-report', 'imaging-report'] },
  prescriptions: { categories: ['medications'] },
  medications: { categories: ['medications'] },
  appointments: { categories: ['appointments'] },
  'secure-messages': { categories: ['messages'] },
  'mental-health-information': { categories: ['mental-health'] },
  'treatment-information': { categories: ['procedures', 'care-plans'], documents: ['operative-note', 'procedure-note', 'care-plan'] },
  'provider-details': { categories: ['providers'] },
  'genetic-data': { notInExports: 'exportReview.crossReference.notInExports.geneticData' },
  ethnicities: { notInExports: 'exportReview.crossReference.notInExports.ethnicities' },
  passwords: { notInExports: 'exportReview.crossReference.notInExports.passwords' },
  usernames: { notInExports: 'exportReview.crossReference.notInExports.usernames' },
  credentials: { notInExports: 'exportReview.crossReference.notInExports.credentials' },
  'ip-addresses': { notInExports: 'exportReview.crossReference.notInExports.ipAddresses' },
  'passport-numbers': { identifiers: ['passport'] },
  'drivers-licenses': { identifiers: ['drivers-licence'] },
  'financial-data': { notInExports: 'exportReview.crossReference.notInExports.financialData' },
  'payment-details': { notInExports: 'exportReview.crossReference.notInExports.paymentDetails' },
  'browsing-activity': { notInExports: 'exportReview.crossReference.notInExports.browsingActivity' },
  'search-terms': { notInExports: 'exportReview.crossReference.notInExports.searchTerms' },
};

export interface DataClassRow {
  dataClass: DataClass;
  label: string;
  /** Listed by the notice as affected, or as not affected. */
  notice: 'affected' | 'not-affected';
  status: 'in-export' | 'not-in-export' | 'cannot-check';
  /** How many items of this kind the export holds (for `in-export`). */
  count: number;
  /** Why it cannot be checked from a file (for `cannot-check`). */
  why?: string;
  /** What the files hold, in a few words, for a table cell: "3 (3 dated 2017–2019)". */
  inFiles: string;
  window?: { from: string; to: string; label: string; inWindow: number; undated: number };
  noticeNote?: string;
}

export interface CrossReference {
  noticeId: string;
  title: string;
  rows: DataClassRow[];
  /** The windowed rows that found something, said in full: the headline. */
  headlines: Headline[];
}

/** "The notice says referral letters from 2017–2019 were affected. Your export has 3 …", and, as a sentence of its own, how many more have no date. */
export interface Headline {
  dataClass: DataClass;
  text: string;
  undated?: string;
}

function identifierCount(findings: Findings, kinds: readonly IdentifierKind[]): number {
  return findings.identifiers.filter((found) => kinds.includes(found.kind)).length;
}

function documentsOf(findings: Findings, kinds: readonly DocumentKind[] | 'all') {
  return findings.documents.filter((document) => kinds === 'all' || kinds.includes(document.kind));
}

function inWindow(date: string, first: string, last: string): boolean {
  const bounds = partialDateBounds(date);
  return bounds.first >= first && bounds.last <= last;
}

/**
 * The headline for a data class the notice dates, when the export has items in that period: one
 * whole message per class, with the class's own noun in its plural forms ("1 referral letter",
 * "3 referral letters"), so no sentence is built around a label. Only classes measured by
 * categories or documents can be dated (`MEASURES`); `cross-reference.test.ts` checks each has one.
 */
export const WINDOW_HEADLINES = {
  'clinical-documents': 'exportReview.crossReference.window.clinicalDocuments',
  'discharge-summaries': 'exportReview.crossReference.window.dischargeSummaries',
  'referral-letters': 'exportReview.crossReference.window.referralLetters',
  'clinical-letters': 'exportReview.crossReference.window.clinicalLetters',
  'uploaded-documents': 'exportReview.crossReference.window.uploadedDocuments',
  'health-records': 'exportReview.crossReference.window.healthRecords',
  'health-insurance': 'exportReview.crossReference.window.healthInsurance',
  'claims-data': 'exportReview.crossReference.window.claimsData',
  diagnoses: 'exportReview.crossReference.window.diagnoses',
  'test-results': 'exportReview.crossReference.window.testResults',
  prescriptions: 'exportReview.crossReference.window.prescriptions',
  medications: 'exportReview.crossReference.window.medications',
  appointments: 'exportReview.crossReference.window.appointments',
  'secure-messages': 'exportReview.crossReference.window.secureMessages',
  'mental-health-information': 'exportReview.crossReference.window.mentalHealthInformation',
  'treatment-information': 'exportReview.crossReference.window.treatmentInformation',
  'provider-details': 'exportReview.crossReference.window.providerDetails',
} as const satisfies Partial<Record<DataClass, string>>;

function windowHeadline(dataClass: DataClass, within: number, undated: number, window: string): Headline | undefined {
  if (!Object.prototype.hasOwnProperty.call(WINDOW_HEADLINES, dataClass)) return undefined;
  const key = WINDOW_HEADLINES[dataClass as keyof typeof WINDOW_HEADLINES];
  return {
    dataClass,
    text: t(key, within, { count: formatNumber(within), window }),
    ...(undated > 0 ? { undated: t('exportReview.crossReference.alsoUndated', undated, { count: formatNumber(undated) }) } : {}),
  };
}

export function crossReference(notice: Notice, findings: Findings): CrossReference {
  const details = new Map((notice.dataClassDetails ?? []).map((detail) => [detail.dataClass, detail]));
  const rows: DataClassRow[] = [];
  const headlines: Headline[] = [];
  const classes: [DataClass, 'affected' | 'not-affected'][] = [
    ...notice.dataClasses.map((dataClass) => [dataClass, 'affected'] as [DataClass, 'affected']),
    ...(notice.notAffected ?? []).map((dataClass) => [dataClass, 'not-affected'] as [DataClass, 'not-affected']),
  ];
  for (const [dataClass, listed] of classes) {
    const label = dataClassLabel(dataClass);
    const measure = MEASURES[dataClass];
    const detail = details.get(dataClass);
    const row: DataClassRow = { dataClass, label, notice: listed, status: 'cannot-check', count: 0, inFiles: t('exportReview.crossReference.cannotCheck'), ...(detail?.note ? { noticeNote: detail.note } : {}) };

    if ('notInExports' in measure) {
      row.why = t(measure.notInExports);
    } else {
      let count = 0;
      let dated: { dates: Record<string, number>; undated: number } | undefined;
      if ('identity' in measure) {
        count = measure.identity.reduce((sum, field) => sum + (findings.identity[field] ?? 0), 0);
      } else if ('identifiers' in measure) {
        count = identifierCount(findings, measure.identifiers);
      } else if ('recordNumbers' in measure) {
        count = findings.recordNumbers;
      } else {
        const categories: CategoryCount[] = 'categories' in measure ? measure.categories.map((category) => findings.categories[category]).filter((c): c is CategoryCount => !!c) : [];
        const documents = measure.documents ? documentsOf(findings, measure.documents) : [];
        count = categories.reduce((sum, c) => sum + c.count, 0) + documents.length;
        dated = { dates: {}, undated: 0 };
        for (const c of categories) {
          dated.undated += c.undated;
          for (const [date, n] of Object.entries(c.dates)) dated.dates[date] = (dated.dates[date] ?? 0) + n;
        }
        for (const document of documents) {
          if (document.date) dated.dates[document.date] = (dated.dates[document.date] ?? 0) + 1;
          else dated.undated++;
        }
      }
      row.count = count;
      row.status = count > 0 ? 'in-export' : 'not-in-export';
      row.inFiles = count === 0 ? t('exportReview.crossReference.noneFound') : 'identity' in measure ? t('exportReview.crossReference.yes') : formatNumber(count);

      const window = detail?.documentWindow;
      if (window && dated && listed === 'affected') {
        const first = partialDateBounds(window.from).first;
        const last = partialDateBounds(window.to).last;
        const within = Object.entries(dated.dates).reduce((sum, [date, n]) => sum + (inWindow(date, first, last) ? n : 0), 0);
        const span = formatPeriod(window.from, window.to);
        row.window = { from: window.from, to: window.to, label: span, inWindow: within, undated: dated.undated };
        row.inFiles = count === 0 ? t('exportReview.crossReference.noneFound') : t('exportReview.crossReference.countInWindow', { count: formatNumber(count), within: formatNumber(within), window: span });
        const headline = within > 0 ? windowHeadline(dataClass, within, dated.undated, span) : undefined;
        if (headline) headlines.push(headline);
      }
    }
    rows.push(row);
  }
  return { noticeId: notice.id, title: notice.title, rows, headlines };
}
