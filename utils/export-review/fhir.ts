import type { Collector } from './collector';
import { DOCUMENT_CODES, identifierRoleForType, isMentalHealthCode, LOINC_SYSTEM_URI } from './codes';
import { fhirDate } from './dates';
import { PRE_R4_RESOURCE_TYPES, versionEvidence } from './fhir-versions';
import { ReviewError } from './errors';
import { identifierType, identifierTypeForSystem, type IdentifierKind } from './identifiers';
import type { Category, DocumentKind } from './model';

/**
 * Reads one parsed FHIR resource (DSTU2, STU3 or R4: `fhir-versions.ts`) into the collector. Resources are untrusted JSON: every field
 * is checked for its type before use, and a field of the wrong shape is ignored, never fatal.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const objects = (value: unknown): Json[] => list(value).filter(isObject);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * The earliest usable date at a dotted path, through arrays (`item.servicedDate` reads each item,
 * up to 64 of them). Walks without building lists: it runs for every resource of a large file.
 */
function earliestAt(value: unknown, keys: readonly string[], from: number, best: string | undefined): string | undefined {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length && index < 64; index++) best = earliestAt(value[index], keys, from, best);
    return best;
  }
  if (from === keys.length) {
    const date = fhirDate(value);
    return date && (!best || date < best) ? date : best;
  }
  return isObject(value) ? earliestAt(value[keys[from]!], keys, from + 1, best) : best;
}

const splitPaths = new Map<string, readonly string[]>();

/** The resource's own date: the first path that holds a usable date (through arrays, the earliest). */
function firstDate(resource: Json, paths: readonly string[]): string | undefined {
  for (const path of paths) {
    let keys = splitPaths.get(path);
    if (!keys) splitPaths.set(path, (keys = path.split('.')));
    const date = earliestAt(resource, keys, 0, undefined);
    if (date) return date;
  }
  return undefined;
}

function codings(concept: unknown): Json[] {
  return isObject(concept) ? objects(concept.coding) : [];
}

function documentKind(concept: unknown): { kind: DocumentKind; title?: string } {
  for (const coding of codings(concept)) {
    const code = text(coding.code);
    if (code && (coding.system === LOINC_SYSTEM_URI || coding.system === undefined) && DOCUMENT_CODES[code]) {
      return { kind: DOCUMENT_CODES[code]!, ...(text(coding.display) ? { title: text(coding.display)! } : {}) };
    }
  }
  const title = isObject(concept) ? text(concept.text) ?? text(codings(concept)[0]?.display) : undefined;
  return { kind: 'clinical-document', ...(title ? { title } : {}) };
}

/** Resource types whose only job is to describe a server or its definitions: not a record. */
// i18n-ignore: FHIR resource type names, data
const DEFINITIONS = new Set(['Conformance', 'CapabilityStatement', 'TerminologyCapabilities', 'StructureDefinition', 'ValueSet', 'CodeSystem', 'SearchParameter', 'ImplementationGuide']);

/**
 * Category and date fields for the resource types a patient record holds, in every version read:
 * R4 names first, then the STU3 and DSTU2 names of the same thing (`Immunization.date`,
 * `Condition.assertedDate` / `dateRecorded`, `MedicationOrder.dateWritten` …), so one table
 * serves all three. Types that only DSTU2 or STU3 have are mapped to what they mean.
 */
const RESOURCE_RULES: Record<string, { category: Category; dates: readonly string[] }> = {
  Condition: { category: 'problems', dates: ['onsetDateTime', 'onsetPeriod.start', 'recordedDate', 'assertedDate', 'dateRecorded', 'abatementDateTime'] },
  AllergyIntolerance: { category: 'allergies', dates: ['onsetDateTime', 'onsetPeriod.start', 'onset', 'recordedDate', 'assertedDate', 'lastOccurrence', 'lastOccurence'] },
  MedicationRequest: { category: 'medications', dates: ['authoredOn', 'dispenseRequest.validityPeriod.start'] },
  MedicationOrder: { category: 'medications', dates: ['dateWritten', 'dispenseRequest.validityPeriod.start'] },
  MedicationStatement: { category: 'medications', dates: ['effectiveDateTime', 'effectivePeriod.start', 'dateAsserted'] },
  MedicationAdministration: { category: 'medications', dates: ['effectiveDateTime', 'effectivePeriod.start', 'effectiveTimeDateTime', 'effectiveTimePeriod.start'] },
  MedicationDispense: { category: 'medications', dates: ['whenHandedOver', 'whenPrepared'] },
  DiagnosticReport: { category: 'results', dates: ['effectiveDateTime', 'effectivePeriod.start', 'issued'] },
  Immunization: { category: 'immunisations', dates: ['occurrenceDateTime', 'date', 'recorded'] },
  ImmunizationRecommendation: { category: 'immunisations', dates: ['date', 'recommendation.date'] },
  Procedure: { category: 'procedures', dates: ['performedDateTime', 'performedPeriod.start'] },
  Encounter: { category: 'encounters', dates: ['period.start'] },
  EpisodeOfCare: { category: 'encounters', dates: ['period.start'] },
  Appointment: { category: 'appointments', dates: ['start', 'created'] },
  CarePlan: { category: 'care-plans', dates: ['period.start', 'created'] },
  Goal: { category: 'care-plans', dates: ['startDate', 'statusDate'] },
  ServiceRequest: { category: 'care-plans', dates: ['authoredOn', 'occurrenceDateTime', 'occurrencePeriod.start'] },
  ProcedureRequest: { category: 'care-plans', dates: ['authoredOn', 'occurrenceDateTime', 'orderedOn', 'scheduledDateTime'] },
  ReferralRequest: { category: 'care-plans', dates: ['authoredOn', 'dateSent', 'date'] },
  DiagnosticOrder: { category: 'care-plans', dates: ['event.dateTime'] },
  DeviceUseRequest: { category: 'care-plans', dates: ['orderedOn', 'recordedOn'] },
  Order: { category: 'care-plans', dates: ['date'] },
  FamilyMemberHistory: { category: 'family-history', dates: ['date'] },
  Communication: { category: 'messages', dates: ['sent', 'received'] },
  CommunicationRequest: { category: 'messages', dates: ['authoredOn', 'requestedOn'] },
  Coverage: { category: 'insurance', dates: ['period.start'] },
  // A claim's care happened on its items' service dates; `created` is when it was filed.
  Claim: { category: 'claims', dates: ['item.servicedDate', 'item.servicedPeriod.start', 'billablePeriod.start', 'created'] },
  ExplanationOfBenefit: { category: 'claims', dates: ['item.servicedDate', 'item.servicedPeriod.start', 'billablePeriod.start', 'created'] },
  ClaimResponse: { category: 'claims', dates: ['created'] },
  Practitioner: { category: 'providers', dates: [] },
  PractitionerRole: { category: 'providers', dates: [] },
  Organization: { category: 'providers', dates: [] },
  Location: { category: 'providers', dates: [] },
  Specimen: { category: 'results', dates: ['collection.collectedDateTime', 'collection.collectedPeriod.start', 'receivedTime'] },
  ImagingStudy: { category: 'results', dates: ['started'] },
  ImagingObjectSelection: { category: 'results', dates: ['authoringTime'] },
  QuestionnaireResponse: { category: 'other', dates: ['authored'] },
  Device: { category: 'other', dates: [] },
  Provenance: { category: 'other', dates: ['recorded'] },
  Binary: { category: 'other', dates: [] },
  Media: { category: 'other', dates: ['createdDateTime', 'createdPeriod.start'] },
  Medication: { category: 'medications', dates: [] },
};

/** Claim types that are drug claims: Blue Button's Part D events and the FHIR "pharmacy" claim type. */
const DRUG_CLAIM_CODES: readonly [string, string][] = [
  ['https://bluebutton.cms.gov/resources/codesystem/eob-type', 'PDE'],
  ['http://terminology.hl7.org/CodeSystem/claim-type', 'pharmacy'],
  ['http://hl7.org/fhir/ex-claimtype', 'pharmacy'],
];

const OBSERVATION_CATEGORY: Record<string, Category> = {
  'vital-signs': 'vital-signs',
  'social-history': 'social-history',
  laboratory: 'results',
  imaging: 'results',
  procedure: 'procedures',
  survey: 'other',
  exam: 'results',
  therapy: 'procedures',
  activity: 'other',
};

/** Every FHIR R4 resource type; with `PRE_R4_RESOURCE_TYPES`, the names this review knows. */
export const R4_RESOURCE_TYPES = new Set(
  // i18n-ignore: FHIR resource type names, data
  'Account ActivityDefinition AdverseEvent AllergyIntolerance Appointment AppointmentResponse AuditEvent Basic Binary BiologicallyDerivedProduct BodyStructure Bundle CapabilityStatement CarePlan CareTeam CatalogEntry ChargeItem ChargeItemDefinition Claim ClaimResponse ClinicalImpression CodeSystem Communication CommunicationRequest CompartmentDefinition Composition ConceptMap Condition Consent Contract Coverage CoverageEligibilityRequest CoverageEligibilityResponse DetectedIssue Device DeviceDefinition DeviceMetric DeviceRequest DeviceUseStatement DiagnosticReport DocumentManifest DocumentReference EffectEvidenceSynthesis Encounter Endpoint EnrollmentRequest EnrollmentResponse EpisodeOfCare EventDefinition Evidence EvidenceVariable ExampleScenario ExplanationOfBenefit FamilyMemberHistory Flag Goal GraphDefinition Group GuidanceResponse HealthcareService ImagingStudy Immunization ImmunizationEvaluation ImmunizationRecommendation ImplementationGuide InsurancePlan Invoice Library Linkage List Location Measure MeasureReport Media Medication MedicationAdministration MedicationDispense MedicationKnowledge MedicationRequest MedicationStatement MedicinalProduct MedicinalProductAuthorization MedicinalProductContraindication MedicinalProductIndication MedicinalProductIngredient MedicinalProductInteraction MedicinalProductManufactured MedicinalProductPackaged MedicinalProductPharmaceutical MedicinalProductUndesirableEffect MessageDefinition MessageHeader MolecularSequence NamingSystem NutritionOrder Observation ObservationDefinition OperationDefinition OperationOutcome Organization OrganizationAffiliation Parameters Patient PaymentNotice PaymentReconciliation Person PlanDefinition Practitioner PractitionerRole Procedure Provenance Questionnaire QuestionnaireResponse RelatedPerson RequestGroup ResearchDefinition ResearchElementDefinition ResearchStudy ResearchSubject RiskAssessment RiskEvidenceSynthesis Schedule SearchParameter ServiceRequest Slot Specimen SpecimenDefinition StructureDefinition StructureMap Subscription Substance SubstanceNucleicAcid SubstancePolymer SubstanceProtein SubstanceReferenceInformation SubstanceSourceMaterial SubstanceSpecification SupplyDelivery SupplyRequest Task TerminologyCapabilities TestReport TestScript ValueSet VerificationResult VisionPrescription'.split(' '),
);

/** Nested Bundles (a document Bundle inside a collection) are read to this depth. */
const MAX_BUNDLE_NESTING = 8;

const isKnownType = (type: string) => R4_RESOURCE_TYPES.has(type) || PRE_R4_RESOURCE_TYPES.has(type);

export interface FhirContext {
  collector: Collector;
  /** The file, for document paths. */
  path: string;
  /** Counts of resource types no FHIR version has, for one warning at the end. */
  unknownTypes: Map<string, number>;
}

export function newFhirContext(collector: Collector, path: string): FhirContext {
  return { collector, path, unknownTypes: new Map() };
}

/**
 * A resource found at the top of a file (a whole JSON file, an NDJSON line, a clinical-records
 * file). Throws when the file as a whole is plainly not a patient record.
 */
export function readTopLevelResource(value: unknown, context: FhirContext, { single }: { single: boolean }): void {
  if (!isObject(value) || typeof value.resourceType !== 'string') {
    if (single) throw new ReviewError('not-a-record', { code: 'fhir-no-resource-type' });
    context.collector.warn({ code: 'fhir-lines-skipped' });
    return;
  }
  // An error report from the server (the download failed), or a description of the server: no record.
  if (single && value.resourceType === 'OperationOutcome') throw new ReviewError('wrong-resource', { code: 'fhir-operation-outcome' });
  if (single && DEFINITIONS.has(value.resourceType)) throw new ReviewError('wrong-resource', { code: 'fhir-definition', resourceType: value.resourceType });
  if (!isKnownType(value.resourceType) && single) {
    throw new ReviewError('wrong-resource', { code: 'fhir-unknown-type', resourceType: value.resourceType.slice(0, 60) });
  }
  readResource(value, context, 0);
}

/** One resource, wherever it sits. */
export function readResource(resource: unknown, context: FhirContext, nesting: number): void {
  if (!isObject(resource) || typeof resource.resourceType !== 'string') return;
  const { collector } = context;
  const type = resource.resourceType;
  const version = versionEvidence(resource);
  if (version) collector.fhirVersion(version);
  // A diagnosis or a questionnaire score about mental health counts under its own kind as well:
  // it is among the most sensitive things a record holds (issue 15).
  if ((type === 'Condition' || type === 'Observation') && isMentalHealth(resource)) {
    collector.item('mental-health', firstDate(resource, ['onsetDateTime', 'onsetPeriod.start', 'recordedDate', 'assertedDate', 'dateRecorded', 'effectiveDateTime', 'effectivePeriod.start', 'issued']));
  }

  switch (type) {
    case 'Bundle':
      if (nesting >= MAX_BUNDLE_NESTING) return;
      for (const entry of objects(resource.entry)) readResource(entry.resource, context, nesting + 1);
      return;
    case 'Patient':
      readPatient(resource, collector);
      return;
    case 'RelatedPerson':
      collector.identity('contacts');
      return;
    case 'Observation': {
      // R4 and STU3: a list of categories; DSTU2: one.
      const code = (Array.isArray(resource.category) ? list(resource.category) : [resource.category])
        .flatMap(codings)
        .map((coding) => text(coding.code))
        .find((value) => value && OBSERVATION_CATEGORY[value]);
      collector.item(code ? OBSERVATION_CATEGORY[code]! : 'results', firstDate(resource, ['effectiveDateTime', 'effectivePeriod.start', 'effectiveInstant', 'issued']));
      return;
    }
    case 'DocumentReference':
    case 'Composition': {
      const { kind, title } = documentKind(resource.type);
      const first = objects(resource.content)[0]?.attachment;
      const attachment = isObject(first) ? first : undefined;
      // R4 `date`; DSTU2 and STU3 `created` (when the document was written) and `indexed`.
      const date = firstDate(resource, ['date', 'created', 'context.period.start', 'indexed']) ?? fhirDate(attachment?.creation);
      const description = text(resource.description) ?? text(resource.title);
      collector.document({
        kind,
        ...((description ?? title) ? { title: (description ?? title)!.slice(0, 200) } : {}),
        ...(date ? { date } : {}),
        path: context.path,
        ...(typeof attachment?.contentType === 'string' ? { mimeType: attachment.contentType.slice(0, 100) } : {}),
        ...(typeof attachment?.size === 'number' ? { size: attachment.size } : {}),
      });
      return;
    }
    case 'Coverage':
      collector.item('insurance', firstDate(resource, ['period.start']));
      if (text(resource.subscriberId)) collector.recordNumber();
      return;
    case 'Claim':
    case 'ExplanationOfBenefit': {
      const date = firstDate(resource, RESOURCE_RULES[type]!.dates);
      collector.item('claims', date);
      // A drug claim is the record of a prescription filled: it counts as one.
      const drug = codings(resource.type).some((coding) => DRUG_CLAIM_CODES.some(([system, code]) => coding.system === system && coding.code === code));
      if (drug) collector.item('medications', date);
      return;
    }
    default: {
      const rule = RESOURCE_RULES[type];
      if (rule) {
        collector.item(rule.category, firstDate(resource, rule.dates));
        return;
      }
      if (!isKnownType(type)) {
        context.unknownTypes.set(type, (context.unknownTypes.get(type) ?? 0) + 1);
        return;
      }
      collector.item('other', firstDate(resource, ['date', 'created', 'authored', 'recorded', 'period.start']));
    }
  }
}

function readPatient(patient: Json, collector: Collector): void {
  collector.identity('names', objects(patient.name).length);
  if (fhirDate(patient.birthDate)) collector.identity('birth-dates');
  collector.identity('addresses', objects(patient.address).length);
  if (text(patient.gender)) collector.identity('genders');
  for (const telecom of objects(patient.telecom)) {
    if (telecom.system === 'phone' || telecom.system === 'sms') collector.identity('phones');
    else if (telecom.system === 'email') collector.identity('emails');
  }
  collector.identity('contacts', objects(patient.contact).length);
  const identifiers: { kind: IdentifierKind; value: string }[] = [];
  const recordNumbers: { system: string; value: string }[] = [];
  for (const identifier of objects(patient.identifier)) {
    const system = text(identifier.system);
    const value = text(identifier.value);
    if (!value) continue;
    // A known system says what the number is; failing that, its v2-0203 type does (Synthea's DL and PPN).
    const role = (system ? identifierTypeForSystem(system)?.kind : undefined) ?? identifierRoleForType(codings(identifier.type));
    if (role && role !== 'record-number' && role !== 'member-number') {
      collector.identifier(identifierType(role), value, 'fhir-patient');
      identifiers.push({ kind: role, value });
    } else {
      collector.recordNumber();
      if (system) recordNumbers.push({ system, value });
    }
  }
  const names = objects(patient.name).map((name) => {
    // R4 and STU3 give one family name; DSTU2 a list of them (`"family": ["van", "Dijk"]`).
    const family = text(name.family) ?? (list(name.family).map(text).filter(Boolean).join(' ') || undefined);
    const given = text(list(name.given)[0]);
    return { ...(family ? { family } : {}), ...(given ? { given } : {}) };
  });
  collector.patient({ identifiers, recordNumbers, names, ...(typeof patient.birthDate === 'string' ? { birthDate: patient.birthDate } : {}) });
}

/** True when any coding of the resource's `code` (or an Observation's value) names mental health information. */
function isMentalHealth(resource: Json): boolean {
  const concepts = [resource.code, resource.valueCodeableConcept];
  return concepts.some((concept) => codings(concept).some((coding) => isMentalHealthCode(text(coding.system), text(coding.code))));
}

/** One warning for resource types that are not FHIR R4, after the whole file is read. */
export function finishFhir(context: FhirContext): void {
  if (context.unknownTypes.size === 0) return;
  const types = [...context.unknownTypes.keys()].slice(0, 5).map((name) => name.slice(0, 40));
  const count = [...context.unknownTypes.values()].reduce((sum, n) => sum + n, 0);
  context.collector.warn({ code: 'fhir-unknown-types', count, types });
}
