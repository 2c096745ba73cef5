import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { noticeSchema, type Notice } from '@/utils/feed/schema';
import { cdaDocument } from '@/utils/export-review/fixtures/cda';
import { PATIENT, bundle } from '@/utils/export-review/fixtures/fhir';
import { DSTU2_RESOURCES } from '@/utils/export-review/fixtures/fhir-versions';
import type { DownloadItemLike, DownloadsApi } from '@/utils/export-review/downloads';
import type { FileReview } from '@/utils/export-review/model';
import { reviewFile } from '@/utils/export-review/review';
import type { ReviewJob } from '@/utils/export-review/worker-client';
import { CATALOGUE, catalogueIndex } from '@/utils/portals';
import type { Portal } from '@/utils/portals';
import { ExportReview, type ExportReviewDeps } from './ExportReview';

const notice = (id: string): Notice => noticeSchema.parse(JSON.parse(readFileSync(resolve(process.cwd(), `feed/notices/${id}.json`), 'utf8')));
const MEDISECURE = notice('au-medisecure-2024');
const MMH: Notice = noticeSchema.parse(JSON.parse(readFileSync(resolve(process.cwd(), 'feed/notices/nz-managemyhealth-2025-12.json'), 'utf8')));

/** Parse for real, in this process: the page test is about the page, not the worker. */
async function reviewText(text: string, name: string): Promise<FileReview> {
  const bytes = new TextEncoder().encode(text);
  return reviewFile({ name, size: bytes.length, stream: () => new ReadableStream({ start: (controller) => (controller.enqueue(bytes), controller.close()) }) });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 100 && !check(); i++) await settle();
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

function mount(overrides: Partial<ExportReviewDeps> = {}) {
  const container = document.createElement('div');
  document.body.append(container);
  const reviews = new Map<string, FileReview>();
  const deps: ExportReviewDeps = {
    portals: CATALOGUE as readonly Portal[],
    portalIndex: catalogueIndex,
    initialPortal: 'managemyhealth',
    startReview: (file): ReviewJob => ({ done: Promise.resolve(reviews.get(file.name)!), cancel: vi.fn() }),
    loadNotices: async (id) => (id === 'managemyhealth' ? [MMH] : []),
    today: () => new Date('2026-02-01T00:00:00Z'),
    print: vi.fn(),
    ...overrides,
  };
  render(<ExportReview deps={deps} />, container);
  const choose = (files: File[]) => {
    const input = container.querySelector<HTMLInputElement>('#export-files')!;
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change'));
  };
  return { container, reviews, choose, deps };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('ExportReview page', () => {
  it('says which FHIR version was read, and "more than" past the patient records it compares', async () => {
    const { container, reviews, choose } = mount();
    reviews.set('MedicationOrder.json', await reviewText(JSON.stringify(bundle(DSTU2_RESOURCES)), 'MedicationOrder.json'));
    const people = Array.from({ length: 1005 }, (_, index) => JSON.stringify({ ...PATIENT, id: `p${index}`, identifier: [{ system: 'http://hospital.example.org/mrn', value: `MRN-${index}` }], name: [{ family: `Example-${index}`, given: ['Aroha'] }] })).join('\n');
    reviews.set('Patient.ndjson', await reviewText(people, 'Patient.ndjson'));
    choose([new File(['x'], 'MedicationOrder.json'), new File(['x'], 'Patient.ndjson')]);
    await until(() => container.querySelectorAll('[data-testid="file-outcome"]').length === 2, 'both reviews');
    expect(container.querySelector('[data-testid="file-fhir-version"]')!.textContent).toBe(' (FHIR DSTU2)');
    const facts = container.querySelector('[data-testid="summary-facts"]')!.textContent!;
    expect(facts).toContain('2 files reviewed.');
    // 1005 people in a bulk export: names and the same hospital's record numbers differ.
    expect(facts).toContain('Records of more than 1,000 different people (their names and record numbers from the same hospital or clinic differ).');
    expect(facts).toContain('FHIR version read: DSTU2.');
    expect(container.querySelector('[data-testid="high-risk"]')!.textContent).toContain('Records of more than 1,000 different people (their names and record numbers from the same hospital or clinic differ)');
    expect(container.querySelector('[data-testid="people"]')!.textContent).toBe('These files hold the records of more than 1,000 different people: their names and record numbers from the same hospital or clinic differ.');
  });

  it('reviews a file, cross-references the notice, masks numbers until asked', async () => {
    const { container, reviews, choose } = mount();
    reviews.set('CCD.xml', await reviewText(cdaDocument({ ssn: '444222222', nhi: 'ZZZ0016' }), 'CCD.xml'));
    await until(() => !!container.querySelector('#portal-choice'), 'the page');
    expect(container.querySelector<HTMLSelectElement>('#portal-choice')!.value).toBe('managemyhealth');

    choose([new File(['x'], 'CCD.xml')]);
    await until(() => !!container.querySelector('[data-testid="summary"]'), 'the summary');
    expect(container.querySelector('[data-testid="file-outcome"]')!.textContent).toContain('Reviewed: C-CDA clinical document');
    expect(container.querySelector('[data-testid="high-risk"]')!.textContent).toContain('US Social Security number present');
    expect(container.querySelector('[data-testid="cross-reference"] h3')!.textContent).toContain('Manage My Health');

    const values = () => [...container.querySelectorAll('[data-testid="identifier-value"]')].map((cell) => cell.textContent);
    expect(values()).toEqual(['***-**-2222', '*****16']);
    const show = container.querySelector<HTMLButtonElement>('button[aria-label="Show the full US Social Security number"]')!;
    expect(show.getAttribute('aria-pressed')).toBe('false');
    show.click();
    await settle();
    expect(values()).toEqual(['444222222', '*****16']);
    container.querySelector<HTMLButtonElement>('button[aria-label="Hide the full US Social Security number"]')!.click();
    await settle();
    expect(values()).toEqual(['***-**-2222', '*****16']);
  });

  it('prints a summary that holds no identifier value, not even masked digits', async () => {
    const { container, reviews, choose, deps } = mount();
    reviews.set('CCD.xml', await reviewText(cdaDocument({ ssn: '444222222', nhi: 'ZZZ0016' }), 'CCD.xml'));
    choose([new File(['x'], 'CCD.xml')]);
    await until(() => !!container.querySelector('[data-testid="print-summary"]'), 'the print summary');
    const printed = container.querySelector('[data-testid="print-summary"]')!.textContent!;
    expect(printed).toContain('US Social Security number: present');
    expect(printed).toContain('National Health Index (NHI) number (NZ): present');
    for (const fragment of ['444222222', '2222', 'ZZZ0016', '0016', '*****', 'CCD.xml', 'MRN-000123']) expect(printed).not.toContain(fragment);
    [...container.querySelectorAll('button')].find((button) => button.textContent?.startsWith('Print'))!.click();
    expect(deps.print).toHaveBeenCalled();
  });

  it('compares with a notice that involved no portal, chosen from the same list', async () => {
    const { container, reviews, choose } = mount({ initialPortal: '', loadOtherNotices: async () => [MEDISECURE] });
    reviews.set('export.json', await reviewText(JSON.stringify(bundle()), 'export.json'));
    await until(() => !!container.querySelector(`option[value="notice:${MEDISECURE.id}"]`), 'the notice option');
    const select = container.querySelector<HTMLSelectElement>('#portal-choice')!;
    select.value = `notice:${MEDISECURE.id}`;
    select.dispatchEvent(new Event('change'));
    choose([new File(['x'], 'export.json')]);
    await until(() => container.querySelectorAll('[data-testid="xref-headline"]').length > 0, 'the headline');
    expect([...container.querySelectorAll('[data-testid="xref-headline"]')].map((element) => element.textContent)).toEqual([
      'The notice says prescriptions from March 2019\u2009–\u2009November 2023 were affected. Your export has 1 prescription dated in that period.',
    ]);
  });

  it('shows why a file was not read', async () => {
    const { container, reviews, choose } = mount({ initialPortal: '' });
    reviews.set('page.html', await reviewText('<!DOCTYPE html><html><body>Sign in</body></html>', 'page.html'));
    choose([new File(['x'], 'page.html')]);
    await until(() => !!container.querySelector('[data-testid="file-message"]'), 'the message');
    expect(container.querySelector('[data-testid="file-message"]')!.textContent).toMatch(/web page \(HTML\)/);
    expect(container.querySelector('[data-testid="summary"]')).toBeNull();
  });

  it('asks for the downloads permission only on a click, then lists, confirms and deletes', async () => {
    const found: DownloadItemLike[] = [{ id: 9, url: 'https://portal.managemyhealth.co.nz/Documents/Download/1', filename: '/home/pat/Downloads/health-record.zip', startTime: '2026-01-05T09:00:00.000Z', fileSize: 5000, exists: true, state: 'complete' }];
    const downloads = {
      search: vi.fn(async () => found),
      erase: vi.fn(async () => [9]),
      removeFile: vi.fn(async () => {}),
    };
    const api: DownloadsApi = { permissions: { request: vi.fn(async () => true), contains: vi.fn(async () => true) }, downloads };
    const { container } = mount({ downloadsApi: api });
    await settle();
    expect(api.permissions.request).not.toHaveBeenCalled();
    [...container.querySelectorAll('button')].find((button) => button.textContent === 'Find health record downloads')!.click();
    expect(api.permissions.request).toHaveBeenCalledWith({ permissions: ['downloads'] });
    await until(() => !!container.querySelector('[data-testid="downloads"]'), 'the list');
    expect(container.querySelector('[data-testid="downloads"]')!.textContent).toContain('health-record.zip from Manage My Health');

    const button = (label: string) => [...container.querySelectorAll('button')].find((candidate) => candidate.textContent === label)!;
    button('Delete the file').click();
    await settle();
    expect(container.textContent).toContain('Delete health-record.zip from this computer? This cannot be undone.');
    expect(downloads.removeFile).not.toHaveBeenCalled();
    button('Yes, delete the file').click();
    await until(() => downloads.removeFile.mock.calls.length > 0, 'the delete');
    expect(downloads.removeFile).toHaveBeenCalledWith(9);
    await until(() => !!container.querySelector('[role="status"]')?.textContent?.includes('deleted'), 'the status');
  });

  it('explains what happens without the permission', async () => {
    const api: DownloadsApi = { permissions: { request: vi.fn(async () => false), contains: vi.fn(async () => false) } };
    const { container } = mount({ downloadsApi: api });
    [...container.querySelectorAll('button')].find((button) => button.textContent === 'Find health record downloads')!.click();
    await until(() => !!container.querySelector('[role="alert"]'), 'the alert');
    expect(container.querySelector('[role="alert"]')!.textContent).toMatch(/cannot see your downloads/);
  });
});
