// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { useLocale } from '../../test/use-locale';
import { DATA_CLASSES, noticeSchema, type Notice } from '../feed/schema';
import { MEASURES, WINDOW_HEADLINES, crossReference } from './cross-reference';
import { xdmZip } from './fixtures/zips';
import { cdaDocument } from './fixtures/cda';
import { PATIENT, bundle } from './fixtures/fhir';
import { reviewFile } from './review';
import { highRiskItems, mergeFindings } from './summary';

const noticeFile = (id: string): Notice => {
  const raw = JSON.parse(readFileSync(fileURLToPath(new URL(`../../feed/notices/${id}.json`, import.meta.url)), 'utf8'));
  return noticeSchema.parse(raw);
};

describe('cross-reference with a breach notice', () => {
  it('answers the Manage My Health question: referral letters from 2017–2019', async () => {
    const notice = noticeFile('nz-managemyhealth-2025-12');
    const review = await reviewFile(new File([xdmZip()], 'mmh-export.zip'));
    const result = crossReference(notice, review.findings);
    expect(result.headlines).toEqual([{ dataClass: 'referral-letters', text: 'The notice says referral letters from 2017–2019 were affected. Your export has 3 referral letters dated in that period.' }]);
    const row = (id: string) => result.rows.find((r) => r.dataClass === id)!;
    expect(row('referral-letters').window).toEqual({ from: '2017', to: '2019', label: '2017–2019', inWindow: 3, undated: 0 });
    expect(row('discharge-summaries')).toMatchObject({ status: 'in-export', count: 1, inFiles: '1' });
    expect(row('national-health-identifiers')).toMatchObject({ status: 'in-export', count: 1 });
    expect(row('email-addresses')).toMatchObject({ status: 'in-export' });
    expect(row('appointments')).toMatchObject({ notice: 'not-affected', status: 'not-in-export', inFiles: 'None found' });
    expect(row('credentials')).toMatchObject({ notice: 'not-affected', status: 'cannot-check', why: 'A record export never holds your sign-in details. If the notice says they were taken, change your password and turn on two-step verification.' });
  });

  it('says so when nothing falls in the window', async () => {
    const notice = noticeFile('nz-managemyhealth-2025-12');
    const review = await reviewFile(new File([cdaDocument({ code: { code: '57133-1', displayName: 'Referral note', template: '2.16.840.1.113883.10.20.22.1.14' }, effectiveTime: '20210101' })], 'letter.xml'));
    const result = crossReference(notice, review.findings);
    const row = result.rows.find((r) => r.dataClass === 'referral-letters')!;
    expect(result.headlines).toEqual([]);
    expect(row).toMatchObject({ status: 'in-export', count: 1, inFiles: '1 (0 dated 2017–2019)', window: { inWindow: 0, undated: 0 } });
  });

  it('looks for passports and driver’s licences (issue 15) instead of saying it does not', async () => {
    const notice: Notice = { ...noticeFile('nz-managemyhealth-2025-12'), dataClasses: ['passport-numbers', 'drivers-licenses'], notAffected: [] };
    const patient = { resourceType: 'Patient', identifier: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PPN' }] }, system: 'http://standardhealthrecord.org/fhir/StructureDefinition/passportNumber', value: 'X41385373X' }] };
    const found = crossReference(notice, (await reviewFile(new File([JSON.stringify(patient)], 'p.json'))).findings);
    const none = crossReference(notice, (await reviewFile(new File([cdaDocument()], 'ccd.xml'))).findings);
    expect(found.rows.map((row) => [row.dataClass, row.status])).toEqual([['passport-numbers', 'in-export'], ['drivers-licenses', 'not-in-export']]);
    expect(none.rows.map((row) => row.status)).toEqual(['not-in-export', 'not-in-export']);
    expect(none.rows.map((row) => row.why)).toEqual([undefined, undefined]);
  });

  it('covers every data class of the feed vocabulary', () => {
    expect(Object.keys(MEASURES).sort()).toEqual(Object.keys(DATA_CLASSES).sort());
  });

  it('has a headline, with its own plural noun, for every data class a notice can date', () => {
    const dated = Object.entries(MEASURES).filter(([, measure]) => 'categories' in measure || 'documents' in measure).map(([dataClass]) => dataClass);
    expect(Object.keys(WINDOW_HEADLINES).sort()).toEqual(dated.sort());
  });
});

/**
 * The headline in the patient's language: one whole message per data class and per count, the
 * period written by Intl in that language, and the undated items as a sentence of their own.
 * Real exports: the Manage My Health XDM package (three referral letters, 2017–2019) and a FHIR
 * Bundle with two conditions (2016 and 2020) and two medication statements, one of them undated.
 */
describe('headlines in English, French and Spanish', () => {
  let restore = () => {};
  afterEach(() => restore());

  const mmh = noticeFile('nz-managemyhealth-2025-12');
  const TREATMENT = [
    PATIENT,
    { resourceType: 'Condition', id: 'c1', code: { text: 'Type 2 diabetes' }, onsetDateTime: '2016-08-15', subject: { reference: 'Patient/p1' } },
    { resourceType: 'Condition', id: 'c2', code: { text: 'Hypertension' }, onsetDateTime: '2020-03-01', subject: { reference: 'Patient/p1' } },
    { resourceType: 'MedicationStatement', id: 'm1', status: 'active', medicationCodeableConcept: { text: 'Metformin 500 mg' }, effectiveDateTime: '2019-05-01', subject: { reference: 'Patient/p1' } },
    { resourceType: 'MedicationStatement', id: 'm2', status: 'active', medicationCodeableConcept: { text: 'Cilazapril 2.5 mg' }, subject: { reference: 'Patient/p1' } },
  ];
  const monthly: Notice = {
    ...mmh,
    dataClasses: ['diagnoses', 'medications'],
    notAffected: [],
    dataClassDetails: [
      { dataClass: 'diagnoses', documentWindow: { from: '2016-08', to: '2016-12' } },
      { dataClass: 'medications', documentWindow: { from: '2010', to: '2024' } },
    ],
  };

  it.each([
    {
      locale: 'en', ui: 'en-NZ', notice: mmh, file: () => xdmZip(),
      want: [{ dataClass: 'referral-letters', text: 'The notice says referral letters from 2017–2019 were affected. Your export has 3 referral letters dated in that period.' }],
    },
    {
      locale: 'fr', ui: 'fr-CA', notice: mmh, file: () => xdmZip(),
      want: [{ dataClass: 'referral-letters', text: 'Selon l’avis, des demandes de consultation (références) de la période 2017\u2009–\u20092019 ont été touchées. Votre exportation contient 3 demandes de consultation datées de cette période.' }],
    },
    {
      locale: 'es', ui: 'es-US', notice: mmh, file: () => xdmZip(),
      want: [{ dataClass: 'referral-letters', text: 'Según el aviso, se vieron afectadas cartas de referido a otro médico del período 2017–2019. Su expediente descargado tiene 3 cartas de referido fechadas en ese período.' }],
    },
    {
      locale: 'en', ui: 'en-NZ', notice: monthly, file: () => JSON.stringify(bundle(TREATMENT)),
      want: [
        { dataClass: 'diagnoses', text: 'The notice says diagnoses and conditions from August\u2009–\u2009December 2016 were affected. Your export has 1 diagnosis or condition dated in that period.' },
        { dataClass: 'medications', text: 'The notice says medications from 2010–2024 were affected. Your export has 1 medication dated in that period.', undated: '1 more item of this kind has no date, so it may be from that period too.' },
      ],
    },
    {
      locale: 'fr', ui: 'fr-CA', notice: monthly, file: () => JSON.stringify(bundle(TREATMENT)),
      want: [
        { dataClass: 'diagnoses', text: 'Selon l’avis, des diagnostics et problèmes de santé de la période août\u2009–\u2009décembre 2016 ont été touchés. Votre exportation contient 1 diagnostic ou problème de santé daté de cette période.' },
        { dataClass: 'medications', text: 'Selon l’avis, des médicaments de la période 2010\u2009–\u20092024 ont été touchés. Votre exportation contient 1 médicament daté de cette période.', undated: '1 autre élément de ce type n’a pas de date\u00a0: il pourrait aussi être de cette période.' },
      ],
    },
    {
      locale: 'es', ui: 'es-US', notice: monthly, file: () => JSON.stringify(bundle(TREATMENT)),
      want: [
        { dataClass: 'diagnoses', text: 'Según el aviso, se vieron afectados diagnósticos y afecciones del período agosto–diciembre de 2016. Su expediente descargado tiene 1 diagnóstico o afección fechado en ese período.' },
        { dataClass: 'medications', text: 'Según el aviso, se vieron afectados medicamentos del período 2010–2024. Su expediente descargado tiene 1 medicamento fechado en ese período.', undated: 'Otro elemento de este tipo no tiene fecha, así que también podría ser de ese período.' },
      ],
    },
  ])('$locale: $want.0.dataClass', async ({ locale, ui, notice, file, want }) => {
    const review = await reviewFile(new File([file()], 'export'));
    restore = await useLocale(locale, ui);
    expect(crossReference(notice, review.findings).headlines).toEqual(want);
  });
});

describe('summary across files', () => {
  it('merges files, de-duplicates identifiers and flags high-risk items', async () => {
    const a = await reviewFile(new File([cdaDocument({ ssn: '444222222', nhi: 'ZZZ0016' })], 'a.xml'));
    const b = await reviewFile(new File([xdmZip()], 'b.zip'));
    const merged = mergeFindings([a, b]);
    expect(merged.identifiers.map((found) => found.kind)).toEqual(['ssn', 'nhi']);
    expect(merged.documents).toHaveLength(5);
    expect(merged.firstDate).toBe('2015-01-01');
    // The same person in five documents: one patient, keyed by their record number.
    expect(merged.patients).toBe(1);
    expect(highRiskItems(merged).map((item) => item.id)).toEqual(['ssn', 'national-health-identifiers']);
    // Another person: a different name and date of birth (a Patient with only an id disagrees with nobody).
    const twoPeople = mergeFindings([a, await reviewFile(new File([JSON.stringify({ resourceType: 'Patient', id: 'other', name: [{ family: 'Example', given: ['Tama'] }], birthDate: '2009-06-30' })], 'c.json'))]);
    expect(highRiskItems(twoPeople).map((item) => item.id)).toContain('several-patients');
  });
});
