import { z } from 'zod';
import { compiledFeedParser } from './compiled-parser';
import { FEED_FORMAT_MAJOR, feedSchema, type Feed } from './schema';

/** `$.notices[3].links[0].url`: the JSON path of a zod issue, as maintainers and editors write it. */
export function formatPath(path: readonly PropertyKey[]): string {
  return `$${path.map((key) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(String(key)) ? `.${String(key)}` : `[${JSON.stringify(String(key))}]`)).join('')}`;
}

/** Each issue as `path: message`, at most `max` of them, then a count of the rest. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], max = 3, name: (path: readonly PropertyKey[]) => string = formatPath): string {
  const shown = issues.slice(0, max).map((issue) => `${name(issue.path)}: ${issue.message}`);
  const more = issues.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}`;
}

export type FeedParseErrorCode = 'malformed-json' | 'unsupported-format' | 'schema';
export type FeedParseResult = { ok: true; feed: Feed } | { ok: false; code: FeedParseErrorCode; reason: string };

/**
 * Parse a verified payload. The major format version is checked before the schema, so a feed from
 * a future format gets one clear message instead of a list of confusing field errors.
 */
export function parseFeedPayload(payload: string): FeedParseResult {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch (error) {
    return { ok: false, code: 'malformed-json', reason: `the signed feed is not valid JSON (${(error as Error).message})` };
  }
  return parseFeedValue(value);
}

export function parseFeedValue(value: unknown): FeedParseResult {
  const version = value !== null && typeof value === 'object' ? (value as { formatVersion?: unknown }).formatVersion : undefined;
  const major = typeof version === 'string' ? /^(\d+)\./.exec(version)?.[1] : undefined;
  if (major !== undefined && Number(major) !== FEED_FORMAT_MAJOR) {
    return { ok: false, code: 'unsupported-format', reason: `the feed uses format ${version}, but this version of Portal Guard reads format ${FEED_FORMAT_MAJOR}.x; update Portal Guard to read it` };
  }
  // The compiled parser accepts exactly what feedSchema accepts (compiled-parser.ts); anything it
  // does not accept goes through zod itself, for zod's own messages.
  const compiled = compiledFeedParser()?.(value);
  if (compiled !== undefined && compiled !== z.INVALID) return { ok: true, feed: compiled };
  const parsed = feedSchema.safeParse(value);
  if (parsed.success) return { ok: true, feed: parsed.data };
  const notices = (value as { notices?: unknown }).notices;
  const name = (path: readonly PropertyKey[]) => {
    const notice = path[0] === 'notices' && typeof path[1] === 'number' && Array.isArray(notices) ? (notices[path[1]] as { id?: unknown } | undefined) : undefined;
    return typeof notice?.id === 'string' ? `${formatPath(path)} (notice ${notice.id})` : formatPath(path);
  };
  return { ok: false, code: 'schema', reason: `the feed does not match format ${FEED_FORMAT_MAJOR}: ${describeIssues(parsed.error.issues, 3, name)}` };
}
