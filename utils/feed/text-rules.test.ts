import { describe, expect, it } from 'vitest';
import { hostProblem, SAFE_TEXT, textProblem } from './text-rules';

describe('feed text', () => {
  it.each<[string, string]>([
    ['plain ASCII', 'Medibank Private Limited'],
    ['Māori macrons (Latin)', 'Te Whatu Ora – Health New Zealand, Waitematā'],
    ['Latin with diacritics', 'Hôpital du Sacré-Cœur de Montréal'],
    ['Japanese (Han and kana in one word)', '東京大学医学部附属病院のお知らせ'],
    ['Greek text alone', 'Νοσοκομείο Αθηνών'],
    ['a sentence with words in two scripts', 'Synnovis (Синновис) said on 2024-06-04'],
    ['digits, dashes and punctuation', "23andMe's 6.9 million users — \"DNA Relatives\" (2023-10-06)"],
    ['lines and tabs', 'First line.\nSecond\tline.'],
  ])('accepts %s', (_name, text) => {
    expect(textProblem(text)).toBeUndefined();
  });

  it.each<[string, string, string]>([
    ['a right-to-left override', 'Invoice \u202Efdp.exe', 'contains U+202E, an invisible or direction-changing character'],
    ['a left-to-right embedding', 'Medibank \u202APrivate', 'contains U+202A, an invisible or direction-changing character'],
    ['a right-to-left isolate', 'Medibank \u2067Private\u2069', 'contains U+2067, an invisible or direction-changing character'],
    ['a right-to-left mark', 'Medibank\u200F Private', 'contains U+200F, an invisible or direction-changing character'],
    ['an Arabic letter mark', 'Medibank\u061C Private', 'contains U+061C, an invisible or direction-changing character'],
    ['a zero-width space', 'Medi\u200Bbank', 'contains U+200B, an invisible or direction-changing character'],
    ['a zero-width joiner', 'Medi\u200Dbank', 'contains U+200D, an invisible or direction-changing character'],
    ['a byte-order mark inside text', 'Medibank\uFEFF', 'contains U+FEFF, an invisible or direction-changing character'],
    ['a soft hyphen (category Cf)', 'Medi\u00ADbank', 'contains U+00AD, an invisible or direction-changing character'],
    ['a Cyrillic а in a Latin name', 'Medib\u0430nk Private Limited', 'the word "Medib\u0430nk" mixes Latin and Cyrillic letters'],
    ['a Greek ε in a Latin name', 'Kaiser Perman\u03B5nte', 'the word "Perman\u03B5nte" mixes Latin and Greek letters'],
    ['a Cherokee letter in a Latin name', 'Synnovis \u13A0TS', 'the word "\u13A0TS" mixes Latin and Cherokee letters'],
    ['a Coptic letter in a Latin name', 'Ascensi\u2C9Fn', 'the word "Ascensi\u2C9Fn" mixes Latin and another script letters'],
  ])('refuses %s', (_name, text, reason) => {
    expect(textProblem(text)).toBe(reason);
  });
});

describe('the fast path for everyday text', () => {
  // Every character the fast path lets through unchecked must be one the full rules never refuse:
  // not a format character, and a letter only if it is Latin (so no word can mix scripts).
  it('admits only characters that are neither format characters nor letters of a script other than Latin', () => {
    const admitted: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const character = String.fromCharCode(code);
      if (SAFE_TEXT.test(character)) admitted.push(character);
    }
    expect(admitted.length).toBeGreaterThan(500);
    for (const character of admitted) {
      expect(/\p{Cf}/u.test(character), `U+${character.charCodeAt(0).toString(16)}`).toBe(false);
      if (/\p{L}/u.test(character)) expect(/\p{Script=Latin}/u.test(character), `U+${character.charCodeAt(0).toString(16)}`).toBe(true);
      expect(textProblem(`Medibank${character}Private`)).toBeUndefined();
    }
  });

  it.each(['Women’s Health', 'Te Whatu Ora – Health New Zealand, Waitematā', '“DNA Relatives” • 6.9 million…'])('takes %j without the full check', (text) => {
    expect(SAFE_TEXT.test(text)).toBe(true);
  });

  it.each(['Medib\u0430nk', 'a\u202Eb', 'Medi\u00ADbank', 'µg', 'Synnovis (Синновис)'])('sends %j to the full check', (text) => {
    expect(SAFE_TEXT.test(text)).toBe(false);
  });
});

describe('link hosts', () => {
  it.each<[string, string | undefined]>([
    ['https://www.medibank.com.au/health-insurance/info/cyber-security/', undefined],
    ['https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf', undefined],
    ['https://example.org/xn--not-a-host', undefined],
    ['https://xn--mdibank-2ve.com.au/notice', 'link hosts must be plain ASCII, not punycode (xn--)'],
    ['https://www.XN--mdibank-2ve.com.au/', 'link hosts must be plain ASCII, not punycode (xn--)'],
    ['https://portal.xn--80ak6aa92e.com:8443/', 'link hosts must be plain ASCII, not punycode (xn--)'],
  ])('%s → %s', (url, reason) => {
    expect(hostProblem(url)).toBe(reason);
  });
});
