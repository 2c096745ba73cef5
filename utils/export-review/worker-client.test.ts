// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { appleHealthZip, xdmZip } from './fixtures/zips';
import { emptyFindings, type FileReview } from './model';
import { reviewFile } from './review';
import { startReview, type WorkerLike } from './worker-client';
import type { FromWorker, ToWorker } from './worker-protocol';

function fakeWorker() {
  const sent: ToWorker[] = [];
  const worker: WorkerLike & { reply(message: unknown): void; crash(): void } = {
    postMessage: (message) => sent.push(message),
    terminate: vi.fn(),
    onmessage: null,
    onerror: null,
    reply: (message) => worker.onmessage?.({ data: message } as MessageEvent<unknown>),
    crash: () => worker.onerror?.({ preventDefault() {} } as ErrorEvent),
  };
  return { worker, sent };
}

const file = new File(['{}'], 'a.json');

describe('startReview', () => {
  it('sends the file, forwards progress, and stops the worker when done', async () => {
    const { worker, sent } = fakeWorker();
    const progress = vi.fn();
    const job = startReview(file, { createWorker: () => worker, onProgress: progress });
    const id = sent[0]!.id;
    expect(sent[0]).toMatchObject({ type: 'review', file });
    worker.reply({ type: 'progress', id, progress: { bytesDone: 1, bytesTotal: 2 } });
    worker.reply({ type: 'done', id, review: { name: 'a.json', size: 2, format: 'fhir-json', outcome: 'reviewed', warnings: [], findings: emptyFindings() } satisfies FileReview });
    expect((await job.done).outcome).toBe('reviewed');
    expect(progress).toHaveBeenCalledWith({ bytesDone: 1, bytesTotal: 2 });
    expect(worker.terminate).toHaveBeenCalled();
  });

  it('cancels at once by terminating the worker', async () => {
    const { worker } = fakeWorker();
    const job = startReview(file, { createWorker: () => worker });
    job.cancel();
    expect(await job.done).toMatchObject({ outcome: 'cancelled', findings: { identifiers: [] } });
    expect(worker.terminate).toHaveBeenCalled();
  });

  it('turns a crashed worker into a failed review with a message', async () => {
    const { worker } = fakeWorker();
    const job = startReview(file, { createWorker: () => worker });
    worker.crash();
    expect(await job.done).toMatchObject({ outcome: 'failed', errorCode: 'worker-crashed' });
  });

  it('stops a worker that goes silent', async () => {
    const { worker } = fakeWorker();
    let fire: () => void = () => {};
    const job = startReview(file, { createWorker: () => worker, setTimer: (callback) => ((fire = callback), 1), clearTimer: () => {} });
    fire();
    expect(await job.done).toMatchObject({ outcome: 'failed', errorCode: 'stalled', message: { code: 'stalled' } });
    expect(worker.terminate).toHaveBeenCalled();
  });
});

/**
 * The worker boundary (worker-protocol.ts): what the worker made of real exports crosses
 * unchanged, and a reply that is not a language-free review (a sentence instead of a code, a
 * count that is not a count) becomes a failed review, with nothing of it shown.
 */
describe('the worker boundary', () => {
  it.each([
    ['the Manage My Health XDM package', () => xdmZip(), 'mmh-export.zip'],
    ['an Apple Health export', () => appleHealthZip(), 'export.zip'],
    ['a cut-short zip', () => xdmZip().subarray(0, 2000), 'cut.zip'],
  ])('passes what the worker made of %s', async (_, bytes, name) => {
    const review = await reviewFile(new File([bytes()], name));
    const { worker, sent } = fakeWorker();
    const job = startReview(file, { createWorker: () => worker });
    worker.reply({ type: 'done', id: sent[0]!.id, review } satisfies FromWorker);
    expect(await job.done).toEqual(review);
  });

  const good: FileReview = { name: 'a.json', size: 2, format: 'fhir-json', outcome: 'refused', message: { code: 'too-deep', depth: 256 }, errorCode: 'too-deep', warnings: [], findings: emptyFindings() };
  it.each([
    ['an English sentence for the message (the old protocol)', { ...good, message: 'This file is nested more than 256 levels deep.' }],
    ['English warnings', { ...good, warnings: ['An entry larger than 300 KB (probably an attached file) was skipped.'] }],
    ['a zip detail in words', { ...good, detail: '3 of 5 files in the zip read' }],
    ['a message code the page does not know', { ...good, message: { code: 'format-disk' } }],
    ['a count that is not a count', { ...good, message: { code: 'too-deep', depth: -1 } }],
    ['a count written as text', { ...good, warnings: [{ code: 'apple-routes', count: '1' }] }],
    ['an extra parameter', { ...good, message: { code: 'zip-encrypted', html: '<img src=x onerror=alert(1)>' } }],
    ['where an identifier was found, in words', { ...good, findings: { ...emptyFindings(), identifiers: [{ kind: 'nhi', value: 'ZZZ0016', check: 'valid', where: 'Patient record' }] } }],
    ['a date that is not a date', { ...good, findings: { ...emptyFindings(), firstDate: 'last Tuesday' } }],
  ])('refuses %s', async (_, review) => {
    const { worker, sent } = fakeWorker();
    const job = startReview(file, { createWorker: () => worker });
    worker.reply({ type: 'done', id: sent[0]!.id, review });
    expect(await job.done).toMatchObject({ outcome: 'failed', errorCode: 'bad-reply', message: { code: 'bad-reply' }, warnings: [], findings: emptyFindings() });
    expect(worker.terminate).toHaveBeenCalled();
  });
});
