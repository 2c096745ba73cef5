// @vitest-environment node
import { describe, expect, it } from 'vitest';
import documentTypes from './codes/document-types.json';
import identifierTypes from './codes/identifier-types.json';
import mentalHealthCodes from './codes/mental-health-codes.json';
import sectionTypes from './codes/section-types.json';
import { documentTypesSchema, identifierTypesSchema, mentalHealthCodesSchema, sectionTypesSchema } from './codes/schema';
import { DOCUMENT_CODES, DOCUMENT_TEMPLATES, SECTION_CODES, isMentalHealthCode } from './codes';
import { act, cdaDocument, section } from './fixtures/cda';
import { bundle } from './fixtures/fhir';
import type { Category, DocumentKind } from './model';
import { reviewFile } from './review';

/**
 * The code tables as data (issue 15, item 3): each file is schema-checked, every code and template
 * is unique, and each entry is table-tested through the real reader on a document built the way
 * HL7's C-CDA examples (https://github.com/HL7/C-CDA-Examples) and Synthea's FHIR bundles are.
 */

describe('the code tables are well-formed data', () => {
  it.each([
    ['document-types.json', documentTypesSchema, documentTypes],
    ['section-types.json', sectionTypesSchema, sectionTypes],
    ['identifier-types.json', identifierTypesSchema, identifierTypes],
    ['mental-health-codes.json', mentalHealthCodesSchema, mentalHealthCodes],
  ] as const)('%s matches its schema', (_, schema, data) => {
    const result = schema.safeParse(data);
    expect(result.success, result.error?.message).toBe(true);
  });

  it('has every code and templateId once', () => {
    const documentCodes = documentTypes.documentTypes.flatMap((type) => type.loinc);
    const documentTemplates = documentTypes.documentTypes.flatMap((type) => type.templates);
    const sectionCodes = sectionTypes.sections.flatMap((entry) => entry.loinc);
    const sectionTemplates = sectionTypes.sections.flatMap((entry) => entry.templates);
    for (const list of [documentCodes, documentTemplates, sectionCodes, sectionTemplates, identifierTypes.types.map((type) => type.code), mentalHealthCodes.codes.map((code) => `${code.system}|${code.code}`)]) {
      expect(list.filter((item, index) => list.indexOf(item) !== index)).toEqual([]);
    }
  });

  it('keeps its entries sorted, so a contribution lands in one place', () => {
    const titles = sectionTypes.sections.map((entry) => entry.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
    const codes = identifierTypes.types.map((type) => type.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('knows all 12 C-CDA R2.1 document templates', () => {
    const templates = [1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, '1.10', 1.13, 1.14, 1.15].map((suffix) => `2.16.840.1.113883.10.20.22.${suffix}`);
    expect(templates.filter((root) => !DOCUMENT_TEMPLATES[root])).toEqual([]);
  });

  it('finds nothing for names every object has', () => {
    expect(DOCUMENT_CODES['constructor']).toBeUndefined();
    expect(SECTION_CODES['__proto__']).toBeUndefined();
  });
});

const kindOf = async (code: { code: string; displayName: string; template: string }) => {
  const review = await reviewFile(new File([cdaDocument({ code, sections: [] })], 'document.xml'));
  return { kind: review.findings.documents[0]?.kind, warnings: review.warnings };
};

describe('document kinds (ClinicalDocument/code and templateId)', () => {
  const cases = documentTypes.documentTypes.flatMap((type) => type.loinc.map((code) => [code, type.title, type.templates[0] ?? '2.16.840.1.113883.10.20.22.1.1', type.kind] as const));
  it.each(cases)('LOINC %s (%s) is %s', async (code, title, template, kind) => {
    // A local template so that only the code decides.
    expect(await kindOf({ code, displayName: title, template: template === '2.16.840.1.113883.10.20.22.1.1' ? template : '2.16.840.1.113883.19.5.1' })).toEqual({ kind, warnings: [] });
  });

  const templates = documentTypes.documentTypes.flatMap((type) => type.templates.map((root) => [root, type.title, type.kind] as const));
  it.each(templates)('template %s (%s) is %s with a local code', async (template, title, kind) => {
    expect((await kindOf({ code: 'LOCAL-42', displayName: title, template })).kind).toBe(kind);
  });

  it.each<[string, DocumentKind]>([
    ['52521-2', 'care-plan'],
    ['11504-8', 'operative-note'],
    ['18748-4', 'imaging-report'],
    ['18761-7', 'transfer-summary'],
    ['11490-0', 'discharge-summary'],
  ])('the issue-15 document %s is %s, not "Clinical document"', async (code, kind) => {
    expect(await kindOf({ code, displayName: 'x', template: '2.16.840.1.113883.10.20.22.1.1' })).toEqual({ kind, warnings: [] });
  });

  it('an unstructured discharge summary (11490-0) counts as a discharge summary in the FHIR download too', async () => {
    const review = await reviewFile(new File([JSON.stringify({ resourceType: 'DocumentReference', status: 'current', type: { coding: [{ system: 'http://loinc.org', code: '11490-0', display: 'Physician Discharge summary' }] }, date: '2021-09-30', content: [{ attachment: { contentType: 'application/pdf' } }] })], 'doc.json'));
    expect(review.findings.documents.map((document) => document.kind)).toEqual(['discharge-summary']);
  });
});

const sectionCategory = async (body: string) => {
  const review = await reviewFile(new File([cdaDocument({ sections: [body] })], 'sections.xml'));
  return Object.keys(review.findings.categories);
};

describe('section kinds (section/code and templateId)', () => {
  const byCode = sectionTypes.sections.flatMap((entry) => entry.loinc.map((code) => [code, entry.title, entry.category] as const));
  it.each(byCode)('LOINC %s (%s) holds %s', async (code, title, category) => {
    expect(await sectionCategory(section(code, title, [act('20210304')]))).toEqual([category]);
  });

  const byTemplate = sectionTypes.sections.flatMap((entry) => entry.templates.map((template) => [template, entry.title, entry.category] as const));
  it.each(byTemplate)('template %s (%s) holds %s under a local code', async (template, title, category) => {
    expect(await sectionCategory(section('LOCAL-7', title, [act('20210304')], template))).toEqual([category]);
  });

  it.each<[string, string, Category]>([
    ['10183-2', '75311-1', 'medications'], // Discharge Medications, with its required translation
    ['42346-7', '', 'medications'], // Admission Medications
    ['29549-3', '', 'medications'], // Medications Administered
    ['46241-6', '42347-5', 'problems'], // Admission Diagnosis
    ['11535-2', '78375-3', 'problems'], // Discharge Diagnosis
    ['42348-3', '', 'advance-directives'],
    ['42349-1', '', 'care-plans'], // Reason for Referral
    ['10219-4', '', 'problems'], // Preoperative Diagnosis (Operative Note)
    ['10223-6', '', 'procedures'], // Operative Note Surgical Procedure
  ])('the issue-15 section %s (translation %s) holds %s, not "Other"', async (code, translation, category) => {
    expect(await sectionCategory(section(code, 'x', [act('20210304')], '2.16.840.1.113883.10.20.22.2.0', translation || undefined))).toEqual([category]);
  });
});

describe('FHIR Identifier.type (HL7 v2 table 0203)', () => {
  // As Synthea writes a Patient: a record number (MR), SSN (SS), driver's licence (DL) and passport (PPN).
  const v2 = (code: string, system = 'http://terminology.hl7.org/CodeSystem/v2-0203') => ({ coding: [{ system, code }] });
  const synthea = {
    resourceType: 'Patient',
    id: 'a1b2',
    identifier: [
      { system: 'https://github.com/synthetichealth/synthea', value: 'a1b2c3d4-0000-4000-8000-000000000001' },
      { type: v2('MR'), system: 'http://hospital.smarthealthit.org', value: 'a1b2c3d4-0000-4000-8000-000000000001' },
      { type: v2('SS'), system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-13-4540' },
      { type: v2('DL'), system: 'urn:oid:2.16.840.1.113883.4.3.25', value: 'S99933732' },
      { type: v2('PPN'), system: 'http://standardhealthrecord.org/fhir/StructureDefinition/passportNumber', value: 'X41385373X' },
    ],
    name: [{ family: 'Kuhlman484', given: ['Lorna'] }],
    birthDate: '1961-05-17',
  };

  it('reads the driver’s licence and passport as themselves, not as record numbers', async () => {
    const review = await reviewFile(new File([JSON.stringify(bundle([synthea]))], 'synthea.json'));
    expect(review.findings.identifiers.map((found) => found.kind)).toEqual(['ssn', 'drivers-licence', 'passport']);
    expect(review.findings.recordNumbers).toBe(2);
  });

  it.each([
    ['DL', 'http://hl7.org/fhir/v2/0203', 'drivers-licence'], // DSTU2 and STU3 spelled the system this way
    ['PPN', undefined, 'passport'],
    ['SS', 'http://terminology.hl7.org/CodeSystem/v2-0203', 'ssn'],
  ])('type %s (system %s) with an unknown Identifier.system is %s', async (code, system, kind) => {
    const patient = { resourceType: 'Patient', identifier: [{ type: { coding: [{ ...(system ? { system } : {}), code }] }, system: 'http://example.org/ids', value: 'A1234567' }] };
    const review = await reviewFile(new File([JSON.stringify(patient)], 'p.json'));
    expect(review.findings.identifiers.map((found) => found.kind)).toEqual([kind]);
  });

  it('a type from another code system is not read as table 0203', async () => {
    const patient = { resourceType: 'Patient', identifier: [{ type: { coding: [{ system: 'http://example.org/types', code: 'DL' }] }, system: 'http://example.org/ids', value: 'A1234567' }] };
    const review = await reviewFile(new File([JSON.stringify(patient)], 'p.json'));
    expect(review.findings.identifiers).toEqual([]);
    expect(review.findings.recordNumbers).toBe(1);
  });
});

describe('mental health codes', () => {
  it.each([
    ['http://snomed.info/sct', '370143000', true], // Major depressive disorder (Synthea)
    ['2.16.840.1.113883.6.96', '35489007', true], // Depressive disorder, as a CDA codeSystem
    ['http://loinc.org', '44261-6', true], // PHQ-9 total score
    ['http://hl7.org/fhir/sid/icd-10-cm', 'F32.9', true],
    ['urn:oid:2.16.840.1.113883.6.90', 'F41.1', true],
    ['http://hl7.org/fhir/sid/icd-10-cm', 'E11.9', false], // type 2 diabetes
    ['http://snomed.info/sct', '44054006', false],
    ['http://example.org/local', 'F32.9', false],
  ])('%s %s → %s', (system, code, expected) => expect(isMentalHealthCode(system, code)).toBe(expected));

  it('finds mental health in FHIR Conditions and Observations, not only the C-CDA Mental Status section', async () => {
    const snomed = (code: string) => ({ coding: [{ system: 'http://snomed.info/sct', code }] });
    const review = await reviewFile(new File([JSON.stringify(bundle([
      { resourceType: 'Condition', code: snomed('370143000'), onsetDateTime: '2019-04-02' },
      { resourceType: 'Condition', code: snomed('44054006'), onsetDateTime: '2016-08-15' },
      { resourceType: 'Observation', status: 'final', category: [{ coding: [{ code: 'survey' }] }], code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] }, valueInteger: 11, effectiveDateTime: '2019-04-02' },
    ]))], 'fhir.json'));
    expect(review.findings.categories['mental-health']).toEqual({ count: 2, undated: 0, dates: { '2019-04-02': 2 } });
    expect(review.findings.categories.problems?.count).toBe(2);
  });

  it('finds a depressive disorder in a C-CDA Problems section entry', async () => {
    expect(await sectionCategory(section('11450-4', 'Problems', [act('20190402', '35489007'), act('20160815', '44054006')]))).toEqual(['problems', 'mental-health']);
  });
});
