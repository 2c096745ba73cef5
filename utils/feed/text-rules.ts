/**
 * What feed text may hold beyond its length (issue 13, item 5). A reviewer reads a notice in a
 * diff; the patient reads it in the extension. Both must see the same words, so text that displays
 * differently from how it reads in review is refused:
 *
 * - format characters (Unicode category Cf): the bidi controls U+202A–202E and U+2066–2069, the
 *   marks U+200E/U+200F and U+061C, zero-width characters (U+200B–200D, U+2060, U+FEFF) and the
 *   soft hyphen. `\p{Cf}` covers all of them, and any that Unicode adds later;
 * - a word whose letters come from more than one script, such as Latin "Medibank" with a Cyrillic
 *   "а" (U+0430): a look-alike that reads as the genuine name. A word in one script (Māori macrons
 *   are Latin, Japanese mixes Han and kana) is fine, and so is a sentence with words in two scripts.
 *
 * Hand-written rather than a library: the check is two regular expressions and a small table of
 * scripts, and it runs in the extension on every text field of every notice, so it must be small
 * and have a fast path for the plain-ASCII text that nearly every notice is.
 */

const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;
/**
 * The fast path: text made only of ASCII, Latin letters with diacritics (U+00C0–U+024F, every
 * letter there is Latin script) and the everyday punctuation of U+2010–U+2027 and U+2030–U+205E
 * (dashes, curly quotes, bullets, ellipsis, primes) holds no format character and no letter of
 * another script, so it can never be refused. Nearly every notice is such text ("Women’s Health",
 * "Te Whatu Ora – Waitematā"); anything else takes the full check. text-rules.test.ts checks every
 * code point of the set against the rules.
 */
export const SAFE_TEXT = /^[\t\n\r\x20-\x7e\u00c0-\u024f\u2010-\u2027\u2030-\u205e]*$/;
const FORMAT_CHARACTER = /\p{Cf}/u;
const WORD = /[\p{L}\p{M}]+/gu;

/**
 * The scripts a look-alike is usually drawn from, each one group. Han, kana and Hangul are one
 * group because Japanese and Korean text mixes them within a word. A letter in none of these
 * counts as "another script", so a Latin word with, say, a Coptic letter is still mixed.
 */
const SCRIPT_GROUPS: readonly (readonly [name: string, letters: RegExp])[] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Han, kana or Hangul', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
];
const OTHER_SCRIPT = new RegExp(`[^\\P{L}${SCRIPT_GROUPS.map(([, letters]) => letters.source.replace(/^\[|\]$/g, '')).join('')}]`, 'u');

const codePoint = (character: string) => `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The scripts of a word's letters (combining marks belong to their letter, so they are skipped). */
function scriptsOf(word: string): string[] {
  const found = SCRIPT_GROUPS.filter(([, letters]) => letters.test(word)).map(([name]) => name);
  if (OTHER_SCRIPT.test(word)) found.push('another script');
  return found;
}

/** Why `text` must not be shown as feed text, or undefined when it may. */
export function textProblem(text: string): string | undefined {
  if (SAFE_TEXT.test(text)) return undefined;
  const format = FORMAT_CHARACTER.exec(text);
  if (format) return `contains ${codePoint(format[0])}, an invisible or direction-changing character`;
  for (const [word] of text.matchAll(WORD)) {
    if (PLAIN_ASCII.test(word)) continue;
    const scripts = scriptsOf(word);
    if (scripts.length > 1) return `the word ${JSON.stringify(word)} mixes ${scripts.slice(0, -1).join(', ')} and ${scripts.at(-1)} letters`;
  }
  return undefined;
}

/** Link and source addresses are at most this long: enough for any real notice page or report. */
export const MAX_URL_LENGTH = 2048;

/**
 * Why a link's host must not be used, or undefined. Hosts are already plain ASCII (the URL
 * pattern), but an ASCII punycode label (`xn--`) can still spell a look-alike of a genuine host
 * once a browser decodes it, so it is refused rather than shown.
 */
export function hostProblem(url: string): string | undefined {
  return PUNYCODE_HOST.test(url) ? 'link hosts must be plain ASCII, not punycode (xn--)' : undefined;
}

/** A host label starting `xn--`: the host is everything up to the first `/`, `?`, `#` or `:`. */
const PUNYCODE_HOST = /^[a-z]+:\/\/(?:[^/?#:]*\.)?xn--/i;
