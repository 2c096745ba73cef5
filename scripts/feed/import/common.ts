import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { describeJsonError, duplicateJsonKeys } from '../../../utils/build/json-duplicates';
import { checkPortalFiles, formatFileProblem, portalFileText, PORTALS_DIR, type SourceFile } from '../../../utils/build/catalogue-files';
import type { Portal } from '../../../utils/portals/schema';

/**
 * What every catalogue importer shares: a strict JSON reader (duplicate keys are refused, since
 * JSON.parse would silently keep the last one), the result shape, the reviewable diff against
 * feed/portals/, and the only writer (`--write`), which writes portal files for review and nothing
 * else: no generated module, no feed, no signature. See docs/catalogue.md, "Importers".
 */

/** One input item the importer would not use, and why; printed for the reviewer. */
export interface Refusal {
  /** The item as the input names it: a domain, a file, an organisation's portal. */
  item: string;
  reason: string;
}

export interface ImportResult {
  /** The whole catalogue as it would be after the import (unchanged entries included). */
  portals: Portal[];
  /** Ids of the entries the import changes or adds. */
  changed: string[];
  refused: Refusal[];
  /** Things the reviewer should know that change nothing (a differing help link, an unknown method). */
  notes: string[];
  /** Counts for the summary line, in the order given. */
  counts: [label: string, count: number][];
}

/** A whole input the importer cannot read at all: nothing is proposed, nothing is written. */
export class ImportRefused extends Error {}

/** JSON.parse, with the reason for malformed text (line and column) and for duplicate keys. */
export function parseStrictJson(text: string, what: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportRefused(`${what}: not valid JSON: ${describeJsonError(text, error as Error)}`);
  }
  const duplicates = duplicateKeys(text);
  if (duplicates.length > 0) throw new ImportRefused(`${what}: ${duplicates.map((key) => `${key} is listed twice`).join('; ')}`);
  return value;
}

/**
 * Paths (`$["clevelandclinic.org"]`) of keys that occur twice in one object of a JSON text that
 * already parsed: `validate`'s own finder (momoa, utils/build/json-duplicates.ts), with every key
 * in brackets since importer keys are host names.
 */
export function duplicateKeys(text: string): string[] {
  return duplicateJsonKeys(text).map(({ path }) => `$${path.map((key) => `[${typeof key === 'number' ? key : JSON.stringify(key)}]`).join('')}`);
}

/** The catalogue with `next` in place of the entry with the same id. */
export function replacePortal(portals: readonly Portal[], next: Portal): Portal[] {
  return portals.map((portal) => (portal.id === next.id ? next : portal));
}

/** The unified diff of every changed file, as `git diff` would show it after `--write`. */
export function formatImportDiff(before: readonly Portal[], result: ImportResult): string[] {
  const old = new Map(before.map((portal) => [portal.id, portal]));
  return result.changed.flatMap((id) => {
    const next = result.portals.find((portal) => portal.id === id);
    const previous = old.get(id);
    const file = `feed/portals/${id}.json`;
    const patch = createTwoFilesPatch(previous ? `a/${file}` : '/dev/null', `b/${file}`, previous ? portalFileText(previous) : '', next ? portalFileText(next) : '', undefined, undefined, { context: 3 });
    // Drop jsdiff's "====" banner; keep the ---/+++ headers and the hunks, as git prints them.
    return patch.split('\n').filter((line) => line !== '' && !/^=+$/.test(line));
  });
}

export interface RunImportOptions {
  before: Portal[];
  result: ImportResult;
  write: boolean;
  dir?: string;
  log?: (line: string) => void;
}

/**
 * Prints the refusals, the notes, the diff and a summary; with `write`, writes the changed files
 * once the whole proposed catalogue passes the same checks as `validate`. Never writes otherwise.
 * Returns the exit code: 0 when the proposal is valid (refusals are expected in real input).
 */
export function reportImport({ before, result, write, dir = PORTALS_DIR, log = console.log }: RunImportOptions): number {
  for (const refusal of result.refused) log(`refused ${refusal.item}: ${refusal.reason}`);
  for (const note of result.notes) log(`note: ${note}`);
  const files: SourceFile[] = result.portals.map((portal) => ({ file: `feed/portals/${portal.id}.json`, text: portalFileText(portal) }));
  const { problems } = checkPortalFiles(files);
  if (problems.length > 0) {
    for (const problem of problems) log(`invalid proposal: ${formatFileProblem(problem)}`);
    log('nothing written: the proposal does not pass npm run feed -- validate');
    return 1;
  }
  for (const line of formatImportDiff(before, result)) log(line);
  log(`${result.counts.map(([label, count]) => `${count} ${label}`).join(', ')}; ${result.refused.length} refused; ${result.changed.length} portal file${result.changed.length === 1 ? '' : 's'} would change.`);
  if (!write || result.changed.length === 0) {
    if (result.changed.length > 0) log('nothing written (review the diff; --write writes these files for review, nothing else)');
    return 0;
  }
  for (const id of result.changed) {
    const portal = result.portals.find((item) => item.id === id);
    if (portal) writeFileSync(join(dir, `${id}.json`), portalFileText(portal));
  }
  log(`wrote ${result.changed.length} file${result.changed.length === 1 ? '' : 's'} in feed/portals/: review with git diff, then npm run feed -- catalogue. Nothing is signed or published.`);
  return 0;
}
