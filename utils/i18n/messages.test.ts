import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_LOCALE, PSEUDO_LOCALE, chromeMessages, localeFiles, placeholdersOf, pluralForms, pseudoLocalize, pseudoMessages, type ChromeMessages } from '../build/locales';

/**
 * Meta tests for utils/i18n/locales/: every locale has every key of the base locale with the same
 * placeholders and the same plural shape, and every key is used somewhere. Written for any number
 * of locales: a new `xx.yml` is checked as soon as it exists. The pseudo-locale is checked too, as
 * the build makes it.
 */

const root = join(import.meta.dirname, '../..');
const files = localeFiles();
const base = await chromeMessages(files[BASE_LOCALE]!);
const locales: [string, ChromeMessages][] = [
  ...(await Promise.all(Object.entries(files).map(async ([locale, file]) => [locale, await chromeMessages(file)] as [string, ChromeMessages]))),
  [PSEUDO_LOCALE, pseudoMessages(base)],
];

describe.each(locales)('locale %s', (locale, messages) => {
  it('has exactly the base locale’s keys', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(base).sort());
  });

  it.each(Object.keys(base))('%s has the same placeholders and plural shape', (key) => {
    const message = messages[key]?.message ?? '';
    const english = base[key]!.message;
    expect(placeholdersOf(message), `${locale} ${key}: ${message}`).toEqual(placeholdersOf(english));
    // A plural message keeps its forms (a locale may add the exact-zero form); a plain one stays plain.
    if (pluralForms(english) === 1) expect(pluralForms(message), `${locale} ${key}`).toBe(1);
    else expect(pluralForms(message), `${locale} ${key}`).toBeGreaterThanOrEqual(2);
    expect(message.trim(), `${locale} ${key} is empty`).not.toBe('');
  });
});

describe('the base locale', () => {
  it('has no positional $1 placeholder: named ones read better to a translator and cannot be swapped', () => {
    expect(Object.entries(base).filter(([, { message }]) => /\$\d/.test(message))).toEqual([]);
  });

  it('uses each key: t(\'key\') in the code, or __MSG_key__ in the manifest', () => {
    const sources = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'utils', 'components', 'entrypoints', 'wxt.config.ts'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((file) => /\.(tsx?|html)$/.test(file) && !/\.test\.tsx?$/.test(file))
      .map((file) => readFileSync(join(root, file), 'utf8'))
      .join('\n');
    const unused = Object.keys(base).filter((key) => {
      const dotted = key.replaceAll('_', '.');
      return !new RegExp(`['"\`]${dotted.replaceAll('.', '\\.')}['"\`]|__MSG_${key}__`).test(sources);
    });
    expect(unused).toEqual([]);
  });
});

describe('the pseudo-locale', () => {
  it.each([
    { english: 'Portal Guard', pseudo: '⟦Þöŕţàĺ Ĝûàŕđ ļöŕéɱ⟧' },
    { english: 'Set up for you by {name}.', pseudo: '⟦Šéţ ûþ ƒöŕ ýöû ƀý {name}. ļöŕéɱ îþšûɱ⟧' },
    { english: '1 breach notice | {count} breach notices', pseudo: '⟦1 ƀŕéàçĥ ñöţîçé ļöŕéɱ⟧ | ⟦{count} ƀŕéàçĥ ñöţîçéš ļöŕéɱ îþšûɱ⟧' },
  ])('$english → $pseudo', ({ english, pseudo }) => {
    expect(pseudoLocalize(english)).toBe(pseudo);
  });

  it('is about 40% longer than English, so text that would overflow in French or German shows', () => {
    const length = (messages: ChromeMessages) => Object.entries(messages).filter(([key]) => !key.startsWith('meta_')).reduce((sum, [, { message }]) => sum + message.length, 0);
    expect(length(pseudoMessages(base)) / length(base)).toBeGreaterThanOrEqual(1.4);
  });

  it('keeps meta.locale, which is a setting, not text', () => {
    expect(pseudoMessages(base).meta_locale?.message).toBe(base.meta_locale?.message);
  });
});
