import documentTypes from './codes/document-types.json';
import identifierTypes from './codes/identifier-types.json';
import mentalHealthCodes from './codes/mental-health-codes.json';
import sectionTypes from './codes/section-types.json';
import type { DocumentTypesFile, IdentifierTypesFile, MentalHealthCodesFile, SectionTypesFile } from './codes/schema';
import type { IdentifierKind } from './identifiers';
import type { Category, DocumentKind } from './model';

/**
 * Codes that say what a document, a section or an identifier is, read from the data files in
 * `codes/` (each entry with its public source: HL7 C-CDA, HL7 v2 table 0203, LOINC, SNOMED CT,
 * ICD-10). The files are checked against `codes/schema.ts` by codes.test.ts; here they are only
 * typed and indexed. Indexes have no prototype, so a code such as `constructor` finds nothing.
 */

export const LOINC_SYSTEM_OID = '2.16.840.1.113883.6.1';
export const LOINC_SYSTEM_URI = 'http://loinc.org';

/** The US Realm Header every C-CDA document carries. */
export const US_REALM_HEADER = '2.16.840.1.113883.10.20.22.1.1';

function index<T>(entries: Iterable<[string, T]>): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) record[key] = value;
  return record;
}

const DOCUMENTS = (documentTypes as DocumentTypesFile).documentTypes;
const SECTIONS = (sectionTypes as SectionTypesFile).sections;

/** LOINC document type codes (ClinicalDocument/code, DocumentReference.type, Composition.type, XDM typeCode). */
export const DOCUMENT_CODES: Record<string, DocumentKind> = index(DOCUMENTS.flatMap((type) => type.loinc.map((code) => [code, type.kind] as [string, DocumentKind])));

/** C-CDA document templateIds, used when a document's code is missing or local. */
export const DOCUMENT_TEMPLATES: Record<string, DocumentKind> = index(DOCUMENTS.flatMap((type) => type.templates.map((root) => [root, type.kind] as [string, DocumentKind])));

export interface SectionType {
  category: Category;
  title: string;
}

/** C-CDA section LOINC codes → the kind of information the section holds. */
export const SECTION_CODES: Record<string, SectionType> = index(SECTIONS.flatMap((section) => section.loinc.map((code) => [code, { category: section.category, title: section.title }] as [string, SectionType])));

/** C-CDA section templateIds, for a section whose code is missing or local. */
export const SECTION_TEMPLATES: Record<string, SectionType> = index(SECTIONS.flatMap((section) => section.templates.map((root) => [root, { category: section.category, title: section.title }] as [string, SectionType])));

const IDENTIFIER_TYPE_FILE = identifierTypes as IdentifierTypesFile;
export type IdentifierRole = IdentifierKind | 'record-number' | 'member-number';

/** HL7 v2 table 0203 code → what the number is, for a FHIR identifier whose system is unknown. */
export const IDENTIFIER_TYPE_CODES: Record<string, IdentifierRole> = index(IDENTIFIER_TYPE_FILE.types.map((type) => [type.code, type.kind]));

/** The kind an `Identifier.type` names, if it is coded in table 0203 (R4, STU3 or DSTU2 system, or no system). */
export function identifierRoleForType(codings: readonly { system?: unknown; code?: unknown }[]): IdentifierRole | undefined {
  for (const coding of codings) {
    if (typeof coding.code !== 'string') continue;
    if (coding.system !== undefined && !IDENTIFIER_TYPE_FILE.systems.includes(String(coding.system))) continue;
    const role = IDENTIFIER_TYPE_CODES[coding.code.trim()];
    if (role) return role;
  }
  return undefined;
}

const MENTAL = mentalHealthCodes as MentalHealthCodesFile;
const MENTAL_CODES = index(MENTAL.codes.map((entry) => [`${entry.system}|${entry.code}`, true]));
/** System URI or OID (also as `urn:oid:`) → its family: one lookup per coded element of a C-CDA entry. */
const SYSTEM_FAMILIES = index(
  (['snomed', 'loinc', 'icd10'] as const).flatMap((family) => MENTAL.systems[family].flatMap((system) => [[system, family], [`urn:oid:${system}`, family]] as [string, typeof family][])),
);
const systemFamily = (system: string) => SYSTEM_FAMILIES[system] ?? SYSTEM_FAMILIES[system.trim()];

/** True when a coding (FHIR system URI or CDA codeSystem OID) names mental health information. */
export function isMentalHealthCode(system: string | undefined, code: string | undefined): boolean {
  if (!system || !code) return false;
  const family = systemFamily(system);
  if (!family) return false;
  if (family === 'icd10') return MENTAL.icd10Prefixes.some((prefix) => code.trim().toUpperCase().startsWith(prefix));
  return MENTAL_CODES[`${family}|${code.trim()}`] === true;
}
