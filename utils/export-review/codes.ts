import type { Category, DocumentKind } from './model';

/**
 * Codes that say what a document or a section is. They are public, so each can be checked where
 * it is published:
 * - LOINC document and section codes: LOINC's page for each code (https://loinc.org/34133-9/ …),
 *   and the section table of Health Samurai's C-CDA converter, which also lists the note codes
 *   (11488-4, 34117-2, 11506-3, 28570-0, 11502-2),
 *   https://github.com/HealthSamurai/documentation/blob/HEAD/modules-1/integration-toolkit/ccda-converter/sections/README.md
 * - C-CDA templateIds (CCD, discharge summary, referral note, US Realm Header): HL7's example
 *   documents, https://github.com/HL7/C-CDA-Examples/tree/HEAD/Documents
 */

export const LOINC_SYSTEM_OID = '2.16.840.1.113883.6.1';
export const LOINC_SYSTEM_URI = 'http://loinc.org';

/** LOINC document type codes (ClinicalDocument/code, DocumentReference.type, Composition.type). */
export const DOCUMENT_CODES: Record<string, DocumentKind> = {
  '34133-9': 'ccd',
  '18842-5': 'discharge-summary',
  '57133-1': 'referral-note',
  '11488-4': 'consult-note',
  '34117-2': 'history-and-physical',
  '11506-3': 'progress-note',
  '28570-0': 'procedure-note',
  '11502-2': 'lab-report',
};

/** C-CDA document templateIds, used when a document's code is missing or local. */
export const DOCUMENT_TEMPLATES: Record<string, DocumentKind> = {
  '2.16.840.1.113883.10.20.22.1.2': 'ccd',
  '2.16.840.1.113883.10.20.22.1.8': 'discharge-summary',
  '2.16.840.1.113883.10.20.22.1.14': 'referral-note',
};

/** The US Realm Header every C-CDA document carries. */
export const US_REALM_HEADER = '2.16.840.1.113883.10.20.22.1.1';

/** C-CDA section LOINC codes → summary category (sections that are narrative about care go to `other`). */
export const SECTION_CODES: Record<string, { category: Category; title: string }> = {
  '48765-2': { category: 'allergies', title: 'Allergies and intolerances' },
  '10160-0': { category: 'medications', title: 'Medications' },
  '11450-4': { category: 'problems', title: 'Problems' },
  '30954-2': { category: 'results', title: 'Results' },
  '8716-3': { category: 'vital-signs', title: 'Vital signs' },
  '11369-6': { category: 'immunisations', title: 'Immunizations' },
  '47519-4': { category: 'procedures', title: 'Procedures' },
  '46240-8': { category: 'encounters', title: 'Encounters' },
  '29762-2': { category: 'social-history', title: 'Social history' },
  '10157-6': { category: 'family-history', title: 'Family history' },
  '47420-5': { category: 'other', title: 'Functional status' },
  '10190-7': { category: 'mental-health', title: 'Mental status' },
  '18776-5': { category: 'care-plans', title: 'Plan of treatment' },
  '61146-7': { category: 'care-plans', title: 'Goals' },
  '75310-3': { category: 'problems', title: 'Health concerns' },
  '46264-8': { category: 'other', title: 'Medical equipment' },
  '48768-6': { category: 'insurance', title: 'Payers' },
  '51848-0': { category: 'other', title: 'Assessment' },
  '8648-8': { category: 'encounters', title: 'Hospital course' },
  '8653-8': { category: 'care-plans', title: 'Hospital discharge instructions' },
  '61144-2': { category: 'other', title: 'Nutrition' },
};
