import { z } from 'zod';
import type { ReviewLimits } from './limits';
import { CATEGORIES, DOCUMENT_KINDS, IDENTITY_FIELDS, WHERE_FOUND, type FileReview, type FormatId, type Outcome } from './model';
import type { ReviewProgress } from './review';
import { reviewMessageSchema } from './review-message';

/** Page → worker. The File crosses by structured clone: the worker reads it, the page never does. */
export type ToWorker = { type: 'review'; id: number; file: File; limits?: Partial<ReviewLimits> };

/**
 * Worker → page, checked here with zod before the page uses it (`parseFromWorker`). The worker is
 * our own code, but it reads hostile files: whatever it sends back must be the language-free
 * review the page expects (message codes with numbers and the file's own data, never a sentence),
 * so a worker that went wrong shows a failed review, not what it sent.
 */
const count = z.number().int().nonnegative();
/** `2019`, `2019-03` or `2019-03-12`, the dates a record gives. */
const partialDate = z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/);
const keysOf = <T extends Record<string, unknown>>(table: T) => z.enum(Object.keys(table) as [keyof T & string, ...(keyof T & string)[]]);

const FORMAT_IDS = ['fhir-json', 'fhir-ndjson', 'cda', 'xdm', 'apple-health', 'apple-health-xml', 'zip', 'pdf', 'image', 'unknown'] as const satisfies readonly FormatId[];
const OUTCOMES = ['reviewed', 'listed', 'unrecognised', 'refused', 'failed', 'cancelled'] as const satisfies readonly Outcome[];
const IDENTIFIER_KINDS = ['ssn', 'mbi', 'nhi', 'ihi', 'medicare-au', 'dva', 'nhs-number', 'drivers-licence', 'passport'] as const;
const PERSON_FIELDS = [...IDENTIFIER_KINDS, 'record-number', 'name', 'birth-date'] as const;

const findingsSchema = z.strictObject({
  patients: count,
  patientRecords: z.array(z.strictObject({ ids: z.array(z.string()), names: z.array(z.string()), birthDate: z.string().optional() })),
  patientsDifferIn: z.array(z.enum(PERSON_FIELDS)),
  patientsOverCap: z.boolean(),
  fhirVersions: z.array(z.enum(['DSTU2', 'STU3', 'R4'])),
  identity: z.partialRecord(keysOf(IDENTITY_FIELDS), count),
  identifiers: z.array(z.strictObject({ kind: z.enum(IDENTIFIER_KINDS), value: z.string(), check: z.enum(['valid', 'invalid', 'no-check-digit']), where: keysOf(WHERE_FOUND) })),
  recordNumbers: count,
  categories: z.partialRecord(keysOf(CATEGORIES), z.strictObject({ count, undated: count, dates: z.record(partialDate, count) })),
  documents: z.array(
    z.strictObject({
      kind: keysOf(DOCUMENT_KINDS),
      title: z.string().optional(),
      date: partialDate.optional(),
      path: z.string(),
      size: count.optional(),
      mimeType: z.string().optional(),
      fileDate: partialDate.optional(),
      embeddedFile: z.boolean().optional(),
    }),
  ),
  documentsNotListed: count,
  firstDate: partialDate.optional(),
  lastDate: partialDate.optional(),
});

export const fileReviewSchema: z.ZodType<FileReview> = z.strictObject({
  name: z.string(),
  size: count,
  lastModified: z.number().optional(),
  format: z.enum(FORMAT_IDS),
  outcome: z.enum(OUTCOMES),
  message: reviewMessageSchema.optional(),
  errorCode: z.string().optional(),
  warnings: z.array(reviewMessageSchema),
  findings: findingsSchema,
  zipEntries: z.strictObject({ read: count, total: count }).optional(),
});

const progressSchema: z.ZodType<ReviewProgress> = z.strictObject({ bytesDone: count, bytesTotal: count, current: z.string().optional() });

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('progress'), id: z.number(), progress: progressSchema }),
  z.strictObject({ type: z.literal('done'), id: z.number(), review: fileReviewSchema }),
]);

export type FromWorker = z.infer<typeof fromWorkerSchema>;
