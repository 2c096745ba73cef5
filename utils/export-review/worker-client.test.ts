import { describe, expect, it, vi } from 'vitest';
import type { FileReview } from './model';
import { startReview, type WorkerLike } from './worker-client';
import type { FromWorker, ToWorker } from './worker-protocol';

function fakeWorker() {
  const sent: ToWorker[] = [];
  const worker: WorkerLike & { reply(message: FromWorker): void; crash(): void } = {
    postMessage: (message) => sent.push(message),
    terminate: vi.fn(),
    onmessage: null,
    onerror: null,
    reply: (message) => worker.onmessage?.({ data: message } as MessageEvent<FromWorker>),
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
    worker.reply({ type: 'done', id, review: { name: 'a.json', outcome: 'reviewed' } as FileReview });
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
    expect(await job.done).toMatchObject({ outcome: 'failed', errorCode: 'stalled' });
    expect(worker.terminate).toHaveBeenCalled();
  });
});
