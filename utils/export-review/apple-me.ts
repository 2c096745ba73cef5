import { SaxesParser } from 'saxes';
import type { Collector } from './collector';

/**
 * Apple Health's export.xml can be gigabytes of device measurements, which the review skips. Its
 * `<Me>` element near the top holds the owner's date of birth and sex, so the first megabyte is
 * read for that alone. export.xml starts with an internal DTD (element declarations, no entities);
 * saxes skips it without expanding anything, which is why this reader, unlike the C-CDA one,
 * tolerates it.
 */

/** How much of export.xml is read looking for `<Me>`. */
export const APPLE_ME_BYTES = 1024 * 1024;

/** Thrown from a data callback to stop unpacking an entry early. */
export class StopReading extends Error {}

export function createAppleMeReader(collector: Collector): { write(chunk: Uint8Array): void } {
  const decoder = new TextDecoder('utf-8');
  const parser = new SaxesParser<{ xmlns?: false; position: boolean }>({ position: false });
  let bytes = 0;
  parser.on('opentag', (tag) => {
    if (tag.name !== 'Me') return;
    const attributes = tag.attributes;
    if (/^\d{4}-\d{2}-\d{2}/.test(attributes.HKCharacteristicTypeIdentifierDateOfBirth ?? '')) collector.identity('birth-dates');
    const sex = attributes.HKCharacteristicTypeIdentifierBiologicalSex;
    if (sex && sex !== 'HKBiologicalSexNotSet') collector.identity('genders');
    throw new StopReading('found <Me>');
  });
  return {
    write(chunk) {
      bytes += chunk.length;
      try {
        parser.write(decoder.decode(chunk, { stream: true }));
      } catch (error) {
        if (error instanceof StopReading) throw error;
        // A damaged head is not worth a warning: the file is skipped either way.
        throw new StopReading('unreadable');
      }
      if (bytes >= APPLE_ME_BYTES) throw new StopReading('no <Me> in the first megabyte');
    },
  };
}
