import { describe, expect, it } from 'vitest';
import { breachCheckSetting, sharedComputerSetting } from './effective';

describe.each([
  [undefined, false, { on: false, locked: false }],
  [undefined, true, { on: true, locked: false }],
  ['user-choice', true, { on: true, locked: false }],
  ['user-choice', false, { on: false, locked: false }],
  ['disallowed', true, { on: false, locked: true }],
  ['disallowed', false, { on: false, locked: true }],
  ['allowed', false, { on: true, locked: true }],
  ['allowed', true, { on: true, locked: true }],
] as const)('pwnedPasswordsCheck %s with the patient’s choice %s', (value, patient, expected) => {
  it(`is ${expected.on ? 'on' : 'off'}${expected.locked ? ', set by the organisation' : ''}`, () => {
    expect(breachCheckSetting(value ? { pwnedPasswordsCheck: value } : {}, patient)).toEqual(expected);
  });
});

describe.each([
  [undefined, false, { on: false, locked: false }],
  [undefined, true, { on: true, locked: false }],
  [false, true, { on: true, locked: false }],
  [true, false, { on: true, locked: true }],
] as const)('sharedComputerMode %s with the patient’s choice %s', (value, patient, expected) => {
  it(`is ${expected.on ? 'on' : 'off'}${expected.locked ? ', set by the organisation' : ''}`, () => {
    expect(sharedComputerSetting(value === undefined ? {} : { sharedComputerMode: value }, patient)).toEqual(expected);
  });
});
