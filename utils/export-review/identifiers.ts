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
 */

export type IdentifierKind = 'ssn' | 'mbi' | 'nhi' | 'ihi' | 'medicare-au' | 'dva' | 'nhs-number';

export interface IdentifierType {
  kind: IdentifierKind;
  /** What patients call it. */
  label: string;
  country: 'NZ' | 'AU' | 'UK' | 'US';
  /** FHIR `Identifier.system` values. */
  systems: readonly string[];
  /** CDA `id/@root` or HL7 v2 assigning-authority OIDs. */
  oids: readonly string[];
  check?: (value: string) => boolean;
  /** True when the check is a format check, not a check digit (SSN, MBI). */
  structuralOnly?: boolean;
  /** Set for identifiers that make identity theft or fraud easier, with what to do. */
  highRisk?: { why: string; whatToDo: string };
}

export const IDENTIFIER_TYPES: readonly IdentifierType[] = [
  {
    kind: 'ssn',
    label: 'US Social Security number',
    country: 'US',
    systems: ['http://hl7.org/fhir/sid/us-ssn'],
    oids: ['2.16.840.1.113883.4.1'],
    check: plausibleSsn,
    structuralOnly: true,
    highRisk: {
      why: 'A Social Security number with your name and date of birth is enough to open credit in your name.',
      whatToDo: 'Keep this file somewhere private or delete it when you are done. If it may have been exposed, consider a credit freeze with Equifax, Experian and TransUnion, and watch your credit reports.',
    },
  },
  {
    kind: 'mbi',
    label: 'Medicare Beneficiary Identifier (US)',
    country: 'US',
    systems: ['http://hl7.org/fhir/sid/us-mbi'],
    oids: [],
    check: plausibleMbi,
    structuralOnly: true,
    highRisk: {
      why: 'A Medicare number can be used to bill Medicare for care you never received.',
      whatToDo: 'Keep this file private. Check your Medicare Summary Notices for services you do not recognise, and report them to 1-800-MEDICARE.',
    },
  },
  {
    kind: 'nhi',
    label: 'National Health Index (NHI) number (NZ)',
    country: 'NZ',
    systems: ['https://standards.digital.health.nz/ns/nhi-id', 'https://standards.digital.health.nz/id/nhi'],
    oids: ['2.16.840.1.113883.2.18.2'],
    check: checkNhi,
  },
  {
    kind: 'ihi',
    label: 'Individual Healthcare Identifier (IHI) (AU)',
    country: 'AU',
    systems: ['http://ns.electronichealth.net.au/id/hi/ihi/1.0'],
    oids: [],
    check: checkIhi,
  },
  {
    kind: 'medicare-au',
    label: 'Medicare card number (AU)',
    country: 'AU',
    systems: ['http://ns.electronichealth.net.au/id/medicare-number'],
    oids: [],
    check: checkMedicareAu,
    highRisk: {
      why: 'A Medicare card number with your name can be used to impersonate you at a clinic or to make claims.',
      whatToDo: 'Keep this file private. If your card may have been exposed, you can ask Services Australia for a new card number.',
    },
  },
  {
    kind: 'dva',
    label: 'DVA file number (AU)',
    country: 'AU',
    systems: ['http://ns.electronichealth.net.au/id/dva'],
    oids: [],
  },
  {
    kind: 'nhs-number',
    label: 'NHS number (UK)',
    country: 'UK',
    systems: ['https://fhir.nhs.uk/Id/nhs-number'],
    oids: [],
    check: checkNhsNumber,
  },
];

const bySystem = new Map<string, IdentifierType>();
const byOid = new Map<string, IdentifierType>();
for (const type of IDENTIFIER_TYPES) {
  for (const system of type.systems) bySystem.set(system, type);
  for (const oid of type.oids) {
    byOid.set(oid, type);
    // FHIR may carry an OID as the system: `urn:oid:2.16.840.1.113883.4.1`.
    bySystem.set(`urn:oid:${oid}`, type);
  }
}

export function identifierTypeForSystem(system: string): IdentifierType | undefined {
  return bySystem.get(system.trim());
}

export function identifierTypeForOid(oid: string): IdentifierType | undefined {
  return byOid.get(oid.trim());
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
