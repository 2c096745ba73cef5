import type { CheckResult } from './check-digits';
import type { FhirVersion } from './fhir-versions';
import type { IdentifierKind } from './identifiers';
import type { PatientRecord, PersonField } from './patients';
import type { ReviewMessage } from './review-message';

/**
 * The kinds below map to their i18n keys (utils/i18n/locales/en.yml), not to words: this module
 * is shared with the worker, which has no `browser.i18n`, so the page says `t(CATEGORIES[id])`.
 *
 * What a review finds, as plain data: it crosses from the worker to the page with
 * `postMessage`, and nothing in it is ever stored or sent anywhere. Identifier values are the
 * only sensitive strings in it; the page masks them and the printable summary leaves them out.
 */

export const CATEGORIES = {
  problems: 'exportReview.category.problems',
  medications: 'exportReview.category.medications',
  allergies: 'exportReview.category.allergies',
  results: 'exportReview.category.results',
  'vital-signs': 'exportReview.category.vitalSigns',
  immunisations: 'exportReview.category.immunisations',
  procedures: 'exportReview.category.procedures',
  encounters: 'exportReview.category.encounters',
  appointments: 'exportReview.category.appointments',
  'care-plans': 'exportReview.category.carePlans',
  'social-history': 'exportReview.category.socialHistory',
  'family-history': 'exportReview.category.familyHistory',
  'mental-health': 'exportReview.category.mentalHealth',
  'advance-directives': 'exportReview.category.advanceDirectives',
  messages: 'exportReview.category.messages',
  insurance: 'exportReview.category.insurance',
  claims: 'exportReview.category.claims',
  providers: 'exportReview.category.providers',
  other: 'exportReview.category.other',
} as const;
export type Category = keyof typeof CATEGORIES;

export const IDENTITY_FIELDS = {
  names: 'exportReview.identityField.names',
  'birth-dates': 'exportReview.identityField.birthDates',
  addresses: 'exportReview.identityField.addresses',
  phones: 'exportReview.identityField.phones',
  emails: 'exportReview.identityField.emails',
  genders: 'exportReview.identityField.genders',
  contacts: 'exportReview.identityField.contacts',
} as const;
export type IdentityField = keyof typeof IDENTITY_FIELDS;

export const DOCUMENT_KINDS = {
  'discharge-summary': 'exportReview.documentKind.dischargeSummary',
  'referral-note': 'exportReview.documentKind.referralNote',
  'consult-note': 'exportReview.documentKind.consultNote',
  'history-and-physical': 'exportReview.documentKind.historyAndPhysical',
  'progress-note': 'exportReview.documentKind.progressNote',
  'procedure-note': 'exportReview.documentKind.procedureNote',
  'lab-report': 'exportReview.documentKind.labReport',
  'operative-note': 'exportReview.documentKind.operativeNote',
  'imaging-report': 'exportReview.documentKind.imagingReport',
  'transfer-summary': 'exportReview.documentKind.transferSummary',
  'care-plan': 'exportReview.documentKind.carePlan',
  ccd: 'exportReview.documentKind.ccd',
  'device-measurements': 'exportReview.documentKind.deviceMeasurements',
  'clinical-document': 'exportReview.documentKind.clinicalDocument',
  pdf: 'exportReview.documentKind.pdf',
  image: 'exportReview.documentKind.image',
  'other-file': 'exportReview.documentKind.otherFile',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export interface FoundIdentifier {
  kind: IdentifierKind;
  value: string;
  check: CheckResult;
  /** Where it was found: the page says "Patient record (FHIR Patient.identifier)" in the patient's language. */
  where: WhereFound;
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
  /** A CDA document whose body is an embedded file (nonXMLBody), such as a scanned letter. */
  embeddedFile?: boolean;
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
   * Each patient record as opaque hashes of its identifiers, names and date of birth
   * (`patients.ts`), so that the same person in several documents or files is counted once.
   * Never an identifier itself.
   */
  patientRecords: PatientRecord[];
  /** When `patients` > 1: the fields on which those people's records disagree. */
  patientsDifferIn: PersonField[];
  /** More distinct patients than `patientRecords` keeps (a bulk export): `patients` is then a floor. */
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

export const FORMATS = {
  'fhir-json': 'exportReview.format.fhirJson',
  'fhir-ndjson': 'exportReview.format.fhirNdjson',
  cda: 'exportReview.format.cda',
  xdm: 'exportReview.format.xdm',
  'apple-health': 'exportReview.format.appleHealth',
  'apple-health-xml': 'exportReview.format.appleHealthXml',
  zip: 'exportReview.format.zip',
  pdf: 'exportReview.format.pdf',
  image: 'exportReview.format.image',
  unknown: 'exportReview.format.unknown',
} as const satisfies Record<FormatId, string>;

/** Where in a file an identifier was found, for the identifier table's "Found in" column. */
export const WHERE_FOUND = {
  'fhir-patient': 'exportReview.whereFound.fhirPatient',
  'cda-patient-role': 'exportReview.whereFound.cdaPatientRole',
  'cda-entity-identifier': 'exportReview.whereFound.cdaEntityIdentifier',
  'xdm-metadata': 'exportReview.whereFound.xdmMetadata',
} as const;
export type WhereFound = keyof typeof WHERE_FOUND;

export type Outcome = 'reviewed' | 'listed' | 'unrecognised' | 'refused' | 'failed' | 'cancelled';

export interface FileReview {
  name: string;
  size: number;
  lastModified?: number;
  format: FormatId;
  outcome: Outcome;
  /** Why a file was refused, failed or not recognised: a code and its parameters, put into words by the page. */
  message?: ReviewMessage;
  errorCode?: string;
  /** Things the patient should know that did not stop the review (skipped items, bad entries). */
  warnings: ReviewMessage[];
  findings: Findings;
  /** For zips: how many of its files were read, of how many. */
  zipEntries?: { read: number; total: number };
}

export function emptyFindings(): Findings {
  return { patients: 0, patientRecords: [], patientsDifferIn: [], patientsOverCap: false, fhirVersions: [], identity: {}, identifiers: [], recordNumbers: 0, categories: {}, documents: [], documentsNotListed: 0 };
}
