/**
 * Canonical JSON: object keys sorted by UTF-16 code unit at every level, no whitespace, arrays in
 * their given order. The same feed always gives the same bytes, so a signature covers exactly one
 * text and two builds of unchanged sources can be compared byte for byte.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, '$'));
}

function sortKeys(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((item, index) => sortKeys(item, `${path}[${index}]`));
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${path}: ${value} has no JSON form`);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) sorted[key] = sortKeys(item, `${path}.${key}`);
  }
  return sorted;
}
