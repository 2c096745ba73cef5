import { z } from 'zod';
import { CATEGORIES, DOCUMENT_KINDS, type Category, type DocumentKind } from '../model';
import type { IdentifierKind } from '../identifiers';

/**
 * Schemas of the code tables in this folder. The tables are bundled, so they are checked when
 * they change (codes.test.ts, in CI), like the portal catalogue, not each time the worker
 * starts: `codes.ts` imports only their types, which keeps zod out of the worker's bundle.
 */

const loinc = z.string().regex(/^\d{1,7}-\d$/, 'a LOINC code such as 34133-9'); // i18n-ignore: for maintainers editing the code files, never shown to a patient
const oid = z.string().regex(/^[0-2](\.(0|[1-9]\d*))+$/, 'an OID such as 2.16.840.1.113883.10.20.22.1.2'); // i18n-ignore: for maintainers
const https = z.string().regex(/^https:\/\/\S+/, 'an https address of the public source'); // i18n-ignore: for maintainers
const category = z.enum(Object.keys(CATEGORIES) as [Category, ...Category[]]);
const documentKind = z.enum(Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]]);

export const documentTypesSchema = z.strictObject({
  $comment: z.string(),
  documentTypes: z.array(
    z.strictObject({ kind: documentKind, title: z.string().min(1), templates: z.array(oid), loinc: z.array(loinc), source: https }),
  ),
});

export const sectionTypesSchema = z.strictObject({
  $comment: z.string(),
  sections: z.array(z.strictObject({ title: z.string().min(1), category, loinc: z.array(loinc).min(1), templates: z.array(oid), source: https })),
});

const IDENTIFIER_KINDS = ['ssn', 'mbi', 'nhi', 'ihi', 'medicare-au', 'dva', 'nhs-number', 'drivers-licence', 'passport'] as const satisfies readonly IdentifierKind[];

export const identifierTypesSchema = z.strictObject({
  $comment: z.string(),
  systems: z.array(z.string().url()).min(1),
  types: z.array(
    z.strictObject({
      code: z.string().regex(/^[A-Z]{1,5}$/),
      display: z.string().min(1),
      kind: z.enum([...IDENTIFIER_KINDS, 'record-number', 'member-number']),
    }),
  ),
});

export const mentalHealthCodesSchema = z.strictObject({
  $comment: z.string(),
  icd10Prefixes: z.array(z.string().regex(/^[A-Z]\d*$/)),
  systems: z.strictObject({ snomed: z.array(z.string()), loinc: z.array(z.string()), icd10: z.array(z.string()) }),
  codes: z.array(z.strictObject({ system: z.enum(['snomed', 'loinc']), code: z.string().regex(/^[0-9-]+$/), display: z.string().min(1) })),
});

export type DocumentTypesFile = z.infer<typeof documentTypesSchema>;
export type SectionTypesFile = z.infer<typeof sectionTypesSchema>;
export type IdentifierTypesFile = z.infer<typeof identifierTypesSchema>;
export type MentalHealthCodesFile = z.infer<typeof mentalHealthCodesSchema>;
