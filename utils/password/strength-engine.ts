import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import type { Estimate } from './strength';

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
    // The l33t matcher tries every combination of up to this many substitutions. The default (100)
    // took 50–150 ms for some 20-character passwords, several frames per keystroke; 8 keeps the
    // p95 under one frame (scripts/bench/password-strength.ts) and still scores P@$$w0rd!,
    // dr@g0n2026 and 1l0v3y0u as weak (strength.test.ts).
    l33tMaxSubstitutions: 8,
    // NIST asks sites to accept at least 64 characters; past 100 the score cannot get better, and
    // estimating the whole of a pasted novel would stall the page.
    maxLength: 100,
  });
  // One estimate right away, while the patient is still reading the page, so the JIT has seen the
  // matchers before the first real keystroke (the bench measured 18–32 ms for a cold first one).
  factory.check('Warm-up: kauri tuatara 2026!', ['warm-up']);
  return (password, userInputs) => {
    const { score, feedback } = factory.check(password, userInputs);
    return { score, ...(feedback.warning ? { warning: feedback.warning } : {}), suggestions: feedback.suggestions };
  };
}
