// @vitest-environment node
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CCD_CODE, cdaDocument, letterDocument } from './fixtures/cda';
import { PATIENT, RESOURCES, bundle, ndjson } from './fixtures/fhir';
import { appleHealthZip, xdmZip } from './fixtures/zips';
import { reviewFile } from './review';

const file = (content: string | Uint8Array, name = 'download') => new File([(typeof content === 'string' ? strToU8(content) : content) as Uint8Array<ArrayBuffer>], name, { lastModified: Date.UTC(2025, 11, 2) });

describe('C-CDA', () => {
  it('reads a CCD: identity, identifiers by OID, sections with counts, dates, document type', async () => {
    const review = await reviewFile(file(cdaDocument({ ssn: '444222222' }), 'CCD.xml'));
    expect(review.outcome).toBe('reviewed');
    expect(review.format).toBe('cda');
    const { findings } = review;
    expect(findings.patients).toBe(1);
    expect(findings.identity).toEqual({ names: 1, 'birth-dates': 1, addresses: 1, phones: 1, emails: 1, genders: 1, contacts: 1 });
    expect(findings.identifiers).toEqual([{ kind: 'ssn', value: '444222222', check: 'valid', where: 'cda-patient-role' }]);
    expect(findings.recordNumbers).toBe(1);
    expect(Object.fromEntries(Object.entries(findings.categories).map(([name, count]) => [name, count!.count]))).toEqual({
      allergies: 1, medications: 2, problems: 2, results: 2, 'vital-signs': 1, immunisations: 1, procedures: 1, encounters: 1, insurance: 1,
    });
    expect(findings.categories.problems!.dates).toEqual({ '2016-08-15': 1, '2020-03-01': 1 });
    expect(findings.categories.insurance!.dates).toEqual({ 2019: 1 });
    expect(findings.documents).toEqual([{ kind: 'ccd', title: 'Summary of episode note', date: '2023-01-20', path: 'CCD.xml', mimeType: 'text/xml' }]);
    expect(findings.firstDate).toBe('2015-01-01');
    expect(findings.lastDate).toBe('2023-01-20');
  });

  it.each([
    ['discharge summary 18842-5', letterDocument('discharge', '20180614'), 'discharge-summary', '2018-06-14'],
    ['referral note 57133-1', letterDocument('referral', '20171103091500+1300'), 'referral-note', '2017-11-03'],
    ['a prefixed namespace (cda:ClinicalDocument)', cdaDocument({ prefix: 'cda' }), 'ccd', '2023-01-20'],
  ])('recognises a %s', async (_, xml, kind, date) => {
    const review = await reviewFile(file(xml));
    expect(review.outcome).toBe('reviewed');
    expect(review.findings.documents[0]).toMatchObject({ kind, date });
  });

  it('reads a document in a declared legacy encoding, and UTF-16 with a byte-order mark', async () => {
    const latin1 = cdaDocument({ encodingDeclaration: 'ISO-8859-1' }).replace('Whangārei', 'Rotorua café');
    const bytes = Uint8Array.from(latin1, (char) => char.charCodeAt(0));
    expect((await reviewFile(file(bytes))).outcome).toBe('reviewed');

    const utf16 = cdaDocument({ encodingDeclaration: 'UTF-16' });
    const encoded = new Uint8Array(2 + utf16.length * 2);
    encoded.set([0xff, 0xfe]);
    for (let index = 0; index < utf16.length; index++) new DataView(encoded.buffer).setUint16(2 + index * 2, utf16.charCodeAt(index), true);
    const review = await reviewFile(file(encoded));
    expect(review.outcome).toBe('reviewed');
    expect(review.findings.documents[0]?.kind).toBe('ccd');
  });
});

describe('FHIR JSON', () => {
  it('reads a Bundle: national identifiers by system with check digits, categories, documents', async () => {
    const review = await reviewFile(file(JSON.stringify(bundle(), null, 2), 'export.json'));
    expect(review.outcome).toBe('reviewed');
    expect(review.format).toBe('fhir-json');
    const { findings } = review;
    expect(findings.identifiers.map(({ kind, check }) => [kind, check])).toEqual([
      ['nhi', 'valid'],
      ['ihi', 'valid'],
      ['medicare-au', 'valid'],
      ['nhs-number', 'valid'],
      ['ssn', 'valid'],
    ]);
    expect(findings.recordNumbers).toBe(2); // the MRN and the insurer's subscriber id
    expect(findings.identity).toEqual({ names: 1, 'birth-dates': 1, addresses: 1, genders: 1, phones: 1, emails: 1, contacts: 1 });
    expect(Object.fromEntries(Object.entries(findings.categories).map(([name, count]) => [name, count!.count]))).toEqual({
      problems: 2, medications: 2, allergies: 1, results: 2, 'vital-signs': 1, immunisations: 1, procedures: 1, encounters: 1, insurance: 1, providers: 1,
    });
    expect(findings.documents).toEqual([
      { kind: 'referral-note', title: 'Referral to cardiology', date: '2018-04-03', path: 'export.json', mimeType: 'application/pdf', size: 48213 },
      { kind: 'discharge-summary', title: 'Discharge summary', date: '2021-09-30', path: 'export.json', mimeType: 'text/plain' },
    ]);
    expect([findings.firstDate, findings.lastDate]).toEqual(['2015-04-02', '2023-01-19']);
  });

  it('gives the same result whatever the chunk boundaries', async () => {
    const text = JSON.stringify(bundle());
    const whole = await reviewFile(file(text));
    for (const size of [1, 7, 64, 1000]) {
      const bytes = strToU8(text);
      const chunked = {
        name: 'download',
        size: bytes.length,
        stream: () =>
          new ReadableStream<Uint8Array>({
            start(controller) {
              for (let offset = 0; offset < bytes.length; offset += size) controller.enqueue(bytes.slice(offset, offset + size));
              controller.close();
            },
          }),
      };
      const review = await reviewFile(chunked);
      expect(review.findings, `chunks of ${size}`).toEqual(whole.findings);
    }
  });

  it('reads a single resource and NDJSON (bulk export)', async () => {
    const single = await reviewFile(file(JSON.stringify(PATIENT)));
    expect(single.format).toBe('fhir-json');
    expect(single.findings.identifiers).toHaveLength(5);

    const bulk = await reviewFile(file(ndjson(), 'Patient.000.ndjson'));
    expect(bulk.format).toBe('fhir-ndjson');
    expect(bulk.findings.categories.problems?.count).toBe(2);
    expect(bulk.findings.patients).toBe(1);
  });

  it('reads a flagged invalid check digit as invalid, not as a different number', async () => {
    const patient = { ...PATIENT, identifier: [{ system: 'https://standards.digital.health.nz/ns/nhi-id', value: 'ZZZ0017' }] };
    const review = await reviewFile(file(JSON.stringify(patient)));
    expect(review.findings.identifiers).toEqual([{ kind: 'nhi', value: 'ZZZ0017', check: 'invalid', where: 'fhir-patient' }]);
  });

  it('reads UTF-16 JSON with a byte-order mark', async () => {
    const text = JSON.stringify(PATIENT);
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let index = 0; index < text.length; index++) new DataView(bytes.buffer).setUint16(2 + index * 2, text.charCodeAt(index), true);
    const review = await reviewFile(file(bytes));
    expect(review.outcome).toBe('reviewed');
    expect(review.findings.identifiers).toHaveLength(5);
  });

  it('skips entries of a type no FHIR version has, and says so once', async () => {
    const review = await reviewFile(file(JSON.stringify(bundle([PATIENT, { resourceType: 'Pateint' }, { resourceType: 'Pateint' }, { resourceType: 'VisionPrescription' }]))));
    expect(review.outcome).toBe('reviewed');
    expect(review.warnings).toEqual([{ code: 'fhir-unknown-types', count: 2, types: ['Pateint'] }]);
    expect(review.findings.categories.other?.count).toBe(1);
  });

  it('reads documents of an unknown kind as clinical documents', async () => {
    const review = await reviewFile(file(JSON.stringify(bundle([{ resourceType: 'DocumentReference', type: { text: 'Letter' }, date: '2019' }]))));
    expect(review.findings.documents).toEqual([{ kind: 'clinical-document', title: 'Letter', date: '2019', path: 'download' }]);
    expect(RESOURCES.length).toBeGreaterThan(10);
  });
});

describe('zip packages', () => {
  it('reads an IHE XDM package: the metadata, each CDA document and the PDF it describes', async () => {
    const review = await reviewFile(file(xdmZip(), 'record-export.zip'));
    expect(review.outcome).toBe('reviewed');
    expect(review.format).toBe('xdm');
    const documents = review.findings.documents.map(({ kind, date, path }) => ({ kind, date, path }));
    expect(documents).toEqual([
      { kind: 'referral-note', date: '2017-03-15', path: 'record-export.zip › IHE_XDM/SUBSET01/DOC0001.XML' },
      { kind: 'referral-note', date: '2018-08-22', path: 'record-export.zip › IHE_XDM/SUBSET01/DOC0002.XML' },
      { kind: 'discharge-summary', date: '2021-09-30', path: 'record-export.zip › IHE_XDM/SUBSET01/DOC0004.XML' },
      { kind: 'referral-note', date: '2019-11-05', path: 'record-export.zip › IHE_XDM/SUBSET01/DOC0003.PDF' },
    ]);
    expect(review.findings.documents[3]).toMatchObject({ mimeType: 'application/pdf', title: 'Referral note', fileDate: '2025-12-02' });
    // The package index comes first in the zip; the same NHI in each document is not repeated.
    expect(review.findings.identifiers).toEqual([{ kind: 'nhi', value: 'ZZZ0016', check: 'valid', where: 'xdm-metadata' }]);
    expect(review.findings.identity).toMatchObject({ names: 4, 'birth-dates': 4 });
    expect(review.warnings).toEqual([]);
  });

  it('reads an XDM package written with backslashes (Windows)', async () => {
    const review = await reviewFile(file(xdmZip({ separator: '\\' })));
    expect(review.format).toBe('xdm');
    expect(review.findings.documents).toHaveLength(4);
  });

  it('reads an Apple Health export: clinical records and export_cda.xml, and says what it skipped', async () => {
    const review = await reviewFile(file(appleHealthZip(), 'export.zip'));
    expect(review.outcome).toBe('reviewed');
    expect(review.format).toBe('apple-health');
    expect(review.findings.categories.problems?.count).toBe(1);
    expect(review.findings.categories.immunisations?.count).toBe(1);
    expect(review.findings.identifiers.map((found) => found.kind)).toContain('nhi');
    expect(review.findings.documents.map((document) => document.kind)).toEqual(['device-measurements']);
    // Date of birth and sex from <Me> in export.xml (read past its DTD), plus the CDA and Patient.
    expect(review.findings.identity['birth-dates']).toBe(3);
    expect(review.warnings).toEqual([{ code: 'apple-measurements-skipped' }, { code: 'apple-routes', count: 1 }, { code: 'apple-ecgs', count: 1 }]);
    expect(review.zipEntries).toEqual({ read: 5, total: 8 });
  });
});

it('reads only the head of a large Apple Health export.xml', async () => {
  const records = '<Record type="HKQuantityTypeIdentifierStepCount" value="1200" startDate="2024-01-01 08:00:00 +1300"/>\n'.repeat(200_000);
  const zip = zipSync({
    'apple_health_export/export.xml': strToU8(`<?xml version="1.0"?>\n<HealthData locale="en_NZ"><Me HKCharacteristicTypeIdentifierDateOfBirth="1980-02-14"/>${records}</HealthData>`),
    'apple_health_export/clinical-records/Condition-1.json': strToU8('{"resourceType":"Condition","onsetDateTime":"2018-02-01"}'),
  });
  // export.xml unpacks to about 20 MB, over this cap: it must not be unpacked in full.
  const review = await reviewFile(file(zip, 'export.zip'), { limits: { maxUnzippedBytes: 5 * 1024 * 1024 } });
  expect(review.outcome, JSON.stringify(review.message)).toBe('reviewed');
  expect(review.findings.identity['birth-dates']).toBe(1);
  expect(review.findings.categories.problems?.count).toBe(1);
});

describe('files that are listed, not parsed', () => {
  it('lists a PDF with its size and date', async () => {
    const review = await reviewFile(file('%PDF-1.7\n%…\n', 'letter.pdf'));
    expect(review.outcome).toBe('listed');
    expect(review.findings.documents).toEqual([{ kind: 'pdf', path: 'letter.pdf', size: 14, mimeType: 'application/pdf', fileDate: '2025-12-02' }]);
  });

  it('lists an image', async () => {
    const review = await reviewFile(file(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), 'scan.png'));
    expect(review).toMatchObject({ outcome: 'listed', format: 'image' });
    expect(review.findings.documents[0]?.mimeType).toBe('image/png');
  });

  it('does not go by the file name', async () => {
    const review = await reviewFile(file(cdaDocument(), 'record.pdf'));
    expect(review.format).toBe('cda');
  });
});

it('never treats a CCD code as anything but LOINC', () => {
  expect(CCD_CODE.code).toBe('34133-9');
});
