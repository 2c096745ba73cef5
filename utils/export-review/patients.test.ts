// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { cdaDocument } from './fixtures/cda';
import { PATIENT, bundle } from './fixtures/fhir';
import { reviewFile } from './review';
import { highRiskItems, mergeFindings } from './summary';
import { countPeople, normaliseName, patientRecord, type PatientDetails } from './patients';

/**
 * Issue 15, item 1: one person stays one person. The cases are the ones real downloads give:
 * HL7's example CCD writes the SSN 444222222 in patientRole/id (root 2.16.840.1.113883.4.1), a
 * vendor's CCD of the same patient writes 444-22-2222, and the FHIR download says
 * http://hl7.org/fhir/sid/us-ssn; two hospitals give the same person different record numbers.
 */

const SSN_OID = '2.16.840.1.113883.4.1';
const HOSPITAL_A = '2.16.840.1.113883.19.5.99999.2';
const HOSPITAL_B = '1.3.6.1.4.1.22812.3.99930.3';

const review = async (name: string, content: string | object) =>
  reviewFile(new File([typeof content === 'string' ? content : JSON.stringify(content)], name));

describe('files of one person are one person', () => {
  it('two C-CDAs with the SSN written 444222222 and 444-22-2222, and the FHIR bundle (us-ssn): one person, one SSN', async () => {
    const a = await review('hospital-a.xml', cdaDocument({ patientIds: [{ root: HOSPITAL_A, extension: 'MRN-000123' }, { root: SSN_OID, extension: '444222222' }] }));
    const b = await review('hospital-b.xml', cdaDocument({ patientIds: [{ root: HOSPITAL_B, extension: '998877' }, { root: SSN_OID, extension: '444-22-2222' }], given: 'AROHA', family: 'Example-Smith' }));
    const c = await review('fhir.json', bundle([{ resourceType: 'Patient', id: 'x1', identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '444 22 2222' }], name: [{ family: 'Smith', given: ['Aroha'] }], birthDate: '1980-02-14' }]));
    const merged = mergeFindings([a, b, c]);
    expect(merged.patients).toBe(1);
    expect(merged.patientsDifferIn).toEqual([]);
    expect(merged.identifiers.filter((found) => found.kind === 'ssn').map((found) => found.value)).toEqual(['444222222']);
    const items = highRiskItems(merged);
    expect(items.map((item) => item.id)).not.toContain('several-patients');
    expect(items.find((item) => item.id === 'ssn')?.title).toBe('US Social Security number present');
  });

  it('two hospitals, different record numbers, no shared number: the same name and date of birth make one person', async () => {
    const a = await review('a.xml', cdaDocument({ patientIds: [{ root: HOSPITAL_A, extension: 'MRN-000123' }] }));
    const b = await review('b.xml', cdaDocument({ patientIds: [{ root: HOSPITAL_B, extension: '998877' }], given: 'ARŌHA', family: 'example' }));
    expect(mergeFindings([a, b]).patients).toBe(2 - 1);
  });

  it('a CDA record number and a FHIR identifier from the same issuer (urn:oid:) are one person even with other names', async () => {
    const a = await review('a.xml', cdaDocument({ patientIds: [{ root: HOSPITAL_A, extension: 'MRN-000123' }] }));
    const b = await review('b.json', { resourceType: 'Patient', identifier: [{ system: `urn:oid:${HOSPITAL_A}`, value: 'MRN-000123' }], name: [{ family: 'Tane', given: ['Aroha'] }], birthDate: '1980-02-14' });
    expect(mergeFindings([a, b]).patients).toBe(1);
  });

  it('a Patient with nothing to compare (only an id) disagrees with nobody', async () => {
    const a = await review('a.xml', cdaDocument());
    const b = await review('b.json', { resourceType: 'Patient', id: 'other' });
    expect(mergeFindings([a, b]).patients).toBe(1);
  });
});

describe('records that really disagree are several people, and the page says where', () => {
  it('a different name and date of birth: two people, differing in name and date of birth', async () => {
    const a = await review('a.xml', cdaDocument({ patientIds: [{ root: HOSPITAL_A, extension: 'MRN-000123' }] }));
    const b = await review('b.json', { resourceType: 'Patient', id: 'other', name: [{ family: 'Example', given: ['Tama'] }], birthDate: '2009-06-30' });
    const merged = mergeFindings([a, b]);
    expect(merged.patients).toBe(2);
    expect(merged.patientsDifferIn).toEqual(['name', 'birth-date']);
    expect(highRiskItems(merged).find((item) => item.id === 'several-patients')?.title).toBe('Records of 2 different people (their names and dates of birth differ)');
  });

  it('a different SSN under different names: two people, differing in name and SSN', async () => {
    const a = await review('a.xml', cdaDocument({ patientIds: [{ root: SSN_OID, extension: '444222222' }] }));
    const b = await review('b.xml', cdaDocument({ patientIds: [{ root: SSN_OID, extension: '123-45-6789' }], given: 'Tama', birthTime: '20090630' }));
    const merged = mergeFindings([a, b]);
    expect(merged.patients).toBe(2);
    expect(merged.patientsDifferIn).toEqual(['name', 'birth-date', 'ssn']);
  });

  it('a FHIR bundle of a family: three Patients with their own names and dates of birth', async () => {
    const family = await review('family.json', bundle([
      PATIENT,
      { resourceType: 'Patient', id: 'p2', name: [{ family: 'Example', given: ['Tama'] }], birthDate: '2009-06-30' },
      { resourceType: 'Patient', id: 'p3', name: [{ family: 'Example', given: ['Mere'] }], birthDate: '2012-11-02' },
    ]));
    expect(family.findings.patients).toBe(3);
    expect(family.findings.patientsDifferIn).toEqual(['name', 'birth-date']);
  });
});

describe('FHIR DSTU2 and bulk exports (merged with export-formats)', () => {
  it('a DSTU2 Patient gives its family name as a list: ["van", "Dijk"] matches "van Dijk" written in one (R4)', async () => {
    const a = await review('dstu2.json', { resourceType: 'Patient', name: [{ family: ['van', 'Dijk'], given: ['Anna'] }], birthDate: '1975-09-01' });
    const b = await review('r4.json', { resourceType: 'Patient', name: [{ family: 'van Dijk', given: ['Anna'] }], birthDate: '1975-09-01', identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '444-22-2222' }] });
    expect(mergeFindings([a, b]).patients).toBe(1);
  });

  const ndjson = (count: number, distinct: boolean) =>
    Array.from({ length: count }, (_, index) =>
      JSON.stringify({ resourceType: 'Patient', id: `p${index}`, identifier: [{ system: 'http://hospital.example.org/mrn', value: distinct ? `MRN-${index}` : 'MRN-000123' }], name: [{ family: distinct ? `Example-${index}` : 'Example', given: ['Aroha'] }], birthDate: '1980-02-14' }),
    ).join('\n');

  it('1001 different people in a bulk NDJSON: 1000 compared, and the count says "more than"', async () => {
    const bulk = await review('Patient.ndjson', ndjson(1001, true));
    const { findings } = bulk;
    expect(findings.patientRecords).toHaveLength(1000);
    expect(findings.patientsOverCap).toBe(true);
    expect(findings.patients).toBe(1000);
    expect(highRiskItems(mergeFindings([bulk])).find((item) => item.id === 'several-patients')?.title).toBe(
      'Records of more than 1,000 different people (their names and record numbers from the same hospital or clinic differ)',
    );
  });

  it('the same Patient 1001 times: one record kept, one person, not "more than"', async () => {
    const { findings } = await review('Patient.ndjson', ndjson(1001, false));
    expect(findings.patientRecords).toHaveLength(1);
    expect(findings.patientsOverCap).toBe(false);
    expect(findings.patients).toBe(1);
  });
});

describe('countPeople', () => {
  const person = (details: PatientDetails) => patientRecord(details);
  it.each<[string, PatientDetails[], number]>([
    ['the same NHS number written with spaces and without', [{ identifiers: [{ kind: 'nhs-number', value: '943 476 5919' }], names: [{ family: 'A' }] }, { identifiers: [{ kind: 'nhs-number', value: '9434765919' }], names: [{ family: 'B' }] }], 1],
    ['the same NHI in lower and upper case', [{ identifiers: [{ kind: 'nhi', value: 'zzz0016' }], birthDate: '1980-02-14' }, { identifiers: [{ kind: 'nhi', value: 'ZZZ0016' }], birthDate: '19800101' }], 1],
    ['an IHI with and without spaces', [{ identifiers: [{ kind: 'ihi', value: '8003 6000 0000 0007' }], names: [{ family: 'A' }] }, { identifiers: [{ kind: 'ihi', value: '8003600000000007' }], names: [{ family: 'B' }] }], 1],
    // A 10-digit Medicare card number is the family's card: it links nobody; the 11th digit is the person.
    ['two people on one AU Medicare card (10 digits)', [{ identifiers: [{ kind: 'medicare-au', value: '2950101201' }], names: [{ family: 'Citizen', given: 'Jane' }], birthDate: '1980-02-14' }, { identifiers: [{ kind: 'medicare-au', value: '2950 10120 1' }], names: [{ family: 'Citizen', given: 'John' }], birthDate: '1978-05-01' }], 2],
    ['the same person on an AU Medicare card (11 digits) under two names', [{ identifiers: [{ kind: 'medicare-au', value: '29501012011' }], names: [{ family: 'Citizen' }] }, { identifiers: [{ kind: 'medicare-au', value: '2950 10120 1 1' }], names: [{ family: 'Smith' }] }], 1],
    ['name and birth date match across accents, case and a time of day', [{ names: [{ family: 'García', given: 'José Luis' }], birthDate: '1975-03-09' }, { names: [{ family: 'GARCIA', given: 'jose' }], birthDate: '19750309101500-0500' }], 1],
    ['a record that links two groups joins them', [{ identifiers: [{ kind: 'ssn', value: '444222222' }] }, { identifiers: [{ kind: 'nhi', value: 'ZZZ0016' }] }, { identifiers: [{ kind: 'ssn', value: '444-22-2222' }, { kind: 'nhi', value: 'ZZZ0016' }] }], 1],
    ['no records', [], 0],
  ])('%s', (_, details, count) => expect(countPeople(details.map(person)).count).toBe(count));

  it('keeps no readable value: every field is a hash', () => {
    const record = patientRecord({ identifiers: [{ kind: 'ssn', value: '444-22-2222' }], recordNumbers: [{ system: HOSPITAL_A, value: 'MRN-000123' }], names: [{ family: 'Example', given: 'Aroha' }], birthDate: '1980-02-14' });
    expect(JSON.stringify(record)).not.toMatch(/444|2222|MRN|000123|Example|Aroha|1980|99999/);
  });

  it.each([
    ['José  María', 'jose maria'],
    ['O’Brien-Smith', 'o brien smith'],
    ['ARŌHA', 'aroha'],
  ])('normaliseName(%s) is %s', (name, normalised) => expect(normaliseName(name)).toBe(normalised));
});
