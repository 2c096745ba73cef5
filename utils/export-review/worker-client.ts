import { emptyFindings, type FileReview } from './model';
import type { ReviewLimits } from './limits';
import type { ReviewProgress } from './review';
import type { ReviewMessage } from './review-message';
import { fromWorkerSchema, type FromWorker, type ToWorker } from './worker-protocol';

/**
 * Runs one review in its own Web Worker. Cancel terminates the worker at once, even in the middle
 * of a chunk; a worker that crashes (out of memory) or goes silent becomes a failed review with a
 * message, never a frozen page. Every reply is parsed (`worker-protocol.ts`) before it is used: one
 * that is not a language-free review is a failed review too.
 */

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export function createReviewWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'export-review' });
}

export interface ReviewJob {
  readonly done: Promise<FileReview>;
  cancel(): void;
}

export interface StartReviewOptions {
  onProgress?: (progress: ReviewProgress) => void;
  limits?: Partial<ReviewLimits>;
  createWorker?: () => WorkerLike;
  /** With no word from the worker for this long, it is stopped. Progress comes every 100 ms. */
  stallMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

let nextId = 1;

export function startReview(file: File, options: StartReviewOptions = {}): ReviewJob {
  const { createWorker = createReviewWorker, stallMs = 30_000, setTimer = (callback, ms) => setTimeout(callback, ms), clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>) } = options;
  const id = nextId++;
  const worker = createWorker();
  let settle: (review: FileReview) => void = () => {};
  let settled = false;
  let timer: unknown;
  const done = new Promise<FileReview>((resolve) => {
    settle = resolve;
  });

  const finish = (review: FileReview) => {
    if (settled) return;
    settled = true;
    clearTimer(timer);
    worker.terminate();
    settle(review);
  };
  const stopped = (outcome: 'cancelled' | 'failed', message: ReviewMessage, errorCode: string): FileReview => ({
    name: file.name,
    size: file.size,
    lastModified: file.lastModified,
    format: 'unknown',
    outcome,
    message,
    errorCode,
    warnings: [],
    findings: emptyFindings(),
  });
  const watch = () => {
    clearTimer(timer);
    timer = setTimer(() => finish(stopped('failed', { code: 'stalled' }, 'stalled')), stallMs);
  };

  worker.onmessage = (event) => {
    const parsed = fromWorkerSchema.safeParse(event.data);
    if (!parsed.success) {
      finish(stopped('failed', { code: 'bad-reply' }, 'bad-reply'));
      return;
    }
    const message: FromWorker = parsed.data;
    if (message.id !== id) return;
    watch();
    if (message.type === 'progress') options.onProgress?.(message.progress);
    else finish(message.review);
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    finish(stopped('failed', { code: 'worker-crashed' }, 'worker-crashed'));
  };
  watch();
  worker.postMessage({ type: 'review', id, file, ...(options.limits ? { limits: options.limits } : {}) });

  return {
    done,
    cancel: () => finish(stopped('cancelled', { code: 'cancelled' }, 'cancelled')),
  };
}
