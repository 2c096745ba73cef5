import type { PlainKey } from '../i18n/t';
import { checkIhi, checkMedicareAu, checkNhi, checkNhsNumber, plausibleMbi, plausibleSsn, type CheckResult } from './check-digits';

/**
 * National identifiers, recognised by the FHIR `system` URI or the CDA/HL7 v2 OID that says what
 * a number is; nothing is guessed from the shape of a number alone, because a local record number
 * can look like anything. So every system and OID below is the one its publisher registers:
 * - NHI (both URIs and the OID): HL7 New Zealand's NamingSystem,
 *   https://build.fhir.org/ig/HL7NZ/nzbase/NamingSystem-nhi.html
 * - IHI (and its 16 digits, 800360 prefix and Luhn check), Medicare card and DVA numbers:
 *   HL7 Australia's AU Base profiles, https://hl7.org.au/fhir/StructureDefinition-au-ihi.html,
 *   https://hl7.org.au/fhir/StructureDefinition-au-medicarecardnumber.html and
 *   https://hl7.org.au/fhir/StructureDefinition-au-dvanumber.html
 * - NHS number: NHS England's system, as its own specifications use it, for example
 *   https://github.com/NHSDigital/national-imaging-repository-specification/blob/HEAD/input/fsh/Identifiers/NHSNumber.fsh
 * - SSN (URI and OID): HL7 Terminology, https://terminology.hl7.org/5.1.0/NamingSystem-ssn.html;
 *   HL7's example CCD puts the same OID in recordTarget,
 *   https://github.com/HL7/C-CDA-Examples/tree/HEAD/Documents/CCD
 * - MBI: HL7 Terminology, https://build.fhir.org/ig/HL7/UTG/NamingSystem-cmsMBI.html
 * - NHS number OID 2.16.840.1.113883.2.1.4.1: NHS Digital's mapping of the GP Summary (HL7 v3)
 *   to FHIR gives recordTarget/patient/id/@root "Fixed to 2.16.840.1.113883.2.1.4.1" and the FHIR
 *   system "Fixed to https://fhir.nhs.uk/Id/nhs-number"; NHS CDA documents use the same root,
 *   https://data.developer.nhs.uk/ (ITK and GP Summary specifications)
 * - Australian healthcare identifiers OID 1.2.36.1.2001.1003.0: HL7 Australia's IHI NamingSystem
 *   ("used in Australian CDA documents and OID based systems"),
 *   https://build.fhir.org/ig/hl7au/au-fhir-base/NamingSystem-ihi.html. The same root also holds
 *   HPI-I (800361…) and HPI-O (800362…) numbers of clinicians and organisations, so only a value
 *   that starts 800360 is an IHI; AU CDA documents may also append the number to the root
 *   (`root="1.2.36.1.2001.1003.0.8003608833357361"`), as the Agency's schematron checks.
 * - Medicare card number OIDs 1.2.36.1.5001.1.0.7.1 (10 digits) and 1.2.36.1.5001.1.0.7 (11
 *   digits, with the individual reference number): HL7 Australia's Medicare NamingSystem,
 *   https://build.fhir.org/ig/hl7au/au-fhir-base/NamingSystem-medicare-number.html
 * - Driver's licence and passport numbers, by HL7's OID registry arcs that Synthea and national
 *   guides use: 2.16.840.1.113883.4.3.<US state FIPS code> (a state's driver's licences) and
 *   2.16.840.1.113883.4.330.<ISO 3166 numeric country code> (a country's passports), see
 *   https://terminology.hl7.org/identifiers.html and https://www.hl7.org/oid/. A FHIR identifier
 *   whose system is unknown is placed by its `type` (v2-0203 DL, PPN …, `codes/identifier-types.json`).
 */

export type IdentifierKind = 'ssn' | 'mbi' | 'nhi' | 'ihi' | 'medicare-au' | 'dva' | 'nhs-number' | 'drivers-licence' | 'passport';

/** The root HL7 Australia gives for IHI, HPI-I and HPI-O numbers in CDA documents. */
const AU_HEALTHCARE_IDENTIFIER_ROOT = '1.2.36.1.2001.1003.0';
const IHI_PREFIX = '800360';

const digits = (value: string) => value.replace(/\D/g, '');
const upperCompact = (value: string) => value.replace(/[\s-]/g, '').toUpperCase();
const always = () => true;

export interface IdentifierType {
  kind: IdentifierKind;
  /** What patients call it: an i18n key, said by the page with `t()` (the worker has no `browser.i18n`). */
  label: PlainKey;
  /** Where it is issued; undefined for documents every country issues (passports, licences). */
  country?: 'NZ' | 'AU' | 'UK' | 'US';
  /** FHIR `Identifier.system` values. */
  systems: readonly string[];
  /** CDA `id/@root` or HL7 v2 assigning-authority OIDs. */
  oids: readonly string[];
  /** OID arcs whose every child names one issuer of this kind (one state's licences, one country's passports). */
  oidArcs?: readonly string[];
  /**
   * How a value is written down for comparison: `444-22-2222` and `444222222` are one SSN. Digits
   * only for numbers that are all digits; upper case without spaces or hyphens for the others.
   */
  normalise: (value: string) => string;
  /**
   * True when the number belongs to one person for life, so that two records with the same one
   * are the same person. An AU Medicare card number without its 11th digit is shared by a family.
   */
  identifiesPerson: (normalised: string) => boolean;
  check?: (value: string) => boolean;
  /** True when the check is a format check, not a check digit (SSN, MBI). */
  structuralOnly?: boolean;
  /** Set for identifiers that make identity theft or fraud easier: i18n keys of why, and what to do. */
  highRisk?: { why: PlainKey; whatToDo: PlainKey };
}

export const IDENTIFIER_TYPES: readonly IdentifierType[] = [
  {
    kind: 'ssn',
    label: 'exportReview.identifierKind.ssn',
    country: 'US',
    systems: ['http://hl7.org/fhir/sid/us-ssn'],
    oids: ['2.16.840.1.113883.4.1'],
    normalise: digits,
    identifiesPerson: always,
    check: plausibleSsn,
    structuralOnly: true,
    highRisk: { why: 'exportReview.highRisk.ssnWhy', whatToDo: 'exportReview.highRisk.ssnWhatToDo' },
  },
  {
    kind: 'mbi',
    label: 'exportReview.identifierKind.mbi',
    country: 'US',
    systems: ['http://hl7.org/fhir/sid/us-mbi'],
    oids: [],
    normalise: upperCompact,
    identifiesPerson: always,
    check: plausibleMbi,
    structuralOnly: true,
    highRisk: { why: 'exportReview.highRisk.mbiWhy', whatToDo: 'exportReview.highRisk.mbiWhatToDo' },
  },
  {
    kind: 'nhi',
    label: 'exportReview.identifierKind.nhi',
    country: 'NZ',
    systems: ['https://standards.digital.health.nz/ns/nhi-id', 'https://standards.digital.health.nz/id/nhi'],
    oids: ['2.16.840.1.113883.2.18.2'],
    // An NHI has letters as well as digits (ZZZ0016, ZAC12AB), so it keeps them.
    normalise: upperCompact,
    identifiesPerson: always,
    check: checkNhi,
  },
  {
    kind: 'ihi',
    label: 'exportReview.identifierKind.ihi',
    country: 'AU',
    systems: ['http://ns.electronichealth.net.au/id/hi/ihi/1.0'],
    // The shared root of all AU healthcare identifiers: `identifierTypeForOid` checks the 800360 prefix.
    oids: [AU_HEALTHCARE_IDENTIFIER_ROOT],
    normalise: digits,
    identifiesPerson: always,
    check: checkIhi,
  },
  {
    kind: 'medicare-au',
    label: 'exportReview.identifierKind.medicareAu',
    country: 'AU',
    systems: ['http://ns.electronichealth.net.au/id/medicare-number'],
    oids: ['1.2.36.1.5001.1.0.7', '1.2.36.1.5001.1.0.7.1'],
    normalise: digits,
    identifiesPerson: (value) => value.length === 11,
    check: checkMedicareAu,
    highRisk: { why: 'exportReview.highRisk.medicareAuWhy', whatToDo: 'exportReview.highRisk.medicareAuWhatToDo' },
  },
  {
    kind: 'dva',
    label: 'exportReview.identifierKind.dva',
    country: 'AU',
    systems: ['http://ns.electronichealth.net.au/id/dva'],
    oids: [],
    normalise: upperCompact,
    identifiesPerson: always,
  },
  {
    kind: 'nhs-number',
    label: 'exportReview.identifierKind.nhsNumber',
    country: 'UK',
    systems: ['https://fhir.nhs.uk/Id/nhs-number'],
    oids: ['2.16.840.1.113883.2.1.4.1'],
    normalise: digits,
    identifiesPerson: always,
    check: checkNhsNumber,
  },
  {
    kind: 'drivers-licence',
    label: 'exportReview.identifierKind.driversLicence',
    systems: [],
    oids: [],
    oidArcs: ['2.16.840.1.113883.4.3'],
    normalise: upperCompact,
    identifiesPerson: always,
    highRisk: { why: 'exportReview.highRisk.driversLicenceWhy', whatToDo: 'exportReview.highRisk.driversLicenceWhatToDo' },
  },
  {
    kind: 'passport',
    label: 'exportReview.identifierKind.passport',
    systems: [],
    oids: [],
    oidArcs: ['2.16.840.1.113883.4.330'],
    normalise: upperCompact,
    identifiesPerson: always,
    highRisk: { why: 'exportReview.highRisk.passportWhy', whatToDo: 'exportReview.highRisk.passportWhatToDo' },
  },
];

const bySystem = new Map<string, IdentifierType>();
const byOid = new Map<string, IdentifierType>();
for (const type of IDENTIFIER_TYPES) {
  for (const system of type.systems) bySystem.set(system, type);
  for (const oid of type.oids) {
    // The AU root is shared with clinicians' numbers: only `identifierFromCdaId` may read it.
    if (oid === AU_HEALTHCARE_IDENTIFIER_ROOT) continue;
    byOid.set(oid, type);
    // FHIR may carry an OID as the system: `urn:oid:2.16.840.1.113883.4.1`.
    bySystem.set(`urn:oid:${oid}`, type);
  }
}

export function identifierTypeForSystem(system: string): IdentifierType | undefined {
  const trimmed = system.trim();
  const known = bySystem.get(trimmed);
  if (known) return known;
  // `urn:oid:2.16.840.1.113883.4.3.25`: Synthea's Massachusetts driver's licences.
  return /^urn:oid:/i.test(trimmed) ? identifierTypeForOid(trimmed.slice(8)) : undefined;
}

/** The kind of number a CDA `id/@root` or HL7 v2 assigning authority names, if it is one we know. */
export function identifierTypeForOid(oid: string): IdentifierType | undefined {
  const root = oid.trim();
  const exact = byOid.get(root);
  if (exact) return exact;
  // A child of an arc names one issuer: 2.16.840.1.113883.4.3.6 is California's licences.
  for (const type of IDENTIFIER_TYPES) {
    if (type.oidArcs?.some((arc) => root.startsWith(`${arc}.`) && /^\d+$/.test(root.slice(arc.length + 1)))) return type;
  }
  return undefined;
}

/**
 * A CDA `id` read as a national identifier: its kind and value, or undefined. Handles the AU
 * healthcare identifier root, whose value is an IHI only when it starts 800360, and the AU form
 * that appends the number to the root with no extension.
 */
export function identifierFromCdaId(root: string | undefined, extension: string | undefined): { type: IdentifierType; value: string } | undefined {
  const oid = root?.trim() ?? '';
  const value = extension?.trim() ?? '';
  if (oid === AU_HEALTHCARE_IDENTIFIER_ROOT || oid.startsWith(`${AU_HEALTHCARE_IDENTIFIER_ROOT}.`)) {
    const number = oid === AU_HEALTHCARE_IDENTIFIER_ROOT ? digits(value) : oid.slice(AU_HEALTHCARE_IDENTIFIER_ROOT.length + 1);
    return number.startsWith(IHI_PREFIX) ? { type: identifierType('ihi'), value: value || number } : undefined;
  }
  const type = oid ? identifierTypeForOid(oid) : undefined;
  return type && value ? { type, value } : undefined;
}

/** The value as compared across files: `444-22-2222` → `444222222`. */
export function normaliseIdentifier(kind: IdentifierKind, value: string): string {
  return identifierType(kind).normalise(value.trim());
}

export function identifierType(kind: IdentifierKind): IdentifierType {
  return IDENTIFIER_TYPES.find((type) => type.kind === kind)!;
}

export function checkIdentifier(type: IdentifierType, value: string): CheckResult {
  if (!type.check) return 'no-check-digit';
  return type.check(value) ? 'valid' : 'invalid';
}

/**
 * The value with all but its last few characters hidden, keeping the way it is grouped:
 * `444222222` → `***-**-2222`, `943 476 5919` → `*** *** 5919`, `ZZZ0016` → `*****16`.
 */
export function maskIdentifier(kind: IdentifierKind | 'other', value: string): string {
  const trimmed = value.trim();
  if (kind === 'ssn') {
    const digits = trimmed.replace(/\D/g, '');
    if (digits.length === 9) return `***-**-${digits.slice(5)}`;
  }
  const significant = trimmed.replace(/[\s-]/g, '').length;
  const keep = significant >= 9 ? 4 : significant >= 5 ? 2 : 0;
  let seen = 0;
  return trimmed.replace(/[^\s-]/g, (char) => (++seen > significant - keep ? char : '*'));
}
