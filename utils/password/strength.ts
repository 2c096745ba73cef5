/**
 * What the new-password assistant says about a password: zxcvbn's score (0–4) with its feedback,
 * plus length advice in line with NIST SP 800-63B (rev. 4): length over composition rules, at
 * least 15 characters for a password that is the only factor, at least 8 with two-step
 * verification, up to 64 or more allowed, and no forced periodic changes. This file has no
 * zxcvbn in it; the estimator itself is loaded lazily (strength-engine.ts, `password-strength.js`).
 */

import { formatNumber } from '../i18n/format';
import { t } from '../i18n/t';

export type Score = 0 | 1 | 2 | 3 | 4;

export interface StrengthResult {
  score: Score;
  /** zxcvbn's main warning, in English, if any ("This is a heavily used password."). */
  warning?: string;
  suggestions: string[];
}

/** Estimate a password; `userInputs` are words from the page (email, user name, portal name). */
export type Estimate = (password: string, userInputs: string[]) => StrengthResult;

const STRENGTH_KEYS = { 0: 'assistant.strength.veryWeak', 1: 'assistant.strength.weak', 2: 'assistant.strength.fair', 3: 'assistant.strength.strong', 4: 'assistant.strength.veryStrong' } as const satisfies Record<Score, string>;

/** A score in words: "Very weak" … "Very strong". */
export const strengthLabel = (score: Score): string => t(STRENGTH_KEYS[score]);

export const NIST_MIN_SINGLE_FACTOR = 15;
export const NIST_MIN_WITH_MFA = 8;
export const NIST_MAX_AT_LEAST = 64;

export type LengthLevel = 'too-short' | 'short' | 'good' | 'very-long';

export function lengthAdvice(length: number): { level: LengthLevel; text: string } {
  const words = { length: formatNumber(length), min: formatNumber(NIST_MIN_SINGLE_FACTOR), max: formatNumber(NIST_MAX_AT_LEAST) };
  if (length < NIST_MIN_WITH_MFA) return { level: 'too-short', text: t('assistant.length.tooShort', length, words) };
  if (length < NIST_MIN_SINGLE_FACTOR) return { level: 'short', text: t('assistant.length.short', words) };
  if (length <= NIST_MAX_AT_LEAST) return { level: 'good', text: t('assistant.length.good', words) };
  return { level: 'very-long', text: t('assistant.length.veryLong', words) };
}

export interface FieldValues {
  newPassword: string;
  confirm?: string;
  current?: string;
}

export interface Assessment {
  length: number;
  advice: ReturnType<typeof lengthAdvice>;
  /** Undefined while the estimator is still loading. */
  strength?: StrengthResult;
  sameAsCurrent: boolean;
  /** `pending`: the confirmation so far matches the start of the new password. */
  confirm: 'absent' | 'empty' | 'pending' | 'match' | 'mismatch';
}

/** Everything the assistant shows for the fields as they are now. Pure. */
export function assess(values: FieldValues, estimate: Estimate | undefined, userInputs: string[] = []): Assessment {
  const { newPassword, confirm, current } = values;
  // Count what a person sees (code points), not UTF-16 units: an emoji is one character.
  const length = [...newPassword].length;
  return {
    length,
    advice: lengthAdvice(length),
    ...(estimate && newPassword ? { strength: estimate(newPassword, userInputs) } : {}),
    sameAsCurrent: newPassword.length > 0 && current !== undefined && current === newPassword,
    confirm: confirm === undefined ? 'absent' : confirm === '' ? 'empty' : confirm === newPassword ? 'match' : newPassword.startsWith(confirm) ? 'pending' : 'mismatch',
  };
}
