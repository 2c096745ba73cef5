// @vitest-environment node
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cdaDocument } from './fixtures/cda';
import { PATIENT } from './fixtures/fhir';
import { CARRIER_CLAIM, DSTU2_RESOURCES, R4_RESOURCES, STU3_RESOURCES, blueButtonDrugClaim } from './fixtures/fhir-versions';
import { fhirVersionOf, versionEvidence } from './fhir-versions';
import { reviewFile } from './review';

/** Issue 15, items 4 and 5: each version's names and dates are read, and the version is said. */

const file = (content: string, name = 'download.json') => new File([strToU8(content) as Uint8Array<ArrayBuffer>], name);
const bundle = (resources: object[]) => JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) });

describe('FHIR DSTU2 and STU3', () => {
  it('reads DSTU2 resources by what they mean, with their own dates', async () => {
    const review = await reviewFile(file(bundle(DSTU2_RESOURCES)));
    expect(review.outcome, JSON.stringify(review.message)).toBe('reviewed');
    const { categories, documents } = review.findings;
    expect(categories.medications).toEqual({ count: 1, undated: 0, dates: { '2017-04-03': 1 } });
    expect(categories.immunisations).toEqual({ count: 1, undated: 0, dates: { '2016-10-12': 1 } });
    expect(categories.problems?.dates).toEqual({ '2015-06-01': 1 });
    expect(categories['vital-signs']?.count).toBe(1);
    expect(documents.map(({ kind, date }) => [kind, date])).toEqual([['discharge-summary', '2016-11-20']]);
    expect(review.findings.fhirVersions).toEqual(['DSTU2']);
    expect(review.warnings).toEqual([]);
  });

  it('reads STU3 names (assertedDate, Immunization.date, ProcedureRequest, ReferralRequest)', async () => {
    const review = await reviewFile(file(bundle(STU3_RESOURCES)));
    const { categories } = review.findings;
    expect(categories.problems?.dates).toEqual({ '2014-03-02': 1 });
    expect(categories.immunisations?.dates).toEqual({ '2018-01-15': 1 });
    expect(categories['care-plans']).toEqual({ count: 2, undated: 0, dates: { '2018-02-01': 1, '2018-02-03': 1 } });
    expect(review.findings.fhirVersions).toEqual(['STU3']);
  });

  it('says R4 for R4 shapes, and every version when files mix them', async () => {
    expect((await reviewFile(file(bundle(R4_RESOURCES)))).findings.fhirVersions).toEqual(['R4']);
    const mixed = await reviewFile(file(bundle([...DSTU2_RESOURCES, ...R4_RESOURCES])));
    expect(mixed.findings.fhirVersions.sort()).toEqual(['DSTU2', 'R4']);
  });

  it('says nothing about the version when nothing shows it', async () => {
    expect((await reviewFile(file(JSON.stringify(PATIENT)))).findings.fhirVersions).toEqual([]);
  });

  it('reads a single DSTU2 MedicationOrder file (Apple Health Records keep one resource a file)', async () => {
    const review = await reviewFile(file(JSON.stringify(DSTU2_RESOURCES[0]), 'MedicationOrder-1.json'));
    expect(review.outcome, JSON.stringify(review.message)).toBe('reviewed');
    expect(review.findings.categories.medications?.count).toBe(1);
  });

  it('refuses a DSTU2 Conformance statement as not a record', async () => {
    const review = await reviewFile(file('{"resourceType":"Conformance","fhirVersion":"1.0.2","kind":"instance"}'));
    expect(review.errorCode).toBe('wrong-resource');
    expect(review.message).toEqual({ code: 'fhir-definition', resourceType: 'Conformance' });
  });

  it.each([
    ['1.0.2', 'DSTU2'],
    ['3.0.1', 'STU3'],
    ['4.0.1', 'R4'],
    ['4.0', 'R4'],
    ['5.0.0', undefined],
    ['latest', undefined],
  ])('reads fhirVersion %s as %s', (text, version) => {
    expect(fhirVersionOf(text)).toBe(version);
  });

  it('takes no side when a resource shows shapes of two versions', () => {
    expect(versionEvidence({ resourceType: 'Condition', clinicalStatus: 'active', recordedDate: '2019-01-01' })).toBeUndefined();
  });
});

describe('dates', () => {
  it('dates Blue Button drug claims by their items and counts them as prescriptions', async () => {
    const claims = [blueButtonDrugClaim('89', '2021-03-04'), blueButtonDrugClaim('90', '2021-04-02'), CARRIER_CLAIM];
    const review = await reviewFile(file(bundle(claims)));
    const { categories } = review.findings;
    expect(categories.claims).toEqual({ count: 3, undated: 0, dates: { '2021-03-04': 1, '2021-04-02': 1, '1999-10-27': 1 } });
    expect(categories.medications).toEqual({ count: 2, undated: 0, dates: { '2021-03-04': 1, '2021-04-02': 1 } });
  });

  it('dates a claim by its earliest item', async () => {
    const claim = { ...blueButtonDrugClaim('91', '2022-05-01'), item: [{ sequence: 1, servicedDate: '2022-05-09' }, { sequence: 2, servicedPeriod: { start: '2022-05-01' } }, { sequence: 3, servicedDate: '2022-05-03' }] };
    const review = await reviewFile(file(JSON.stringify(claim)));
    expect(review.findings.categories.claims?.dates).toEqual({ '2022-05-03': 1 });
  });

  it.each([
    ['1900-01-01', '{"resourceType":"Condition","onsetDateTime":"1900-01-01","recordedDate":"2019-07-01"}', '2019-07-01'],
    ['0001-01-01T00:00:00', '{"resourceType":"Encounter","period":{"start":"0001-01-01T00:00:00"}}', undefined],
  ])('ignores the placeholder date %s', async (_, resource, expected) => {
    const review = await reviewFile(file(`${resource}\n{"resourceType":"Condition","onsetDateTime":"2020-02-02"}\n`));
    expect(review.findings.firstDate).toBe(expected ?? '2020-02-02');
  });

  it('ignores a placeholder date in a C-CDA', async () => {
    const review = await reviewFile(file(cdaDocument({ sections: [], effectiveTime: '19000101' }), 'ccd.xml'));
    expect(review.findings.documents[0]?.date).toBeUndefined();
    // What is left is the service period the header gives (documentationOf).
    expect(review.findings.firstDate).toBe('2015-01-01');
  });

  it('keeps a relative’s history out of the patient’s date range (FHIR)', async () => {
    const relative = { resourceType: 'FamilyMemberHistory', id: 'f1', patient: { reference: 'Patient/p1' }, status: 'completed', relationship: { text: 'Father' }, date: '1967-05-01' };
    const review = await reviewFile(file(bundle([relative, ...R4_RESOURCES])));
    expect(review.findings.categories['family-history']?.dates).toEqual({ '1967-05-01': 1 });
    expect(review.findings.firstDate).toBe('2019-07-01');
  });

  it('keeps a relative’s history out of the patient’s date range (C-CDA family history section)', async () => {
    const family = `<component><section><templateId root="2.16.840.1.113883.10.20.22.2.15" extension="2015-08-01"/><code code="10157-6" codeSystem="2.16.840.1.113883.6.1"/><title>Family history</title><text>Father: myocardial infarction</text><entry><organizer classCode="CLUSTER" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.45" extension="2015-08-01"/><statusCode code="completed"/><subject><relatedSubject classCode="PRS"><code code="FTH" codeSystem="2.16.840.1.113883.5.111"/></relatedSubject></subject><component><observation classCode="OBS" moodCode="EVN"><effectiveTime value="1967"/><value code="22298006" codeSystem="2.16.840.1.113883.6.96"/></observation></component></organizer></entry></section></component>`;
    const without = await reviewFile(file(cdaDocument({ sections: [] }), 'ccd.xml'));
    const withFamily = await reviewFile(file(cdaDocument({ sections: [family] }), 'ccd.xml'));
    expect(withFamily.findings.categories['family-history']).toEqual({ count: 1, undated: 0, dates: { '1967': 1 } });
    expect(withFamily.findings.firstDate).toBe(without.findings.firstDate);
    expect(without.findings.firstDate).toBe('2015-01-01');
  });
});
