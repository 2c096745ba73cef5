import type { CheckResult } from './check-digits';
import type { FhirVersion } from './fhir-versions';
import type { IdentifierKind } from './identifiers';

/**
 * What a review finds, as plain data: it crosses from the worker to the page with
 * `postMessage`, and nothing in it is ever stored or sent anywhere. Identifier values are the
 * only sensitive strings in it; the page masks them and the printable summary leaves them out.
 */

export const CATEGORIES = {
  problems: 'Problems and diagnoses',
  medications: 'Medications and prescriptions',
  allergies: 'Allergies',
  results: 'Test results',
  'vital-signs': 'Vital signs (blood pressure, weight …)',
  immunisations: 'Immunisations',
  procedures: 'Procedures and operations',
  encounters: 'Visits and hospital stays',
  appointments: 'Appointments',
  'care-plans': 'Care plans, goals and referrals',
  'social-history': 'Social history (smoking, alcohol …)',
  'family-history': 'Family history',
  'mental-health': 'Mental health',
  messages: 'Messages',
  insurance: 'Insurance',
  claims: 'Insurance claims',
  providers: 'Doctors, clinics and other providers',
  other: 'Other records',
} as const;
export type Category = keyof typeof CATEGORIES;

export const IDENTITY_FIELDS = {
  names: 'Names',
  'birth-dates': 'Date of birth',
  addresses: 'Addresses',
  phones: 'Phone numbers',
  emails: 'Email addresses',
  genders: 'Gender or sex',
  contacts: 'Next of kin and emergency contacts',
} as const;
export type IdentityField = keyof typeof IDENTITY_FIELDS;

export const DOCUMENT_KINDS = {
  'discharge-summary': 'Discharge summary',
  'referral-note': 'Referral letter',
  'consult-note': 'Consultation note',
  'history-and-physical': 'History and physical',
  'progress-note': 'Progress note',
  'procedure-note': 'Procedure note',
  'lab-report': 'Laboratory report',
  ccd: 'Summary of care (CCD)',
  'device-measurements': 'Device measurements (Apple Health)',
  'clinical-document': 'Clinical document',
  pdf: 'PDF document',
  image: 'Image',
  'other-file': 'Other file',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export interface FoundIdentifier {
  kind: IdentifierKind;
  value: string;
  check: CheckResult;
  /** Where it was found, for the patient: "Patient record", "Document header (patientRole)". */
  where: string;
}

export interface FoundDocument {
  kind: DocumentKind;
  /** A title from the document's own coding or metadata, never its narrative text. */
  title?: string;
  date?: string;
  /** The file, or `export.zip › IHE_XDM/SUBSET01/DOC0001.XML`. */
  path: string;
  size?: number;
  mimeType?: string;
  /** The file's own date (download or packaging), which is not when the care happened. */
  fileDate?: string;
}

/** Items in one category; `dates` counts items per partial date (`2019`, `2019-03`, `2019-03-12`). */
export interface CategoryCount {
  count: number;
  undated: number;
  dates: Record<string, number>;
}

export interface Findings {
  /** Distinct patients (FHIR Patient resources, CDA recordTargets). More than one is worth saying. */
  patients: number;
  /**
   * One opaque key per distinct patient (a hash of their first identifier), so that the same
   * person in several documents or files is counted once. Never an identifier itself.
   */
  patientKeys: string[];
  /** More distinct patients than `patientKeys` keeps (a bulk export): `patients` is then a floor. */
  patientsOverCap: boolean;
  /** FHIR versions the files were written in, where they showed it (`fhir-versions.ts`). */
  fhirVersions: FhirVersion[];
  identity: Partial<Record<IdentityField, number>>;
  identifiers: FoundIdentifier[];
  /** Other identifiers on the patient: medical record numbers, insurer member numbers. */
  recordNumbers: number;
  categories: Partial<Record<Category, CategoryCount>>;
  documents: FoundDocument[];
  /** Documents found beyond `maxListedDocuments`: counted, not listed. */
  documentsNotListed: number;
  /** First and last clinical date (birth dates excluded). */
  firstDate?: string;
  lastDate?: string;
}

export type FormatId = 'fhir-json' | 'fhir-ndjson' | 'cda' | 'xdm' | 'apple-health' | 'apple-health-xml' | 'zip' | 'pdf' | 'image' | 'unknown';

export const FORMAT_LABELS: Record<FormatId, string> = {
  'fhir-json': 'FHIR record (JSON)',
  'fhir-ndjson': 'FHIR bulk export (NDJSON)',
  cda: 'C-CDA clinical document (XML)',
  xdm: 'IHE XDM package (zip)',
  'apple-health': 'Apple Health export (zip)',
  'apple-health-xml': 'Apple Health export.xml (without its zip)',
  zip: 'Zip archive',
  pdf: 'PDF document',
  image: 'Image',
  unknown: 'Not recognised',
};

export type Outcome = 'reviewed' | 'listed' | 'unrecognised' | 'refused' | 'failed' | 'cancelled';

export interface FileReview {
  name: string;
  size: number;
  lastModified?: number;
  format: FormatId;
  outcome: Outcome;
  /** Why a file was refused, failed or not recognised, in plain words. */
  message?: string;
  errorCode?: string;
  /** Things the patient should know that did not stop the review (skipped items, bad entries). */
  warnings: string[];
  findings: Findings;
  /** For CDA: the document type; for zips: how many entries were read. */
  detail?: string;
}

export function emptyFindings(): Findings {
  return { patients: 0, patientKeys: [], patientsOverCap: false, fhirVersions: [], identity: {}, identifiers: [], recordNumbers: 0, categories: {}, documents: [], documentsNotListed: 0 };
}
