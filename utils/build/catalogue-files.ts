import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { formatPath } from '../feed/parse';
import { portalSchema, type Portal } from '../portals/schema';
import { catalogueProblems } from '../portals/validate-catalogue';
import { readJsonSource } from './json-duplicates';

/**
 * The portal catalogue's data files, `feed/portals/<id>.json`, one portal each, and the typed module
 * the build generates from them (`utils/portals/catalogue.ts`).
 *
 * Why a generated module rather than importing the JSON: TypeScript widens imported JSON
 * (`country: string`), so the catalogue would need a cast or a zod parse in every extension
 * context. The generated module keeps the literal types (`as const satisfies readonly Portal[]`),
 * imports nothing but a type, and so works the same in Vite (the extension, vitest), tsx (the
 * feed CLI, the bench) and wxt.config.ts. The files are checked here, in full, before anything is
 * generated; `wxt build` regenerates the module (`hooks['build:before']`) and a unit test fails if
 * the committed module is stale. Build-time only: nothing that ships imports this file.
 */

/** The repository root, from this file's place in it (wxt.config.ts, tsx and vitest all set import.meta.dirname). */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const PORTALS_DIR = join(REPO_ROOT, 'feed/portals');
export const CATALOGUE_MODULE = join(REPO_ROOT, 'utils/portals/catalogue.ts');
/** What each data file's `$schema` says, so editors complete and check it. */
export const PORTAL_SCHEMA_REF = '../portal.schema.json';

export interface SourceFile {
  /** As maintainers type it: relative to the repository root. */
  file: string;
  text: string;
}

/** One problem in one file: the JSON path inside it and the reason. */
export interface FileProblem {
  file: string;
  path: string;
  reason: string;
}

export const formatFileProblem = (problem: FileProblem) => `${problem.file}: ${problem.path}: ${problem.reason}`;

/** Paths in messages are relative to the repository, as maintainers type them. */
export const displayPath = (path: string) => (path.startsWith(`${REPO_ROOT}/`) ? path.slice(REPO_ROOT.length + 1) : path);

export function readPortalFiles(dir = PORTALS_DIR): SourceFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: displayPath(join(dir, name)), text: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * The lists kept in order, each by the key a reviewer scans for, so that a diff shows one line
 * per change and a duplicate sits next to its twin. Notes and sources keep their authors' order:
 * it is the order of the argument.
 */
function sortKeysOf(portal: Portal) {
  return {
    hosts: { keys: portal.hosts.map((rule) => rule.host), field: 'host' },
    tenants: { keys: (portal.tenants ?? []).map((tenant) => tenant.host), field: 'host' },
    tenantSuffixes: { keys: (portal.tenantSuffixes ?? []).map((rule) => rule.suffix), field: 'suffix' },
    lookalikes: { keys: portal.lookalikes ?? [], field: undefined },
  } as const;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedBy = <T>(list: readonly T[] | undefined, key: (item: T) => string): T[] | undefined => list && [...list].sort((a, b) => compare(key(a), key(b)));

/**
 * The entry as files are written: sorted lists in order, keys in the schema's order (a zod parse
 * returns them so). Throws on an entry the schema refuses; callers check first.
 */
export function canonicalPortal(portal: Portal): Portal {
  return portalSchema.parse({
    ...portal,
    hosts: sortedBy(portal.hosts, (rule) => rule.host),
    tenants: sortedBy(portal.tenants, (tenant) => tenant.host),
    tenantSuffixes: sortedBy(portal.tenantSuffixes, (rule) => rule.suffix),
    lookalikes: sortedBy(portal.lookalikes, (host) => host),
  });
}

/** The text of `feed/portals/<id>.json`: the `$schema` hint, then the canonical entry, two-space JSON. */
export function portalFileText(portal: Portal): string {
  return `${JSON.stringify({ $schema: PORTAL_SCHEMA_REF, ...canonicalPortal(portal) }, null, 2)}\n`;
}

/** Checks one data file on its own: JSON, schema, file name, TODOs, order. Cross-entry checks are in `checkPortalFiles`. */
export function checkPortalFile(source: SourceFile): { portal?: Portal; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const problem = (path: readonly PropertyKey[], reason: string) => problems.push({ file: source.file, path: formatPath(path), reason });
  const read = readJsonSource(source.text, problem);
  if (!read) return { problems };
  const { value } = read;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problem([], 'a portal file holds one JSON object');
    return { problems };
  }
  const { $schema: hint, ...entry } = value as Record<string, unknown>;
  if (hint !== undefined && hint !== PORTAL_SCHEMA_REF) problem(['$schema'], `must be ${JSON.stringify(PORTAL_SCHEMA_REF)}`);
  for (const path of todoStrings(entry, [])) problem(path, 'still holds a TODO from the scaffold');
  const parsed = portalSchema.safeParse(entry);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problem(issue.path, issue.message);
    return { problems };
  }
  const portal = parsed.data;
  if (basename(source.file) !== `${portal.id}.json`) problem(['id'], `the file must be named ${portal.id}.json`);
  for (const [list, { keys, field }] of Object.entries(sortKeysOf(portal))) {
    const at = keys.findIndex((key, index) => index > 0 && compare(keys[index - 1] ?? '', key) > 0);
    if (at > 0) problem(field ? [list, at, field] : [list, at], `${list} are kept sorted: ${keys[at]} belongs before ${keys[at - 1]} (npm run feed -- format-portals puts them in order)`);
  }
  return { portal, problems };
}

/**
 * Every data file, one by one and then as one catalogue (ids and hosts claimed twice, lookalikes
 * over genuine hosts, public suffixes, home pages), each problem named by file and JSON path.
 * Portals come back in file order (by id), and only when there is no problem at all.
 */
export function checkPortalFiles(sources: readonly SourceFile[]): { portals: Portal[]; problems: FileProblem[] } {
  const checked = sources.map((source) => ({ source, ...checkPortalFile(source) }));
  const problems = checked.flatMap((result) => result.problems);
  const usable = checked.filter((result): result is typeof result & { portal: Portal } => result.portal !== undefined);
  const whole = catalogueProblems(usable.map((result) => result.portal));
  for (const found of whole.problems) {
    const file = found.index === undefined ? displayPath(PORTALS_DIR) : (usable[found.index]?.source.file ?? displayPath(PORTALS_DIR));
    problems.push({ file, path: formatPath(found.path), reason: found.message });
  }
  return { portals: problems.length === 0 ? whole.portals : [], problems };
}

/** The checked catalogue from the data files; throws with every problem when there is one. */
export function loadCatalogue(dir = PORTALS_DIR): Portal[] {
  const { portals, problems } = checkPortalFiles(readPortalFiles(dir));
  if (problems.length > 0) throw new Error(`The portal catalogue has ${problems.length} problem(s):\n  ${problems.map(formatFileProblem).join('\n  ')}`);
  return portals;
}

/** The generated `utils/portals/catalogue.ts` for these (checked) portals. */
export function catalogueModuleText(portals: readonly Portal[]): string {
  const body = JSON.stringify(portals.map(canonicalPortal), null, 2);
  return `// GENERATED from feed/portals/*.json by utils/build/catalogue-files.ts (npm run feed -- catalogue,
// and every build). Do not edit: change the data files (docs/catalogue.md, "Adding a portal").
import type { Portal } from './schema';

/**
 * The reviewed portal catalogue, one entry per file in feed/portals/, in file (id) order. Typed
 * with \`satisfies\` rather than parsed, so no extension context runs zod over it; the build and
 * the tests parse the files with the schema before this module is written. The content script
 * never imports it: its match patterns are written into the manifest (wxt.config.ts).
 */
export const CATALOGUE = ${body} as const satisfies readonly Portal[];
`;
}

/**
 * Regenerates the module from the files. With `check`, only says whether the committed module is
 * current. Throws when a file has a problem, so a stale or broken catalogue never reaches a build.
 */
export function writeCatalogueModule({ dir = PORTALS_DIR, out = CATALOGUE_MODULE, check = false }: { dir?: string; out?: string; check?: boolean } = {}): { current: boolean; written: boolean; portals: Portal[] } {
  const portals = loadCatalogue(dir);
  const text = catalogueModuleText(portals);
  let existing: string | undefined;
  try {
    existing = readFileSync(out, 'utf8');
  } catch {
    existing = undefined;
  }
  if (existing === text) return { current: true, written: false, portals };
  if (check) return { current: false, written: false, portals };
  writeFileSync(out, text);
  return { current: false, written: true, portals };
}

function todoStrings(value: unknown, path: PropertyKey[]): PropertyKey[][] {
  if (typeof value === 'string') return /\bTODO\b/.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => todoStrings(item, [...path, index]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => todoStrings(item, [...path, key]));
  return [];
}

