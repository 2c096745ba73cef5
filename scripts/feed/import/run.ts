import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogue, PORTALS_DIR } from '../../../utils/build/catalogue-files';
import { importAppleChangePasswordUrls } from './apple-change-password';
import { ImportRefused, reportImport, type ImportResult } from './common';
import { HHS_OCR } from './hhs-ocr';
import { runRegulatorImport, type RegulatorList } from './regulator';
import { importSmartBrands } from './smart-brands';
import { importTwoFactorDirectory } from './two-factor-directory';

/** The importers `npm run feed -- import SOURCE …` knows; see docs/catalogue.md, "Importers". */
export const IMPORT_SOURCES = ['apple-change-password', '2fa-directory', 'smart-brands'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/**
 * Regulators' breach lists, which become draft notices rather than catalogue changes (see
 * regulator.ts). Another list (a state attorney general, the OAIC) is one more file and one entry.
 */
export const REGULATOR_LISTS: Readonly<Record<string, RegulatorList>> = { [HHS_OCR.id]: HHS_OCR };

export interface RunImportOptions {
  source: string | undefined;
  /** The input files (2fa-directory also takes folders, read recursively). */
  paths: readonly string[];
  platform?: string;
  write?: boolean;
  dir?: string;
  /** For a regulator list: the folder the draft notices are written to. */
  out?: string;
  /** For a regulator list: the notices drafts are de-duplicated against (default feed/notices/). */
  noticesDir?: string;
  log?: (line: string) => void;
}

/** Reads the catalogue from the data files, runs one importer and prints its review. */
export function runImport({ source, paths, platform, write = false, dir = PORTALS_DIR, out, noticesDir, log = console.log }: RunImportOptions): number {
  const list = source === undefined ? undefined : REGULATOR_LISTS[source];
  if (list) {
    if (paths.length !== 1) throw new Error(`import ${list.id} reads one file`);
    if (!out) throw new Error(`import ${list.id} needs --out DIR, the folder for the draft notices (not feed/notices/: drafts are reviewed first)`);
    try {
      return runRegulatorImport({ list, file: paths[0]!, out, ...(noticesDir ? { noticesDir } : {}), log });
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      log(`refused: ${error.message}`);
      log('nothing written');
      return 1;
    }
  }
  if (!IMPORT_SOURCES.includes(source as ImportSource)) throw new Error(`import needs a source: ${[...IMPORT_SOURCES, ...Object.keys(REGULATOR_LISTS)].join(', ')}`);
  if (paths.length === 0) throw new Error(`import ${source} needs the file to read`);
  const before = loadCatalogue(dir);
  let result: ImportResult;
  try {
    result = importFrom(source as ImportSource, paths, before, platform);
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    log(`refused: ${error.message}`);
    log('nothing written');
    return 1;
  }
  return reportImport({ before, result, write, dir, log });
}

function importFrom(source: ImportSource, paths: readonly string[], catalogue: Parameters<typeof importAppleChangePasswordUrls>[1], platform: string | undefined): ImportResult {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new ImportRefused(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  switch (source) {
    case 'apple-change-password':
      if (paths.length !== 1) throw new ImportRefused('apple-change-password reads one change-password-URLs.json');
      return importAppleChangePasswordUrls(read(paths[0]!), catalogue);
    case '2fa-directory':
      return importTwoFactorDirectory(paths.flatMap(jsonFiles).map((file) => ({ file, text: read(file) })), catalogue);
    case 'smart-brands':
      if (paths.length !== 1) throw new ImportRefused('smart-brands reads one Bundle file');
      if (!platform) throw new ImportRefused('smart-brands needs --platform ID: the platform whose tenants the bundle lists (for example epic-mychart)');
      return importSmartBrands(read(paths[0]!), catalogue, platform, paths[0]);
  }
}

/** A file, or every *.json below a folder (2fa.directory keeps entries in entries/<letter>/). */
function jsonFiles(path: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    return [path];
  }
  if (!isFolder) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(path, name));
}
