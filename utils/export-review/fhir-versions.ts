/**
 * Which FHIR version a file is written in. Portals still serve all three in use: DSTU2 (1.0.2,
 * Apple Health Records and many Argonaut-era APIs), STU3 (3.0.x, Blue Button 1) and R4 (4.0.x,
 * US Core, Synthea, Blue Button 2). Resources rarely say their version, so it is read from what
 * they do say (`fhirVersion`, as Apple's export.xml and a CapabilityStatement give it) and from
 * shapes only one version has: a resource type that exists in one version only, or a field whose
 * name or type changed (HL7's version-to-version maps: https://hl7.org/fhir/R4/diff.html,
 * https://hl7.org/fhir/STU3/diff.html).
 */

export type FhirVersion = 'DSTU2' | 'STU3' | 'R4';
export const FHIR_VERSIONS: readonly FhirVersion[] = ['DSTU2', 'STU3', 'R4'];

/** `1.0.2` → DSTU2, `3.0.1` → STU3, `4.0.1` → R4 (and the `4.0`, `3.0` forms MIME types use). */
export function fhirVersionOf(text: string): FhirVersion | undefined {
  const match = /^\s*(\d+)\.(\d+)/.exec(text);
  if (!match) return undefined;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major === 1 && minor === 0) return 'DSTU2';
  if (major === 3 && minor === 0) return 'STU3';
  if (major === 4 && minor === 0) return 'R4';
  return undefined;
}

/** Resource types that exist in some versions only (the rest are in all three). */
const ONLY_IN: Record<string, readonly FhirVersion[]> = {
  Conformance: ['DSTU2'],
  DeviceUseRequest: ['DSTU2'],
  DiagnosticOrder: ['DSTU2'],
  ImagingObjectSelection: ['DSTU2'],
  MedicationOrder: ['DSTU2'],
  Order: ['DSTU2'],
  OrderResponse: ['DSTU2'],
  ProcedureRequest: ['DSTU2', 'STU3'],
  ReferralRequest: ['DSTU2', 'STU3'],
  BodySite: ['DSTU2', 'STU3'],
  DataElement: ['DSTU2', 'STU3'],
  DeviceComponent: ['DSTU2', 'STU3'],
  EligibilityRequest: ['DSTU2', 'STU3'],
  EligibilityResponse: ['DSTU2', 'STU3'],
  ProcessRequest: ['DSTU2', 'STU3'],
  ProcessResponse: ['DSTU2', 'STU3'],
  ExpansionProfile: ['STU3'],
  ImagingManifest: ['STU3'],
  ServiceDefinition: ['STU3'],
  Sequence: ['STU3'],
  MedicationRequest: ['STU3', 'R4'],
  CapabilityStatement: ['STU3', 'R4'],
  DeviceRequest: ['STU3', 'R4'],
  ServiceRequest: ['R4'],
  CoverageEligibilityRequest: ['R4'],
  CoverageEligibilityResponse: ['R4'],
  MedicinalProduct: ['R4'],
  MolecularSequence: ['R4'],
};

/** Resource types of DSTU2 and STU3 that R4 does not have: read, and named in the "FHIR versions" docs. */
export const PRE_R4_RESOURCE_TYPES = new Set(Object.entries(ONLY_IN).filter(([, versions]) => !versions.includes('R4')).map(([type]) => type));

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Field shapes that differ between versions, by resource type: [test, versions it proves]. */
const SHAPES: Record<string, [(resource: Json) => boolean, readonly FhirVersion[]][]> = {
  Condition: [
    [(r) => typeof r.clinicalStatus === 'string' || typeof r.verificationStatus === 'string', ['DSTU2', 'STU3']],
    [(r) => isObject(r.clinicalStatus) || isObject(r.verificationStatus) || 'recordedDate' in r, ['R4']],
    [(r) => 'dateRecorded' in r, ['DSTU2']],
    [(r) => 'assertedDate' in r, ['STU3']],
  ],
  AllergyIntolerance: [
    [(r) => 'substance' in r || typeof r.status === 'string', ['DSTU2']],
    [(r) => typeof r.clinicalStatus === 'string' || 'assertedDate' in r, ['STU3']],
    [(r) => isObject(r.clinicalStatus), ['R4']],
  ],
  Immunization: [
    [(r) => 'wasNotGiven' in r, ['DSTU2']],
    [(r) => 'notGiven' in r, ['STU3']],
    [(r) => 'occurrenceDateTime' in r || 'occurrenceString' in r, ['R4']],
  ],
  Encounter: [
    [(r) => typeof r.class === 'string', ['DSTU2']],
  ],
  MedicationStatement: [
    [(r) => 'wasNotTaken' in r, ['DSTU2']],
    [(r) => typeof r.taken === 'string', ['STU3']],
  ],
  Procedure: [
    [(r) => 'notPerformed' in r, ['DSTU2']],
    [(r) => 'notDone' in r, ['STU3']],
  ],
  DocumentReference: [
    [(r) => 'indexed' in r, ['DSTU2', 'STU3']],
  ],
};
// A Map, so a resource type named like an Object property (`constructor`) finds nothing.
const SHAPES_BY_TYPE = new Map(Object.entries(SHAPES));

/** What one resource proves about its version: one version, or nothing. */
export function versionEvidence(resource: Json): FhirVersion | undefined {
  let candidates: readonly FhirVersion[] = FHIR_VERSIONS;
  const narrow = (to: readonly FhirVersion[]) => {
    candidates = candidates.filter((version) => to.includes(version));
  };
  const type = resource.resourceType as string;
  const stated = typeof resource.fhirVersion === 'string' ? fhirVersionOf(resource.fhirVersion) : isObject(resource.meta) && typeof resource.meta.fhirVersion === 'string' ? fhirVersionOf(resource.meta.fhirVersion) : undefined;
  if (stated) return stated;
  if (ONLY_IN[type]) narrow(ONLY_IN[type]);
  for (const [test, versions] of SHAPES_BY_TYPE.get(type) ?? []) if (test(resource)) narrow(versions);
  return candidates.length === 1 ? candidates[0] : undefined;
}
