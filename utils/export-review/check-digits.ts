/**
 * Check digits of the national identifiers an export may hold. A valid check digit tells the
 * patient "this really is an NHI (or NHS number …)", not a similar-looking local number; an
 * invalid one is still reported, as a number that does not check out.
 *
 * Each routine follows its published rule:
 * - NHI (NZ, HISO 10046): letters A–Z without I and O count 1–24, digits their value; weights 7…2
 *   over the first six characters. Old format AAANNNC: sum mod 11, 0 is invalid, check digit
 *   (11 − mod) mod 10. New format AAANNAX: sum mod 23, check letter worth 23 − mod.
 * - NHS number (UK): weights 10…2 over nine digits; 11 − (sum mod 11), 11 → 0, 10 is invalid.
 * - IHI (AU): 16 digits starting 800360, Luhn over all 16.
 * - Medicare card number (AU): first digit 2–6, weights 1 3 7 9 1 3 7 9 over digits 1–8, sum mod
 *   10 is digit 9; digit 10 is the card issue number; an 11th (the person on the card) is 1–9.
 * SSN and Medicare MBI have no check digit; they get the structural checks the SSA and CMS publish.
 */

export type CheckResult = 'valid' | 'invalid' | 'no-check-digit';

const NHI_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

function nhiValue(char: string): number {
  if (char >= '0' && char <= '9') return Number(char);
  return NHI_LETTERS.indexOf(char) + 1;
}

/** Spaces and hyphens are how people write these numbers; they carry no meaning. */
export function compact(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function checkNhi(input: string): boolean {
  const nhi = compact(input).toUpperCase();
  const oldFormat = /^[A-HJ-NP-Z]{3}\d{4}$/.test(nhi);
  const newFormat = /^[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]{2}$/.test(nhi);
  if (!oldFormat && !newFormat) return false;
  let sum = 0;
  for (let index = 0; index < 6; index++) sum += nhiValue(nhi[index]!) * (7 - index);
  const last = nhiValue(nhi[6]!);
  if (oldFormat) {
    const mod = sum % 11;
    return mod !== 0 && (11 - mod) % 10 === last;
  }
  return 23 - (sum % 23) === last;
}

export function checkNhsNumber(input: string): boolean {
  const digits = compact(input);
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += Number(digits[index]) * (10 - index);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** Luhn over every digit, the last being the check digit. */
export function luhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function checkIhi(input: string): boolean {
  const digits = compact(input);
  return /^800360\d{10}$/.test(digits) && luhn(digits);
}

const MEDICARE_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9] as const;

export function checkMedicareAu(input: string): boolean {
  const digits = compact(input).replace(/\//g, '');
  if (!/^[2-6]\d{9}[1-9]?$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 8; index++) sum += Number(digits[index]) * MEDICARE_WEIGHTS[index]!;
  return sum % 10 === Number(digits[8]);
}

/** SSA rules: area not 000, 666 or 900–999; group not 00; serial not 0000. */
export function plausibleSsn(input: string): boolean {
  const match = /^(\d{3})-?(\d{2})-?(\d{4})$/.exec(input.trim());
  if (!match) return false;
  const [, area, group, serial] = match;
  return area !== '000' && area !== '666' && !area!.startsWith('9') && group !== '00' && serial !== '0000';
}

/**
 * CMS Medicare Beneficiary Identifier: 11 characters, C A AN N A AN N A A N N, where C is 1–9,
 * N a digit, and A a letter other than S, L, O, I, B and Z.
 */
export function plausibleMbi(input: string): boolean {
  const mbi = compact(input).toUpperCase();
  const A = '[AC-HJKMNP-RT-Y]';
  const AN = '[AC-HJKMNP-RT-Y0-9]';
  return new RegExp(`^[1-9]${A}${AN}\\d${A}${AN}\\d${A}${A}\\d\\d$`).test(mbi);
}
