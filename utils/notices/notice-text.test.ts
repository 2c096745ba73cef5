import { describe, expect, it } from 'vitest';
import { noticeSchema } from '../feed/schema';
import { sampleNotice } from '../feed/test-fixtures';
import { noticeText } from './notice-text';

// Manage My Health's notice as the bundled feed words it (source: https://www.managemyhealth.co.nz/faqs-cyber-breach/),
// with translations a feed maintainer could add. The French and Spanish here are test data.
const TITLE = 'Manage My Health: patient documents copied from the Health Documents module';
const SUMMARY = "Someone signed in to Manage My Health with one patient's stolen but valid sign-in details, then viewed and copied other patients' documents.";
const FR = { title: 'Manage My Health : documents de patients copiés depuis le module Health Documents', summary: "Quelqu'un s'est connecté à Manage My Health avec les identifiants volés d'un patient, puis a copié les documents d'autres patients." };
const ES = { title: 'Manage My Health: documentos de pacientes copiados del módulo Health Documents' };
const FR_CA_TITLE = 'Manage My Health : des documents de patients ont été copiés';

const mmh = sampleNotice({ id: 'nz-managemyhealth-2025-12', title: TITLE, summary: SUMMARY, translations: { fr: FR, es: ES, 'fr-CA': { title: FR_CA_TITLE } } });

describe('a notice’s translations in the feed', () => {
  it('accepts translations keyed by language tag, with the same text rules', () => {
    const parsed = noticeSchema.safeParse(mmh);
    expect(parsed.success && parsed.data.translations).toEqual({ fr: FR, es: ES, 'fr-CA': { title: FR_CA_TITLE } });
  });

  const issues = (translations: unknown) => {
    const result = noticeSchema.safeParse(sampleNotice({ translations }));
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it.each([
    ['a language name, not a tag', { French: FR }, /^translations\.French: translations are keyed by a language tag/],
    ['a Chrome locale folder name', { fr_CA: FR }, /^translations\.fr_CA: translations are keyed by a language tag/],
    ['a right-to-left override hiding a word', { fr: { title: 'Manage My Health : documents \u202Eséipoc' } }, /^translations\.fr\.title: /],
    ['a title too short to mean anything', { es: { title: 'MMH' } }, /^translations\.es\.title: /],
    ['a field other than title and summary', { fr: { ...FR, links: [{ url: 'http://evil.example/' }] } }, /^translations\.fr: /],
    ['a translation with nothing in it', { fr: {} }, /^translations\.fr: a translation needs a title, a summary or both/],
  ])('refuses %s', (_what, translations, expected) => {
    expect(issues(translations).some((issue) => expected.test(issue))).toBe(true);
  });


  it('drops a __proto__ key (zod never copies it), so it can neither become a language nor the prototype', () => {
    const parsed = noticeSchema.parse(sampleNotice({ translations: JSON.parse('{"__proto__": {"title": "Bonjour tout le monde"}, "fr": {"title": "Bonjour tout le monde"}}') as unknown }));
    expect(Object.keys(parsed.translations ?? {})).toEqual(['fr']);
    expect(Object.getPrototypeOf(parsed.translations)).toBe(Object.prototype);
  });
});

describe('which words the patient reads', () => {
  const notice = noticeSchema.parse(mmh);

  it.each([
    ['fr', FR.title, FR.summary],
    ['fr-FR', FR.title, FR.summary],
    ['fr-CA', FR_CA_TITLE, FR.summary],
    ['fr_CA', FR_CA_TITLE, FR.summary],
    ['es-US', ES.title, SUMMARY],
    ['en-NZ', TITLE, SUMMARY],
    ['de-DE', TITLE, SUMMARY],
    ['', TITLE, SUMMARY],
    ['constructor', TITLE, SUMMARY],
  ])('in %j: the title and summary', (language, title, summary) => {
    expect(noticeText(notice, language)).toEqual({ title, summary });
  });

  it('shows the feed’s own words for a notice without translations', () => {
    expect(noticeText(noticeSchema.parse(sampleNotice()), 'fr-CA')).toEqual({ title: 'Example portal: documents copied', summary: 'Someone copied documents from an example portal. Check your account security status.' });
  });
});
