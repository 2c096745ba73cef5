import { describe, expect, it } from 'vitest';
import { checkIhi, checkMedicareAu, checkNhi, checkNhsNumber, luhn, plausibleMbi, plausibleSsn } from './check-digits';

// Every "valid" value below was worked by hand from the published rule (the arithmetic is in the
// comment), and each "invalid" one changes a single character of a valid one.

describe('NHI (NZ)', () => {
  it.each([
    // old AAANNNC: W21·7 + L11·6 + D4·5 + 9·4 + 4·3 + 1·2 = 283; 283 mod 11 = 8; (11−8) mod 10 = 3
    ['WLD9413', true],
    // Z24·(7+6+5) + 0 + 0 + 1·2 = 434; mod 11 = 5; 11−5 = 6
    ['ZZZ0016', true],
    // Z24·7 + A1·6 + C3·5 + 5·4 + 3·3 + 6·2 = 230; mod 11 = 10; (11−10) mod 10 = 1
    ['ZAC5361', true],
    ['zzz 0016', true],
    ['ZZZ0017', false],
    // 24·18 + 4·3 + 4·2 = 452; mod 11 = 1 → check 0, so …44 is wrong
    ['ZZZ0044', false],
    // new AAANNAX: Z24·7 + S17·6 + C3·5 + 2·4 + 1·3 + T18·2 = 332; mod 23 = 10; 23−10 = 13 = N
    ['ZSC21TN', true],
    // Z24·7 + B2·6 + N13·5 + 7·4 + 7·3 + V20·2 = 334; mod 23 = 12; 23−12 = 11 = L
    ['ZBN77VL', true],
    ['ZSC21TM', false],
    ['ZZZ00AA', false],
    // letters I and O are never used
    ['ZIZ0016', false],
    ['ZZZ001', false],
    ['', false],
  ])('%s → %s', (value, expected) => expect(checkNhi(value)).toBe(expected));

  it('refuses an old-format NHI whose checksum is 0, whatever its last digit', () => {
    // A1·7 + A1·6 + A1·5 + 0·4 + 1·3 + 1·2 = 23; not 0. A1·(7+6+5) + 0 + 0 + 2·2 = 22 ≡ 0 (mod 11)
    for (let digit = 0; digit <= 9; digit++) expect(checkNhi(`AAA002${digit}`)).toBe(false);
  });
});

describe('NHS number (UK)', () => {
  it.each([
    // 9·10+4·9+3·8+4·7+7·6+6·5+5·4+9·3+1·2 = 299; mod 11 = 2; 11−2 = 9
    ['9434765919', true],
    ['943 476 5919', true],
    ['943-476-5919', true],
    ['9434765918', false],
    // 4·10+0+1·8+0+2·6+0+3·4+0+4·2 = 80; mod 11 = 3; 11−3 = 8
    ['4010203048', true],
    // 1·10+0…+0 = 10; mod 11 = 10; 11−10 = 1
    ['1000000001', true],
    // 1·10 + 1·9 = 19; mod 11 = 8; check 3
    ['1100000003', true],
    ['943476591', false],
    ['94347659190', false],
  ])('%s → %s', (value, expected) => expect(checkNhsNumber(value)).toBe(expected));

  it('has no valid number when the check would be 10', () => {
    // 1·10 + 0 … + 1·2 = 12; mod 11 = 1; 11 − 1 = 10: no check digit can follow 100000001
    for (let digit = 0; digit <= 9; digit++) expect(checkNhsNumber(`100000001${digit}`)).toBe(false);
  });
});

describe('IHI (AU)', () => {
  it.each([
    // 8003600000000007 from the right: 7 + (0·2…) + 6·2=12→3 (12th) + 3 (13th) + 8·2=16→7 (16th) = 20 ≡ 0
    ['8003600000000007', true],
    ['8003 6000 0000 0007', true],
    ['8003600000000006', false],
    // 800360990000000 + 9: 9 + 9·2=18→9 (10th) + 9 (11th) + 3 + 3 + 7 = 40 ≡ 0
    ['8003609900000009', true],
    // a valid Luhn number outside the IHI range 800360
    ['8003610000000005', false],
    ['800360000000007', false],
  ])('%s → %s', (value, expected) => expect(checkIhi(value)).toBe(expected));

  it('uses the textbook Luhn', () => {
    expect(luhn('79927398713')).toBe(true);
    expect(luhn('79927398710')).toBe(false);
  });
});

describe('Medicare card number (AU)', () => {
  it.each([
    // 2·1+9·3+5·7+0·9+1·1+0·3+1·7+2·9 = 90; mod 10 = 0 = 9th digit; issue 1
    ['2950101201', true],
    ['2950 10120 1', true],
    // with the person's reference number (IRN) 1
    ['29501012011', true],
    // IRN 0 does not exist
    ['29501012010', false],
    ['2950101211', false],
    // 4·1 = 4 → 9th digit 4
    ['4000000041', true],
    ['4000000051', false],
    // first digit must be 2–6
    ['1000000011', false],
    ['295010120', false],
  ])('%s → %s', (value, expected) => expect(checkMedicareAu(value)).toBe(expected));
});

describe('structural checks where there is no check digit', () => {
  it.each([
    ['444222222', true],
    ['444-22-2222', true],
    ['000222222', false],
    ['666222222', false],
    ['912222222', false],
    ['444002222', false],
    ['444220000', false],
    ['44422222', false],
  ])('SSN %s → %s', (value, expected) => expect(plausibleSsn(value)).toBe(expected));

  it.each([
    // CMS's published example MBI
    ['1EG4-TE5-MK73', true],
    ['1EG4TE5MK73', true],
    // 0 cannot start an MBI; S, L, O, I, B, Z are never used as letters
    ['0EG4TE5MK73', false],
    ['1SG4TE5MK73', false],
    ['1EG4TE5MK7', false],
  ])('MBI %s → %s', (value, expected) => expect(plausibleMbi(value)).toBe(expected));
});
