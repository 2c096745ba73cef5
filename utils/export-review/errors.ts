/**
 * Why a file could not be reviewed, in words for the patient. `code` is for tests and logs;
 * `message` is shown as is, so it says what happened and what to do, without jargon.
 */
export type ReviewErrorCode =
  | 'empty'
  | 'too-large'
  | 'too-deep'
  | 'truncated'
  | 'corrupt'
  | 'encoding'
  | 'zip-bomb'
  | 'zip-unsafe-name'
  | 'zip-encrypted'
  | 'zip-unsupported'
  | 'xml-doctype'
  | 'not-a-record'
  | 'wrong-resource'
  | 'cancelled';

export class ReviewError extends Error {
  constructor(
    readonly code: ReviewErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}

export function isReviewError(error: unknown): error is ReviewError {
  return error instanceof ReviewError;
}

/** Bytes as people read them: 1.2 MB, 340 KB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}
