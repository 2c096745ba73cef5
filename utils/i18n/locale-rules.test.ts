import { describe, expect, it } from 'vitest';
import { chromeMessages, localeFiles, type ChromeMessages } from '../build/locales';

/**
 * Rules a translation must keep that messages.test.ts (keys, placeholders, plurals) cannot see:
 * the stores' length limits on the manifest's name and description, in every shipped locale, and
 * French typography. The pseudo-locale is left out on purpose: it is 40% longer by design and never
 * uploaded to a store.
 */

const locales: [string, ChromeMessages][] = await Promise.all(Object.entries(localeFiles()).map(async ([locale, file]) => [locale, await chromeMessages(file)] as [string, ChromeMessages]));

// https://developer.chrome.com/docs/extensions/reference/manifest/name and .../manifest/description
const NAME_MAX = 75;
const DESCRIPTION_MAX = 132;

describe.each(locales)('locale %s in the stores', (_locale, messages) => {
  it(`names the extension in at most ${NAME_MAX} characters`, () => {
    expect(messages.manifest_name?.message.length).toBeLessThanOrEqual(NAME_MAX);
  });

  it(`describes it in at most ${DESCRIPTION_MAX} characters`, () => {
    expect(messages.manifest_description?.message.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
  });
});

/**
 * French puts a no-break space before ":" and inside « » (U+00A0), and a narrow one before ";",
 * "!" and "?" (U+202F), so a line never starts with a lone colon or question mark. The spaces are
 * invisible in the YAML, so a plain space typed by an editor would slip through without this.
 */
const french = locales.filter(([, messages]) => /^fr\b/.test(messages.meta_locale?.message ?? ''));

describe.each(french)('locale %s typography', (_locale, messages) => {
  const cases = Object.entries(messages).filter(([key]) => !key.startsWith('meta_'));

  it('has French messages to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', (_key, { message }) => {
    // Each plural form on its own: the " | " between them is the build's separator, not text.
    for (const form of message.split(' | ')) {
      expect(form, 'a no-break space before : ; ! ?').not.toMatch(/[^\u00a0\u202f][:;!?](\s|$)/u);
      expect(form, '« » with no-break spaces inside').not.toMatch(/«(?!\u00a0)|(?<!\u00a0)»/u);
      expect(form, 'a typographic apostrophe').not.toMatch(/'/);
      expect(form, '“English” quotes').not.toMatch(/[“”]/);
    }
  });
});
