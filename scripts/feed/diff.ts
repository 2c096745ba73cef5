import { canonicalJson } from '../../utils/feed/canonical';
import { formatPath } from '../../utils/feed/parse';
import type { Notice } from '../../utils/feed/schema';
import { NOTICES_DIR, PUBLISHED_FILE, display } from './paths';
import { readPayloadFile, readSignedFeed } from './published';
import { checkNotices, formatProblem, readNoticeFiles } from './validate';

/**
 * `npm run feed -- diff`: what a reviewer needs to see before a feed is signed. Compares the
 * notice sources (or a built payload, `--payload FILE`) with the last published feed.
 */

export interface NoticeChange {
  id: string;
  /** Paths whose values differ, with short before/after text. */
  fields: { path: string; before: string; after: string }[];
  /** False when the content changed but `modified` did not: a review flag. */
  modifiedBumped: boolean;
}

export interface FeedDiff {
  added: Notice[];
  removed: Notice[];
  changed: NoticeChange[];
}

/**
 * Fields whose change is not news for a patient: which domains a notice reaches, and the list of
 * citations. A new `modified` re-alerts everyone who dismissed the notice, so filling `domains`
 * (with the source that supports it) must not demand one.
 */
const TARGETING_ONLY = /^\$\.(?:domains|sources)(?:\[|$)/;

export function diffNotices(before: readonly Notice[], after: readonly Notice[]): FeedDiff {
  const old = new Map(before.map((notice) => [notice.id, notice]));
  const current = new Map(after.map((notice) => [notice.id, notice]));
  const changed: NoticeChange[] = [];
  for (const notice of after) {
    const previous = old.get(notice.id);
    if (!previous) continue;
    const fields = changedPaths(strip(previous), strip(notice), []);
    if (fields.length === 0) continue;
    const contentChanged = fields.some((field) => field.path !== '$.modified' && !TARGETING_ONLY.test(field.path));
    changed.push({ id: notice.id, fields, modifiedBumped: !contentChanged || notice.modified > previous.modified });
  }
  return {
    added: after.filter((notice) => !old.has(notice.id)),
    removed: before.filter((notice) => !current.has(notice.id)),
    changed,
  };
}

function strip(notice: Notice): unknown {
  const { $schema: _editorHint, ...rest } = notice as Notice & { $schema?: unknown };
  return JSON.parse(canonicalJson(rest));
}

/** Leaf paths that differ; arrays are compared whole, since their items have no stable identity. */
function changedPaths(before: unknown, after: unknown, path: PropertyKey[]): NoticeChange['fields'] {
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedPaths(before[key], after[key], [...path, key]));
  }
  if (canonicalJson(before ?? null) === canonicalJson(after ?? null) && (before === undefined) === (after === undefined)) return [];
  return [{ path: formatPath(path), before: short(before), after: short(after) }];
}

function short(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatDiff(diff: FeedDiff): string[] {
  const lines: string[] = [];
  for (const notice of diff.added) lines.push(`+ ${notice.id}: new notice "${notice.title}" (portals: ${notice.portals.join(', ') || 'none'})`);
  for (const notice of diff.removed) lines.push(`- ${notice.id}: removed`);
  for (const change of diff.changed) {
    lines.push(`~ ${change.id}:`);
    for (const field of change.fields) lines.push(`    ${field.path}: ${field.before} -> ${field.after}`);
    if (!change.modifiedBumped) lines.push('    ! the content changed but "modified" did not: set it to today');
  }
  if (lines.length === 0) lines.push('no changes');
  return lines;
}

export function runDiff({ against = PUBLISHED_FILE, payload, noticesDir = NOTICES_DIR, log = console.log }: { against?: string; payload?: string; noticesDir?: string; log?: (line: string) => void } = {}): number {
  const published = readSignedFeed(against);
  let after: Notice[];
  let label: string;
  if (payload) {
    after = readPayloadFile(payload).feed.notices;
    label = display(payload);
  } else {
    const { notices, problems } = checkNotices(readNoticeFiles(noticesDir));
    for (const problem of problems) log(formatProblem(problem));
    if (problems.length > 0) return 1;
    after = notices;
    label = display(noticesDir);
  }
  log(`${label} against ${display(against)}${published ? ` (sequence ${published.feed.sequence}, generated ${published.feed.generatedAt})` : ' (not published yet)'}:`);
  for (const line of formatDiff(diffNotices(published?.feed.notices ?? [], after))) log(line);
  return 0;
}
