import type { ReviewLimits } from './limits';
import type { FileReview } from './model';
import type { ReviewProgress } from './review';

/** Page → worker. The File crosses by structured clone: the worker reads it, the page never does. */
export type ToWorker = { type: 'review'; id: number; file: File; limits?: Partial<ReviewLimits> };

/** Worker → page. */
export type FromWorker = { type: 'progress'; id: number; progress: ReviewProgress } | { type: 'done'; id: number; review: FileReview };
