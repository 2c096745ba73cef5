import type { ReviewMessage } from './review-message';

/**
 * Why a file could not be reviewed. `code` decides the outcome (refused, not recognised,
 * cancelled) and is for tests and logs; `review` is what the page says, as a message code with
 * its parameters (`review-message.ts`), which the page puts into the patient's language.
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
    readonly review: ReviewMessage,
  ) {
    // The Error's own message is the review code, for a stack trace; no sentence is written here.
    super(review.code);
    this.name = 'ReviewError';
  }
}

export function isReviewError(error: unknown): error is ReviewError {
  return error instanceof ReviewError;
}
