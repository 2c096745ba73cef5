import { describe, expect, it } from 'vitest';
import { breachCheckSetting, sharedComputerSetting, trackerAuditSetting } from './effective';

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

describe.each([
  [undefined, true, { on: true, locked: false }],
  [undefined, false, { on: false, locked: false }],
  [false, true, { on: false, locked: true }],
  [false, false, { on: false, locked: true }],
  [true, false, { on: true, locked: true }],
  [true, true, { on: true, locked: true }],
] as const)('trackerAudit %s with the patient’s choice %s', (value, patient, expected) => {
  it(`is ${expected.on ? 'on' : 'off'}${expected.locked ? ', set by the organisation' : ''}`, () => {
    expect(trackerAuditSetting(value === undefined ? {} : { trackerAudit: value }, patient)).toEqual(expected);
  });
});
