/**
 * Ids that come from a policy, a file, the feed or the patient end up as keys of plain objects
 * (storage records, lookups). There `constructor`, `toString` or `__proto__` would find what every
 * object inherits rather than nothing (issue 14, item 5). So such names are refused as ids in the
 * schemas (`notPrototypeName`), records read from storage have no prototype, and lookups use
 * `own()`. Hand-written: it is three lines, and no library does exactly this.
 */

/** Every name a plain object inherits, plus `prototype` (which functions have). */
export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** For a zod `.refine()`: true when `id` is not an inherited name. */
export const notPrototypeName = (id: string): boolean => !PROTOTYPE_NAMES.has(id);

/** The reason shown when an id is refused for being an inherited name. */
export const PROTOTYPE_NAME_REASON = 'is a name every JavaScript object already has; choose another';

/** `record[key]` if the record itself holds that key, never an inherited value. */
export function own<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
