import { SaxesParser } from 'saxes';
import type { Collector } from './collector';
import { judgeDoctype } from './dtd';
import { isReviewError } from './errors';
import { doctypeRefused } from './xml-sink';

/**
 * Apple Health's export.xml can be gigabytes of device measurements, which the review skips. Its
 * `<Me>` element near the top holds the owner's date of birth and sex, so the first megabyte is
 * read for that alone. export.xml starts with an internal DTD (element and attribute declarations,
 * no entities); it is judged as in any XML file (`dtd.ts`), and one that declares entities or an
 * external DTD stops the review of the whole zip.
 */

/** How much of export.xml is read looking for `<Me>`. */
export const APPLE_ME_BYTES = 1024 * 1024;

/**
 * `<Me HKCharacteristicTypeIdentifierDateOfBirth="1980-04-12" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" …/>`:
 * the phone's owner. A date of birth or a sex makes it a patient record like a FHIR Patient, so
 * the page's "who are these files about" agrees with the chips it shows, and an owner born on
 * another day than the provider's Patient counts as another person (patients.ts).
 */
export function readMe(attributes: Readonly<Record<string, string>>, collector: Collector): void {
  const birthDate = attributes.HKCharacteristicTypeIdentifierDateOfBirth ?? '';
  const dated = /^\d{4}-\d{2}-\d{2}/.test(birthDate);
  const sex = attributes.HKCharacteristicTypeIdentifierBiologicalSex;
  const sexSet = !!sex && sex !== 'HKBiologicalSexNotSet';
  if (dated) collector.identity('birth-dates');
  if (sexSet) collector.identity('genders');
  if (dated || sexSet) collector.patient(dated ? { birthDate } : {});
}

/** Thrown from a data callback to stop unpacking an entry early. */
export class StopReading extends Error {}

export function createAppleMeReader(collector: Collector): { write(chunk: Uint8Array): void } {
  const decoder = new TextDecoder('utf-8');
  const parser = new SaxesParser<{ xmlns?: false; position: boolean }>({ position: false });
  let bytes = 0;
  parser.on('doctype', (doctype) => {
    if (!judgeDoctype(doctype).ok) throw doctypeRefused();
  });
  parser.on('opentag', (tag) => {
    if (tag.name !== 'Me') return;
    readMe(tag.attributes, collector);
    throw new StopReading('found-me');
  });
  return {
    write(chunk) {
      bytes += chunk.length;
      try {
        parser.write(decoder.decode(chunk, { stream: true }));
      } catch (error) {
        if (error instanceof StopReading || isReviewError(error)) throw error;
        // A damaged head is not worth a warning: the file is skipped either way.
        throw new StopReading('unreadable');
      }
      if (bytes >= APPLE_ME_BYTES) throw new StopReading('no-me-in-first-megabyte');
    },
  };
}
