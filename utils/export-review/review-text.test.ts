// @vitest-environment node
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useLocale } from '../../test/use-locale';
import { appleExportXml } from './fixtures/apple';
import { cdaDocument } from './fixtures/cda';
import { appleHealthZip } from './fixtures/zips';
import { reviewFile } from './review';
import { entryReasonSchema, type EntryReason, type ReviewMessage } from './review-message';
import { reviewMessageText, zipEntriesText } from './review-text';

/**
 * The worker's message codes in the patient's language (issue 17): each code is one whole
 * message in en.yml, fr.yml and es.yml, with sizes and counts formatted by Intl in that language.
 */

let restore = () => {};
afterEach(() => restore());

const LOCALES = [
  { locale: 'en', ui: 'en-NZ' },
  { locale: 'fr', ui: 'fr-CA' },
  { locale: 'es', ui: 'es-US' },
];

/** One message of each code, with parameters of the right type, built from the schema itself. */
const SAMPLES: EntryReason[] = entryReasonSchema.options.map((option) => {
  const sample: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(option.shape)) {
    if (name === 'code') sample.code = (field as z.ZodLiteral<string>).value;
    else if (field instanceof z.ZodNumber) sample[name] = 3;
    else if (field instanceof z.ZodArray) sample[name] = ['Pateint'];
    else sample[name] = 'IHE_XDM/SUBSET01/DOC0001.XML';
  }
  return entryReasonSchema.parse(sample);
});

describe.each(LOCALES)('every message in $locale', ({ locale, ui }) => {
  it.each(SAMPLES.map((sample) => [sample.code, sample] as const))('%s is whole, with every placeholder filled', async (_, sample) => {
    restore = await useLocale(locale, ui);
    const text = reviewMessageText(sample);
    expect(text.length).toBeGreaterThan(10);
    expect(text).not.toMatch(/[{}]|\$\d/);
    if ('entry' in sample) expect(text).toContain(sample.entry);
    const inEntry = reviewMessageText({ code: 'in-entry', entry: 'DOC0002.XML', reason: sample });
    expect(inEntry.startsWith('DOC0002.XML')).toBe(true);
    expect(inEntry).toContain(text);
    if (locale === 'en') return;
    // Translated: not the English sentence.
    restore();
    const english = reviewMessageText(sample);
    expect(text).not.toBe(english);
  });
});

/** Real files through the real reader, then worded in each language. */
const zipOf = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
const CASES: { case: string; file: () => Uint8Array; name: string; want: Record<string, string[]> }[] = [
  {
    case: 'Apple Health export.xml on its own',
    file: () => strToU8(appleExportXml()),
    name: 'export.xml',
    want: {
      en: ['This is Apple Health’s export.xml (step counts, heart rate and other measurements). Portal Guard reviews the whole export zip, where the clinical records are; choose the zip instead.'],
      fr: ['C’est le fichier export.xml d’Apple Santé (nombre de pas, fréquence cardiaque et autres mesures). Portal Guard vérifie le zip d’exportation complet, où se trouvent les dossiers cliniques\u202f; choisissez plutôt le zip.'],
      es: ['Es el archivo export.xml de Apple Health (pasos, frecuencia cardiaca y otras mediciones). Portal Guard revisa el zip completo de la exportación, donde están los registros clínicos; elija el zip.'],
    },
  },
  {
    case: 'an Apple Health export zip (routes and ECGs counted, not read)',
    file: () => appleHealthZip(),
    name: 'export.zip',
    want: {
      en: [
        'Apple Health measurements (export.xml: steps, heart rate, sleep …) were not reviewed; only clinical records and export_cda.xml were.',
        'This export also holds 1 workout route: a GPS track of where you exercised, which can reveal where you live.',
        'This export also holds 1 ECG recording, which was not reviewed.',
      ],
      fr: [
        'Les mesures d’Apple Santé (export.xml\u00a0: pas, fréquence cardiaque, sommeil…) n’ont pas été vérifiées\u202f; seuls les dossiers cliniques et export_cda.xml l’ont été.',
        'Cette exportation contient aussi 1 itinéraire d’entraînement\u00a0: un tracé GPS des endroits où vous avez fait de l’exercice, qui peut révéler où vous habitez.',
        'Cette exportation contient aussi 1 enregistrement d’ECG, qui n’a pas été vérifié.',
      ],
      es: [
        'No se revisaron las mediciones de Apple Health (export.xml: pasos, frecuencia cardiaca, sueño…); solo los registros clínicos y export_cda.xml.',
        'Esta exportación también contiene 1 ruta de entrenamiento: un recorrido GPS de dónde hizo ejercicio, que puede revelar dónde vive.',
        'Esta exportación también contiene 1 registro de electrocardiograma (ECG), que no se revisó.',
      ],
    },
  },
  {
    case: 'a zip that says it unpacks to more than the cap',
    // Two 300 kB PDFs against a 500 kB cap: the same check as a 280 × 15 MiB bomb, at test size.
    file: () => zipOf({ 'a.pdf': `%PDF-1.4 ${'x'.repeat(300_000)}`, 'b.pdf': `%PDF-1.4 ${'y'.repeat(1_500_000)}` }),
    name: 'records.zip',
    want: {
      en: ['This zip says its files unpack to 1.8 MB, more than the 500 kB Portal Guard will read. Real record exports are much smaller, so nothing in it was unpacked.'],
      fr: ['Ce zip annonce que ses fichiers font 1,8\u00a0Mo une fois décompressés, plus que les 500\u00a0ko que Portal Guard accepte de lire. Les vraies exportations de dossiers sont bien plus petites\u00a0: rien n’y a donc été décompressé.'],
      es: ['Este zip dice que sus archivos ocupan 1.8 MB al descomprimirse, más que los 500 kB que Portal Guard puede leer. Los expedientes descargados reales son mucho más pequeños, así que no se descomprimió nada.'],
    },
  },
  {
    case: 'a damaged document inside an XDM package',
    file: () => {
      // Stored, not deflated, so one changed byte (2015 → 2016) leaves the XML whole and only the CRC-32 tells.
      const zip = zipSync({ 'IHE_XDM/SUBSET01/DOC0001.XML': strToU8(cdaDocument()), 'IHE_XDM/SUBSET01/DOC0002.XML': strToU8(cdaDocument()) }, { level: 0 });
      zip[zip.indexOf(0x35, new TextDecoder('latin1').decode(zip).indexOf('2015'))] = 0x36;
      return zip;
    },
    name: 'mmh-export.zip',
    want: {
      en: ['IHE_XDM/SUBSET01/DOC0001.XML: This zip file is damaged or incomplete. It was probably cut short while downloading: download it again.'],
      fr: ['IHE_XDM/SUBSET01/DOC0001.XML\u00a0: Ce fichier zip est endommagé ou incomplet. Il a sans doute été interrompu pendant le téléchargement\u00a0: téléchargez-le de nouveau.'],
      es: ['IHE_XDM/SUBSET01/DOC0001.XML: Este archivo zip está dañado o incompleto. Probablemente se cortó durante la descarga: descárguelo de nuevo.'],
    },
  },
];

describe.each(CASES)('$case', ({ file, name, want }) => {
  it.each(LOCALES)('in $locale', async ({ locale, ui }) => {
    const review = await reviewFile(new File([file() as Uint8Array<ArrayBuffer>], name), { limits: { maxUnzippedBytes: 500_000 } });
    restore = await useLocale(locale, ui);
    const messages: ReviewMessage[] = review.message ? [review.message] : review.warnings;
    expect(messages.map(reviewMessageText)).toEqual(want[locale]);
  });
});

describe('the zip count beside the outcome', () => {
  it.each([
    { locale: 'en', ui: 'en-NZ', entries: { read: 5, total: 8 }, want: '5 of 8 files in the zip read' },
    { locale: 'en', ui: 'en-NZ', entries: { read: 1, total: 1 }, want: '1 of 1 file in the zip read' },
    { locale: 'fr', ui: 'fr-CA', entries: { read: 1_204, total: 1_310 }, want: 'Fichiers du zip lus\u00a0: 1\u00a0204 sur 1\u00a0310' },
    { locale: 'fr', ui: 'fr-CA', entries: { read: 0, total: 0 }, want: 'Fichiers du zip lus\u00a0: 0 sur 0' },
    { locale: 'es', ui: 'es-US', entries: { read: 5, total: 8 }, want: 'Archivos del zip leídos: 5 de 8' },
  ])('$locale: $want', async ({ locale, ui, entries, want }) => {
    restore = await useLocale(locale, ui);
    expect(zipEntriesText(entries)).toBe(want);
  });
});
