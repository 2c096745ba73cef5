// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATA_CLASSES, noticeSchema, type Notice } from '../feed/schema';
import { MEASURES, crossReference, windowLabel } from './cross-reference';
import { xdmZip } from './fixtures/zips';
import { cdaDocument } from './fixtures/cda';
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
    expect(result.headlines).toEqual(['The notice says referral letters from 2017–2019 were affected, and your export has 3 referral letters dated in that window.']);
    const row = (id: string) => result.rows.find((r) => r.dataClass === id)!;
    expect(row('referral-letters').window).toEqual({ from: '2017', to: '2019', label: '2017–2019', inWindow: 3, undated: 0 });
    expect(row('discharge-summaries')).toMatchObject({ status: 'in-export', count: 1, sentence: 'The notice says hospital discharge summaries were affected, and your export has 1 hospital discharge summary.' });
    expect(row('national-health-identifiers')).toMatchObject({ status: 'in-export', count: 1 });
    expect(row('email-addresses')).toMatchObject({ status: 'in-export' });
    expect(row('appointments')).toMatchObject({ notice: 'not-affected', status: 'not-in-export', sentence: 'The notice says appointments were not affected.' });
    expect(row('credentials')).toMatchObject({ notice: 'not-affected', status: 'cannot-check' });
  });

  it('says so when nothing falls in the window', async () => {
    const notice = noticeFile('nz-managemyhealth-2025-12');
    const review = await reviewFile(new File([cdaDocument({ code: { code: '57133-1', displayName: 'Referral note', template: '2.16.840.1.113883.10.20.22.1.14' }, effectiveTime: '20210101' })], 'letter.xml'));
    const row = crossReference(notice, review.findings).rows.find((r) => r.dataClass === 'referral-letters')!;
    expect(row.sentence).toBe('The notice says referral letters from 2017–2019 were affected, and your export has none dated in that window (it has 1 from other dates).');
  });

  it('looks for passports and driver’s licences (issue 15) instead of saying it does not', async () => {
    const notice: Notice = { ...noticeFile('nz-managemyhealth-2025-12'), dataClasses: ['passport-numbers', 'drivers-licenses'], notAffected: [] };
    const patient = { resourceType: 'Patient', identifier: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PPN' }] }, system: 'http://standardhealthrecord.org/fhir/StructureDefinition/passportNumber', value: 'X41385373X' }] };
    const found = crossReference(notice, (await reviewFile(new File([JSON.stringify(patient)], 'p.json'))).findings);
    const none = crossReference(notice, (await reviewFile(new File([cdaDocument()], 'ccd.xml'))).findings);
    expect(found.rows.map((row) => [row.dataClass, row.status])).toEqual([['passport-numbers', 'in-export'], ['drivers-licenses', 'not-in-export']]);
    expect(none.rows.map((row) => row.status)).toEqual(['not-in-export', 'not-in-export']);
    expect(none.rows.map((row) => row.sentence).join(' ')).not.toMatch(/does not look for/);
  });

  it('covers every data class of the feed vocabulary', () => {
    expect(Object.keys(MEASURES).sort()).toEqual(Object.keys(DATA_CLASSES).sort());
  });

  it.each([
    ['2017', '2019', '2017–2019'],
    ['2023-04', '2023-09', 'April 2023 – September 2023'],
    ['2024-02-21', '2024-02-21', '21 February 2024'],
  ])('labels the window %s to %s as %s', (from, to, label) => expect(windowLabel(from, to)).toBe(label));
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
