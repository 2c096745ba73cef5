// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createEstimator } from './strength-engine';
import { assess, lengthAdvice, type Estimate } from './strength';

describe('lengthAdvice (NIST SP 800-63B: length over composition)', () => {
  it.each([
    [0, 'too-short'],
    [7, 'too-short'],
    [8, 'short'],
    [14, 'short'],
    [15, 'good'],
    [64, 'good'],
    [65, 'very-long'],
  ] as const)('%i characters → %s', (length, level) => {
    expect(lengthAdvice(length).level).toBe(level);
  });

  it('never asks for symbols, digits or capitals', () => {
    for (const length of [0, 8, 15, 80]) expect(lengthAdvice(length).text).not.toMatch(/symbol|digit|number|capital|upper/i);
  });
});

describe('assess', () => {
  const fixed: Estimate = () => ({ score: 2, suggestions: [] });

  it.each([
    ['no confirmation field', { newPassword: 'abc' }, 'absent'],
    ['confirmation not typed yet', { newPassword: 'abc', confirm: '' }, 'empty'],
    ['confirmation typed so far', { newPassword: 'abcdef', confirm: 'abc' }, 'pending'],
    ['confirmation matches', { newPassword: 'abcdef', confirm: 'abcdef' }, 'match'],
    ['confirmation differs', { newPassword: 'abcdef', confirm: 'abX' }, 'mismatch'],
    ['confirmation longer', { newPassword: 'abc', confirm: 'abcd' }, 'mismatch'],
  ] as const)('%s → %s', (_name, values, confirm) => {
    expect(assess(values, fixed).confirm).toBe(confirm);
  });

  it.each([
    ['same as the current password', { newPassword: 'kauri tree', current: 'kauri tree' }, true],
    ['different', { newPassword: 'kauri tree 2', current: 'kauri tree' }, false],
    ['both empty', { newPassword: '', current: '' }, false],
    ['no current field', { newPassword: 'kauri tree' }, false],
  ] as const)('warns when the new password is %s: %s', (_name, values, same) => {
    expect(assess(values, fixed).sameAsCurrent).toBe(same);
  });

  it('counts characters as a person sees them', () => {
    expect(assess({ newPassword: 'kia ora 🌿🌿' }, undefined).length).toBe(10);
  });

  it('has no strength until the estimator has loaded, and none for an empty field', () => {
    expect(assess({ newPassword: 'abc' }, undefined).strength).toBeUndefined();
    expect(assess({ newPassword: '' }, fixed).strength).toBeUndefined();
  });
});

describe('the zxcvbn-ts estimator with the common and English dictionaries', () => {
  const estimate = createEstimator();
  it.each(['password1', 'Password123!', 'qwerty2026', 'monkey', 'P@$$w0rd!', 'dr@g0n2026', '1l0v3y0u', 'summer-winter-autumn'])('%s is weak (score 0–1)', (password) => {
    expect(estimate(password, []).score).toBeLessThanOrEqual(1);
  });

  it.each(['correct horse battery staple', 'tuatara-kauri-pohutukawa-stream'])('%s is strong (score 3–4)', (password) => {
    expect(estimate(password, []).score).toBeGreaterThanOrEqual(3);
  });

  it('uses words from the page (the email address) against the password', () => {
    const withoutInputs = estimate('arohapatient2026', []).score;
    const withInputs = estimate('arohapatient2026', ['aroha.patient@example.nz', 'aroha', 'patient']).score;
    expect(withInputs).toBeLessThanOrEqual(withoutInputs);
  });

  it('explains a common password in plain English', () => {
    expect(estimate('password1', []).warning).toMatch(/commonly used|frequently used|heavily used/);
  });
});
