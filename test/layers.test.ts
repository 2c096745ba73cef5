import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import layerFile from '../scripts/layers.json';

const { layers: LAYERS, buildOnly: BUILD_ONLY, entrypointOnly: ENTRYPOINT_ONLY } = layerFile;

/**
 * The meta test for scripts/layers.json, on the real import graph. It is our own code because the
 * tools made for import graphs (madge, dependency-cruiser, import/no-cycle) find cycles between
 * files, and the loops that made utils/ hard to read were between folders: storage.ts imported
 * guide/ while guide/ imported storage.ts, with no file-level cycle at all. TypeScript's own
 * pre-processor lists each file's imports (static, dynamic and `export … from`).
 */

const root = join(import.meta.dirname, '..');
const sources = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'utils', 'components', 'entrypoints'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => /\.tsx?$/.test(file));
const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.includes('/fixtures/');

/**
 * `utils/state/storage.ts` → `utils/state`; `utils/pages.ts` and its test `utils/pages.test.ts` →
 * `utils/pages`; `components/popup/X.tsx` → `components/popup`.
 */
function folderOf(file: string): string {
  const parts = file.replace(/(?:\.test)?\.tsx?$/, '').split('/');
  return parts.slice(0, 2).join('/');
}

/** The folder's index in LAYERS; build-only code sits above them all, since only wxt.config.ts runs it. */
function layerOf(folder: string): number {
  const top = folder.split('/')[0] === 'utils' ? folder : folder.split('/')[0]!;
  if (BUILD_ONLY.includes(top)) return LAYERS.length;
  return LAYERS.findIndex((layer) => layer.folders.includes(top));
}

const exists = (file: string) => {
  try {
    return readFileSync(join(root, file)) !== undefined;
  } catch {
    return false;
  }
};

function resolveImport(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('@/')) base = specifier.slice(2);
  else if (specifier.startsWith('.')) base = normalize(join(dirname(from), specifier));
  else return undefined;
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((candidate) => /\.(tsx?|css)$/.test(candidate) && exists(candidate));
}

interface Edge { from: string; to: string; file: string; specifier: string }

const edges: Edge[] = sources.flatMap((file) =>
  ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true).importedFiles.flatMap(({ fileName }) => {
    const target = resolveImport(file, fileName);
    if (!target || target.endsWith('.css')) return [];
    return [{ from: folderOf(file), to: folderOf(target), file, specifier: fileName }];
  }),
);
const runtime = edges.filter((edge) => !isTest(edge.file));

/** Every folder-level cycle (as a path), found with a depth-first walk over the folder graph. */
export function folderCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const walk = (node: string, path: string[]) => {
    const at = path.indexOf(node);
    if (at >= 0) {
      cycles.push([...path.slice(at), node]);
      return;
    }
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) walk(next, [...path, node]);
    done.add(node);
  };
  for (const node of graph.keys()) walk(node, []);
  return cycles;
}

function graphOf(list: readonly Edge[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of list) {
    if (from === to) continue;
    graph.set(from, (graph.get(from) ?? new Set()).add(to));
  }
  return graph;
}

const show = (list: readonly Edge[]) => list.map((edge) => `${edge.file} imports ${edge.specifier}`);

describe('layers (scripts/layers.json)', () => {
  it('reads a real graph', () => {
    expect(sources.length).toBeGreaterThan(150);
    expect(runtime.length).toBeGreaterThan(300);
  });

  it('gives every folder of utils/, components/ and entrypoints/ a layer or marks it build-only', () => {
    const folders = new Set(sources.map(folderOf));
    const unplaced = [...folders].filter((folder) => layerOf(folder) < 0 && !BUILD_ONLY.includes(folder));
    expect(unplaced).toEqual([]);
  });

  it('lists only folders that exist', () => {
    const folders = new Set(sources.map((file) => folderOf(file).split('/').slice(0, folderOf(file).startsWith('utils') ? 2 : 1).join('/')));
    const listed = [...LAYERS.flatMap((layer) => layer.folders), ...BUILD_ONLY];
    expect(listed.filter((folder) => !folders.has(folder))).toEqual([]);
  });

  it('never imports from a higher layer', () => {
    expect(show(runtime.filter((edge) => layerOf(edge.to) > layerOf(edge.from)))).toEqual([]);
  });

  // Tests are left out here and above: a test of a low layer may set up its scene with higher
  // ones (the password advice's test reads the built manifest), and nothing imports a test.
  it('has no folder-level import cycle among utils/*', () => {
    const utils = runtime.filter((edge) => edge.from.startsWith('utils/') && edge.to.startsWith('utils/'));
    expect(folderCycles(graphOf(utils)).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('keeps components/ out of utils/, tests included', () => {
    expect(show(edges.filter((edge) => edge.from.startsWith('utils/') && edge.to.startsWith('components')))).toEqual([]);
  });

  it('lets only entrypoints (and its own folder) import the background', () => {
    const wrong = runtime.filter((edge) => ENTRYPOINT_ONLY.includes(edge.to) && edge.from !== edge.to && !edge.from.startsWith('entrypoints'));
    expect(show(wrong)).toEqual([]);
  });

  it('never bundles build-only code into the extension', () => {
    expect(show(runtime.filter((edge) => BUILD_ONLY.includes(edge.to) && edge.from !== edge.to))).toEqual([]);
  });

  describe('the cycle finder itself', () => {
    const graph = (pairs: [string, string][]) => graphOf(pairs.map(([from, to]) => ({ from, to, file: from, specifier: to })));
    it.each<[string, [string, string][], string[]]>([
      ['the loop this issue found', [['utils/storage', 'utils/guide'], ['utils/guide', 'utils/storage']], ['utils/storage → utils/guide → utils/storage']],
      ['a longer loop', [['utils/feed', 'utils/policy'], ['utils/policy', 'utils/state'], ['utils/state', 'utils/feed']], ['utils/feed → utils/policy → utils/state → utils/feed']],
      ['a chain', [['utils/state', 'utils/policy'], ['utils/policy', 'utils/feed']], []],
      ['a diamond', [['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'd']], []],
    ])('%s', (_name, pairs, expected) => {
      expect(folderCycles(graph(pairs)).map((cycle) => cycle.join(' → '))).toEqual(expected);
    });
  });
});
