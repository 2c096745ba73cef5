import { z } from 'zod';

/**
 * What the review worker has to tell the patient about a file (why it was refused, what it
 * skipped), as a code and typed parameters, never words: the worker has no `browser.i18n`, so the
 * page turns each message into a sentence in the patient's language (`review-text.ts`). Counts and
 * sizes are numbers, formatted on the page; `text` parameters are the file's own data (an entry's
 * name, an element's name, a FHIR resource type), shown as written and never translated.
 *
 * The schemas are the contract: `worker-protocol.ts` parses every reply with them, so a worker
 * that sent a sentence, or a parameter of the wrong type, is refused at the boundary.
 */

const count = z.number().int().nonnegative();
/** A file's own data, shown as written: the worker cuts it to a length a sentence can hold. */
const text = z.string().max(200);
const plain = <C extends string>(code: C) => z.strictObject({ code: z.literal(code) });

/** Every message but `in-entry`, which wraps one of these with the zip entry it is about. */
export const entryReasonSchema = z.discriminatedUnion('code', [
  // Why a file was not reviewed.
  plain('cancelled'),
  z.strictObject({ code: z.literal('too-large'), size: count, limit: count }),
  z.strictObject({ code: z.literal('too-large-streamed'), limit: count }),
  plain('read-failed'),
  plain('empty'),
  plain('not-a-record-format'),
  plain('html-page'),
  plain('plain-text'),
  z.strictObject({ code: z.literal('too-deep'), depth: count }),
  z.strictObject({ code: z.literal('truncated'), size: count }),
  plain('json-damaged'),
  plain('json-plain-value'),
  plain('json-list'),
  plain('json-no-resource'),
  plain('json-not-utf8'),
  plain('fhir-no-resource-type'),
  plain('fhir-operation-outcome'),
  z.strictObject({ code: z.literal('fhir-definition'), resourceType: text }),
  z.strictObject({ code: z.literal('fhir-unknown-type'), resourceType: text }),
  z.strictObject({ code: z.literal('fhir-in-xml'), resourceType: text }),
  plain('xml-damaged'),
  z.strictObject({ code: z.literal('xml-truncated'), size: count }),
  plain('xml-doctype'),
  z.strictObject({ code: z.literal('xml-encoding-unknown'), encoding: text }),
  plain('not-utf8'),
  z.strictObject({ code: z.literal('not-valid-text'), encoding: text }),
  plain('cda-wrong-namespace'),
  z.strictObject({ code: z.literal('xml-unknown-root'), element: text }),
  plain('apple-export-xml-alone'),
  plain('zip-cannot-open'),
  plain('zip-damaged'),
  z.strictObject({ code: z.literal('zip-declares-too-much'), size: count, limit: count }),
  z.strictObject({ code: z.literal('zip-too-many-entries'), count, limit: count }),
  z.strictObject({ code: z.literal('zip-too-large'), limit: count }),
  z.strictObject({ code: z.literal('zip-unsafe-name'), name: text }),
  plain('zip-overlap'),
  plain('zip-encrypted'),
  z.strictObject({ code: z.literal('zip-method'), entry: text, method: count }),
  z.strictObject({ code: z.literal('zip-entry-bomb'), entry: text }),
  // What did not stop the review, but the patient should know.
  z.strictObject({ code: z.literal('skipped-entry'), size: count }),
  z.strictObject({ code: z.literal('skipped-field'), size: count }),
  plain('fhir-lines-skipped'),
  z.strictObject({ code: z.literal('fhir-unknown-types'), count, types: z.array(text).max(5) }),
  plain('cda-no-kind'),
  z.strictObject({ code: z.literal('identifiers-not-listed'), count, listed: count }),
  z.strictObject({ code: z.literal('apple-export-xml-lists'), count }),
  z.strictObject({ code: z.literal('zip-in-zip'), entry: text }),
  z.strictObject({ code: z.literal('xdm-missing'), uri: text }),
  plain('xdm-missing-unnamed'),
  plain('apple-measurements-skipped'),
  z.strictObject({ code: z.literal('apple-routes'), count }),
  z.strictObject({ code: z.literal('apple-ecgs'), count }),
  z.strictObject({ code: z.literal('not-reviewed'), count }),
  // Said by the page's side of the worker (worker-client.ts), when the worker could not answer.
  plain('stalled'),
  plain('worker-crashed'),
  plain('bad-reply'),
]);

/** One bad entry of a zip, which did not stop the rest: its name, and what was wrong with it. */
export const reviewMessageSchema = z.union([entryReasonSchema, z.strictObject({ code: z.literal('in-entry'), entry: text, reason: entryReasonSchema })]);

export type EntryReason = z.infer<typeof entryReasonSchema>;
export type ReviewMessage = z.infer<typeof reviewMessageSchema>;
