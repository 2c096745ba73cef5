import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import { STRENGTH_KEY, type Estimate } from './strength';

/**
 * The strength estimator: @zxcvbn-ts/core with the common and English dictionaries. This module is
 * the bulk of `password-strength.js` (the dictionaries are most of it), which the assistant loads
 * only on a page with a new-password form, after its own UI is already showing.
 */
export function createEstimator(): Estimate {
  const factory = new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
  });
  return (password, userInputs) => {
    const { score, feedback } = factory.check(password, userInputs);
    return { score, ...(feedback.warning ? { warning: feedback.warning } : {}), suggestions: feedback.suggestions };
  };
}

/** Called when `password-strength.js` runs: hand the factory to the isolated world. */
export function registerStrength(): void {
  (globalThis as unknown as Record<symbol, unknown>)[STRENGTH_KEY] = createEstimator;
}
