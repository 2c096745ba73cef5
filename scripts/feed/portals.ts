import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE_MODULE, checkPortalFile, displayPath, formatFileProblem, portalFileText, readPortalFiles, REPO_ROOT, writeCatalogueModule } from '../../utils/build/catalogue-files';
import { PORTALS_DIR } from './paths';

/**
 * `npm run feed -- catalogue [--check]`: regenerate utils/portals/catalogue.ts from feed/portals/
 * (every build does this too), or with `--check` only say whether it is current.
 */
export function runCatalogue(check: boolean, log: (line: string) => void = console.log): number {
  const { current, written, portals } = writeCatalogueModule({ check });
  const module = displayPath(CATALOGUE_MODULE);
  if (current) log(`${module} is current (${portals.length} portals)`);
  else if (written) log(`wrote ${module} (${portals.length} portals)`);
  else log(`${module} is out of date: run npm run feed -- catalogue`);
  return current || written ? 0 : 1;
}

/**
 * `npm run feed -- format-portals`: rewrite each portal file in its canonical form (sorted lists,
 * keys in the schema's order, two-space JSON), so a hand edit or a merge needs no manual sorting.
 * A file with any other problem is left as it is and reported.
 */
export function runFormatPortals(dir = PORTALS_DIR, log: (line: string) => void = console.log): number {
  let left = 0;
  let rewritten = 0;
  for (const source of readPortalFiles(dir)) {
    const { portal, problems } = checkPortalFile(source);
    const blocking = problems.filter((problem) => !problem.reason.includes(' are kept sorted: '));
    if (!portal || blocking.length > 0) {
      left++;
      for (const problem of blocking) log(formatFileProblem(problem));
      continue;
    }
    const text = portalFileText(portal);
    if (text === source.text) continue;
    writeFileSync(source.file.startsWith('/') ? source.file : join(REPO_ROOT, source.file), text);
    rewritten++;
    log(`formatted ${source.file}`);
  }
  log(`${rewritten} file${rewritten === 1 ? '' : 's'} rewritten${left > 0 ? `, ${left} left as they are (fix the problems above)` : ''}.`);
  return left === 0 ? 0 : 1;
}
