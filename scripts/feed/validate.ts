import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { CATALOGUE } from '../../utils/portals/catalogue';
import type { Portal } from '../../utils/portals/schema';
import { registrableDomainOf } from '../../utils/portals/registrable-domain';
import { formatPath } from '../../utils/feed/parse';
import { dataClassSchema, isDataClass, noticeSchema, type Notice } from '../../utils/feed/schema';
import { checkPortalFiles, readPortalFiles, writeCatalogueModule, type FileProblem } from '../../utils/build/catalogue-files';
import { readJsonSource } from '../../utils/build/json-duplicates';
import { trackerListSchema } from '../../utils/trackers/schema';
import { NOTICES_DIR, PORTALS_DIR, TRACKERS_FILE, display } from './paths';

export { describeJsonError } from '../../utils/build/json-duplicates';

/**
 * `npm run feed -- validate`: the portal catalogue's data files (feed/portals/, checked by
 * `utils/build/catalogue-files.ts`, the same code the build runs), then every notice file against the schema, plus the checks that only make
 * sense while authoring (unknown keys are typos here, even though the extension tolerates them in
 * a newer feed; portal ids must be in this repository's catalogue; no scaffold TODOs left).
 * Every problem names the file, the JSON path and the reason.
 */

export type Problem = FileProblem;

export const formatProblem = (problem: Problem) => `${problem.file}: ${problem.path}: ${problem.reason}`;

export interface SourceFile {
  file: string;
  text: string;
}

/** Keys a notice file may have beyond the schema: `$schema` points editors at the JSON Schema. */
const EDITOR_KEYS = new Set(['$schema']);

export function checkNoticeFile(source: SourceFile, catalogue: readonly Portal[] = CATALOGUE as readonly Portal[], today = new Date().toISOString().slice(0, 10)): { notice?: Notice; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (path: readonly PropertyKey[], reason: string) => problems.push({ file: source.file, path: formatPath(path), reason });
  const read = readJsonSource(source.text, problem);
  if (!read) return { problems };
  const { value } = read;
  for (const path of unknownKeys(noticeSchema, value, [])) {
    if (path.length === 1 && EDITOR_KEYS.has(String(path[0]))) continue;
    problem(path, `unknown field ${JSON.stringify(String(path.at(-1)))} (a typo? the fields are listed in feed/notice.schema.json)`);
  }
  for (const path of todoStrings(value, [])) problem(path, 'still holds a TODO from the scaffold');
  for (const { path, dataClass } of unknownDataClasses(value)) problem(path, dataClassSchema.safeParse(dataClass).error?.issues[0]?.message ?? 'unknown data class');
  const parsed = noticeSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problem(issue.path, issue.message);
    return { problems };
  }
  const notice = parsed.data;
  if (basename(source.file) !== `${notice.id}.json`) problem(['id'], `the file must be named ${notice.id}.json`);
  for (const [field, date] of [['added', notice.added], ['modified', notice.modified], ['disclosed', notice.disclosed]] as const) {
    if (date > today) problem([field], `${date} is in the future`);
  }
  problems.push(...checkPortals(notice, catalogue).map(({ path, reason }) => ({ file: source.file, path: formatPath(path), reason })));
  return { notice, problems };
}

/**
 * Portal ids must exist in the catalogue, deliberately: a notice pointing at an id nobody matches
 * would silently never be shown. A platform (MyChart) needs tenants, or `platformWide` when the
 * platform itself was breached; a tenant must be one the catalogue knows for that platform.
 */
export function checkPortals(notice: Notice, catalogue: readonly Portal[]): { path: PropertyKey[]; reason: string }[] {
  const problems: { path: PropertyKey[]; reason: string }[] = [];
  const named = notice.portals.map((id) => catalogue.find((portal) => portal.id === id));
  notice.portals.forEach((id, index) => {
    if (!named[index]) problems.push({ path: ['portals', index], reason: `${JSON.stringify(id)} is not a portal id in feed/portals/` });
  });
  const platforms = named.filter((portal): portal is Portal => portal?.kind === 'platform');
  if (notice.portals.length === 0 && (notice.tenants?.length || notice.platformWide)) problems.push({ path: ['portals'], reason: 'tenants and platformWide need a platform in portals' });
  if (platforms.length > 0 && !notice.tenants?.length && !notice.platformWide) {
    problems.push({ path: ['tenants'], reason: `${platforms.map((portal) => portal.id).join(', ')} is a platform: list the affected tenants' hosts, or set platformWide when the platform itself was breached` });
  }
  if (platforms.length === 0 && notice.tenants?.length) problems.push({ path: ['tenants'], reason: 'only a notice on a platform can name tenants' });
  // A platform's shared domain (`iqhealth.com`, where every tenant has a subdomain) reaches every
  // tenant: the same as platformWide, so it needs platformWide.
  const shared = new Map<string, string>();
  for (const portal of catalogue) {
    if (portal.kind !== 'platform') continue;
    for (const { suffix } of portal.tenantSuffixes ?? []) {
      const domain = registrableDomainOf(suffix);
      if (domain) shared.set(domain, portal.id);
    }
  }
  notice.domains?.forEach((domain, index) => {
    const platform = shared.get(domain);
    if (platform && !notice.platformWide) problems.push({ path: ['domains', index], reason: `${domain} is where every tenant of ${platform} lives: name the affected tenants, or set platformWide when the platform itself was breached` });
  });
  notice.tenants?.forEach((host, index) => {
    const known = platforms.some((portal) => portal.tenants?.some((tenant) => tenant.host === host) || portal.tenantSuffixes?.some(({ suffix }) => host.endsWith(`.${suffix}`)));
    if (platforms.length > 0 && !known) problems.push({ path: ['tenants', index], reason: `${host} is not a tenant of ${platforms.map((portal) => portal.id).join(', ')} in the catalogue` });
  });
  return problems;
}

/** All notice files, checked one by one and then together (duplicate ids). */
export function checkNotices(sources: readonly SourceFile[], catalogue?: readonly Portal[], today?: string): { notices: Notice[]; problems: Problem[] } {
  const notices: Notice[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const source of sources) {
    const result = checkNoticeFile(source, catalogue, today);
    problems.push(...result.problems);
    if (!result.notice) continue;
    const other = seen.get(result.notice.id);
    if (other) problems.push({ file: source.file, path: '$.id', reason: `duplicate notice id ${result.notice.id}, also in ${other}` });
    else seen.set(result.notice.id, source.file);
    notices.push(result.notice);
  }
  notices.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { notices, problems };
}

export function readNoticeFiles(dir = NOTICES_DIR): SourceFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: display(join(dir, name)), text: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * The tracker list (feed/trackers.json, docs/trackers.md): the schema (sorted ids, each domain
 * once, https sources) and, since the file is written by hand, no unknown key anywhere.
 */
export function checkTrackerFile(source: SourceFile): { count: number; domains: number; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (path: readonly PropertyKey[], reason: string) => problems.push({ file: source.file, path: formatPath(path), reason });
  const read = readJsonSource(source.text, problem);
  if (!read) return { count: 0, domains: 0, problems };
  const parsed = trackerListSchema.safeParse(read.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problem(issue.path, issue.message);
    return { count: 0, domains: 0, problems };
  }
  return { count: parsed.data.trackers.length, domains: parsed.data.trackers.reduce((sum, entry) => sum + entry.domains.length, 0), problems };
}

/**
 * Portals first: the notices are then checked against the catalogue in the files (the generated
 * module only when the files themselves have problems), and the generated module must be current.
 */
export function runValidate(dir = NOTICES_DIR, log: (line: string) => void = console.log, portalsDir = PORTALS_DIR, trackersFile = TRACKERS_FILE): number {
  const portals = checkPortalFiles(readPortalFiles(portalsDir));
  const { notices, problems } = checkNotices(readNoticeFiles(dir), portals.problems.length === 0 ? portals.portals : undefined);
  problems.unshift(...portals.problems);
  const trackers = checkTrackerFile({ file: display(trackersFile), text: readFileSync(trackersFile, 'utf8') });
  problems.push(...trackers.problems);
  if (portalsDir === PORTALS_DIR && portals.problems.length === 0 && !writeCatalogueModule({ check: true }).current) {
    problems.push({ file: 'utils/portals/catalogue.ts', path: '$', reason: 'is out of date with feed/portals/: run npm run feed -- catalogue (every build regenerates it too)' });
  }
  for (const problem of problems) log(formatProblem(problem));
  log(problems.length === 0 ? `${portals.portals.length} portals, ${notices.length} notices and ${trackers.count} trackers (${trackers.domains} domains) are valid.` : `${problems.length} problem${problems.length === 1 ? '' : 's'} found.`);
  return problems.length === 0 ? 0 : 1;
}

/** Paths of object keys that the schema does not define, walking the schema alongside the value. */
export function unknownKeys(schema: z.ZodType, value: unknown, path: PropertyKey[]): PropertyKey[][] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) return unknownKeys(schema.unwrap() as z.ZodType, value, path);
  if (schema instanceof z.ZodArray && Array.isArray(value)) return value.flatMap((item, index) => unknownKeys(schema.element as z.ZodType, item, [...path, index]));
  if (schema instanceof z.ZodObject && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([key, item]) => (key in shape ? unknownKeys(shape[key] as z.ZodType, item, [...path, key]) : [[...path, key]]));
  }
  return [];
}

/**
 * The extension drops data classes it does not know (a newer vocabulary), so the schema accepts
 * them; in the sources they are typos or classes not added to the vocabulary yet.
 */
function unknownDataClasses(value: unknown): { path: PropertyKey[]; dataClass: string }[] {
  if (value === null || typeof value !== 'object') return [];
  const notice = value as { dataClasses?: unknown; notAffected?: unknown; dataClassDetails?: unknown };
  const found: { path: PropertyKey[]; dataClass: string }[] = [];
  for (const field of ['dataClasses', 'notAffected'] as const) {
    const list = notice[field];
    if (Array.isArray(list)) list.forEach((item, index) => typeof item === 'string' && !isDataClass(item) && found.push({ path: [field, index], dataClass: item }));
  }
  if (Array.isArray(notice.dataClassDetails)) {
    notice.dataClassDetails.forEach((detail: unknown, index) => {
      const dataClass = detail !== null && typeof detail === 'object' ? (detail as { dataClass?: unknown }).dataClass : undefined;
      if (typeof dataClass === 'string' && !isDataClass(dataClass)) found.push({ path: ['dataClassDetails', index, 'dataClass'], dataClass });
    });
  }
  return found;
}

function todoStrings(value: unknown, path: PropertyKey[]): PropertyKey[][] {
  if (typeof value === 'string') return /\bTODO\b/.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => todoStrings(item, [...path, index]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => todoStrings(item, [...path, key]));
  return [];
}
