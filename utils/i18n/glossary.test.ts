import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BASE_LOCALE, chromeMessages, localeFiles, type ChromeMessages } from '../build/locales';

/**
 * The terminology glossary (utils/i18n/glossary.json, docs/i18n.md "Reviewing a translation"): for
 * each key English term, the one French and the one Spanish term every message uses. A patient who
 * reads "fuite de données" in the banner and "violation" on the notice page would wonder whether
 * they are two events, so a synonym is a defect here, not a matter of style.
 *
 * For every message whose English contains a glossary term (a whole word, in any of its listed
 * forms), the French and Spanish messages must contain one of that term's accepted forms (matched
 * at the start of a word, so a form may be a stem: "connect" accepts "connectez" and "connecter",
 * but not "déconnecter"). No message may use a form the glossary lists under
 * `avoid`, whatever its English says. A rare message where the term is rightly not translated is
 * an exception with its reason, and an exception that is no longer needed fails, so the list only
 * shrinks.
 */

const GLOSSARY_FILE = join(import.meta.dirname, 'glossary.json');
const LOCALES = ['fr', 'es'] as const;
type Locale = (typeof LOCALES)[number];

const formsSchema = z.array(z.string().trim().min(2).max(60)).min(1).max(12);
const translationSchema = z.strictObject({
  /** The term as the glossary presents it to a translator. */
  term: z.string().min(2).max(80),
  /** Accepted forms (plurals, stems, verb forms); a message must contain one of them. */
  forms: formsSchema,
  /** Synonyms and calques the locale must not use anywhere. */
  avoid: formsSchema.optional(),
});

const termSchema = z.strictObject({
  en: z.strictObject({ term: z.string().min(2).max(60), forms: formsSchema }),
  fr: translationSchema,
  es: translationSchema,
  /** Messages where the term is rightly left out in a locale, with the reason. */
  exceptions: z.array(z.strictObject({ key: z.string().regex(/^[A-Za-z0-9_]+$/), locales: z.array(z.enum(LOCALES)).min(1), why: z.string().min(10) })).optional(),
  note: z.string().min(10).optional(),
});

const glossarySchema = z
  .strictObject({
    /** English product names that contain a term ("Pwned Passwords") but are never translated. */
    ignoreInEnglish: z.array(z.string().min(2)),
    terms: z.array(termSchema).min(1),
  })
  .superRefine((glossary, ctx) => {
    glossary.terms.forEach((entry, index) => {
      const previous = glossary.terms[index - 1];
      if (previous && previous.en.term >= entry.en.term) ctx.addIssue({ code: 'custom', path: ['terms', index, 'en', 'term'], message: `"${entry.en.term}" must come after "${previous.en.term}": terms are sorted, each once` });
      for (const side of ['en', ...LOCALES] as const) {
        const { term, forms } = entry[side];
        if (!containsForm(term, forms, side === 'en' ? 'word' : 'start')) ctx.addIssue({ code: 'custom', path: ['terms', index, side, 'forms'], message: `the forms of "${term}" do not accept "${term}" itself` });
      }
    });
  });

type Glossary = z.infer<typeof glossarySchema>;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `text` contains one of `forms`, case-insensitively: as a whole word (`word`, for English
 * and for forms to avoid), or at the start of a word (`start`, so a form can be a stem).
 */
function containsForm(text: string, forms: readonly string[], match: 'word' | 'start'): boolean {
  const alternatives = forms.map(escape).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})${match === 'word' ? '(?![\\p{L}\\p{N}])' : ''}`, 'iu').test(text);
}

const readGlossary = (): Glossary => glossarySchema.parse(JSON.parse(readFileSync(GLOSSARY_FILE, 'utf8')));

/**
 * The English text a term is looked for in: without `{placeholders}` (`{portal}` is a name, not the
 * word) and without the product names that are never translated.
 */
const englishOf = (glossary: Glossary, message: string) => glossary.ignoreInEnglish.reduce((text, name) => text.replaceAll(name, ' '), message.replace(/\{[A-Za-z0-9_]+\}/g, ' '));

/** Keys whose English uses the term but whose `locale` message has none of its accepted forms. */
function missingTerm(glossary: Glossary, entry: Glossary['terms'][number], locale: Locale, base: ChromeMessages, messages: ChromeMessages): string[] {
  return Object.entries(base)
    .filter(([key]) => !key.startsWith('meta_'))
    .filter(([, { message }]) => containsForm(englishOf(glossary, message), entry.en.forms, 'word'))
    .filter(([key]) => !containsForm(messages[key]?.message ?? '', entry[locale].forms, 'start'))
    .map(([key]) => key);
}

/** Keys whose `locale` message uses a form the glossary says to avoid. */
function avoidedTerm(entry: Glossary['terms'][number], locale: Locale, messages: ChromeMessages): string[] {
  const avoid = entry[locale].avoid;
  if (!avoid) return [];
  return Object.entries(messages)
    .filter(([key, { message }]) => !key.startsWith('meta_') && containsForm(message, avoid, 'word'))
    .map(([key]) => key);
}

const files = localeFiles();
const base = await chromeMessages(files[BASE_LOCALE]!);
const messagesOf = Object.fromEntries(await Promise.all(LOCALES.map(async (locale) => [locale, await chromeMessages(files[locale]!)] as const))) as Record<Locale, ChromeMessages>;
const glossary = readGlossary();

describe('utils/i18n/glossary.json', () => {
  it.each([
    ['an unsorted term', { ignoreInEnglish: [], terms: [entryFor('tracker'), entryFor('breach')] }, '"breach" must come after "tracker"'],
    ['a form that does not accept its own term', { ignoreInEnglish: [], terms: [{ ...entryFor('breach'), fr: { term: 'fuite de données', forms: ['violation'] } }] }, 'the forms of "fuite de données" do not accept "fuite de données" itself'],
    ['a typo in a field name', { ignoreInEnglish: [], terms: [{ ...entryFor('breach'), exception: [] }] }, 'Unrecognized key: "exception"'],
  ])('refuses %s', (_case, data, reason) => {
    const result = glossarySchema.safeParse(data);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toContain(reason);
  });

  it('is valid, sorted, and each form list accepts its own term', () => {
    expect(() => readGlossary()).not.toThrow();
  });

  it.each(glossary.terms.map((entry) => [entry.en.term, entry] as const))('“%s” is used in the English messages', (_term, entry) => {
    expect(Object.values(base).some(({ message }) => containsForm(englishOf(glossary, message), entry.en.forms, 'word'))).toBe(true);
  });
});

describe('the matching', () => {
  it.each([
    { text: 'Changez votre mot de passe', forms: ['mot de passe'], match: 'start', found: true },
    { text: 'Cliquez pour vous déconnecter', forms: ['connect'], match: 'start', found: false },
    { text: 'Connectez-vous au portail', forms: ['connect'], match: 'start', found: true },
    { text: 'Vérifiez vos AVIS DE FUITE', forms: ['avis de fuite'], match: 'start', found: true },
    { text: 'Sign in to MyChart', forms: ['sign in'], match: 'word', found: true },
    { text: 'Signing into MyChart', forms: ['sign in'], match: 'word', found: false },
    { text: 'Revise su correo electrónico', forms: ['correo'], match: 'start', found: true },
    { text: 'la sesión de MyChart está desconectada', forms: ['conectada'], match: 'word', found: false },
  ] as const)('$forms in “$text” ($match): $found', ({ text, forms, match, found }) => {
    expect(containsForm(text, forms, match)).toBe(found);
  });
});

const cases = glossary.terms.flatMap((entry) => LOCALES.map((locale) => [entry.en.term, locale, entry] as const));

describe.each(cases)('“%s” in %s', (_term, locale, entry) => {
  const excepted = new Set((entry.exceptions ?? []).filter((exception) => exception.locales.includes(locale)).map((exception) => exception.key));

  it(`every message whose English uses it says ${JSON.stringify(entry[locale].term)}`, () => {
    const missing = missingTerm(glossary, entry, locale, base, messagesOf[locale]).filter((key) => !excepted.has(key));
    expect(missing.map((key) => `${key}: ${messagesOf[locale][key]?.message}`), `accepted forms: ${entry[locale].forms.join(', ')}`).toEqual([]);
  });

  it('no message uses a synonym the glossary rules out', () => {
    expect(avoidedTerm(entry, locale, messagesOf[locale]).map((key) => `${key}: ${messagesOf[locale][key]?.message}`)).toEqual([]);
  });

  it('each exception is still needed', () => {
    const missing = new Set(missingTerm(glossary, entry, locale, base, messagesOf[locale]));
    expect([...excepted].filter((key) => !missing.has(key))).toEqual([]);
  });
});

/** A minimal valid entry for the schema's refusal cases. */
function entryFor(term: 'breach' | 'tracker') {
  return term === 'breach'
    ? { en: { term: 'breach', forms: ['breach'] }, fr: { term: 'fuite de données', forms: ['fuite'] }, es: { term: 'filtración de datos', forms: ['filtración'] } }
    : { en: { term: 'tracker', forms: ['tracker'] }, fr: { term: 'traceur', forms: ['traceur'] }, es: { term: 'rastreador', forms: ['rastreador'] } };
}
