import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * What the toolbar popup loads before its first render: the static, run-time import closure of
 * its entrypoint. Type-only imports vanish in the build and dynamic `import()`s load later, on the
 * click that needs them, so neither counts. The popup must open fast (issue 17, item 6; measured
 * by `npm run bench -- popup-render`), and zod alone is about 100 kB to fetch, parse and run.
 *
 * Our own walk because the bundle's chunk names change with every build, and TypeScript's parser
 * tells type-only imports apart, which a plain import scanner does not.
 */

const root = join(import.meta.dirname, '..');

/** Packages that must not be on the popup's first load, and why. */
const KEPT_OFF = [
  ['zod', 'about 100 kB; the popup trusts the background’s parsed reply (utils/messaging/send.ts)'],
  ['tldts', 'the public-suffix list, needed only by “Check this page”'],
] as const;

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('@/') ? specifier.slice(2) : normalize(join(dirname(from), specifier));
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((candidate) => /\.tsx?$/.test(candidate) && existsSync(join(root, candidate)));
}

/** The module specifiers a file loads at run time, before any of its code runs. */
function staticRuntimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((element) => element.isTypeOnly);
      if (onlyTypes) continue;
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return found;
}

/** Every local file and package the entry loads before it runs, with the chain that brings each package. */
function firstLoad(entry: string): { files: Set<string>; packages: Map<string, string[]> } {
  const files = new Set<string>();
  const packages = new Map<string, string[]>();
  const visit = (file: string, chain: string[]) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of staticRuntimeImports(file)) {
      if (specifier.startsWith('.') || specifier.startsWith('@/')) {
        const target = resolveLocal(file, specifier);
        if (target) visit(target, [...chain, target]);
      } else if (!specifier.endsWith('.css')) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!packages.has(name)) packages.set(name, chain);
      }
    }
  };
  visit(entry, [entry]);
  return { files, packages };
}

describe('the popup’s first load', () => {
  const { files, packages } = firstLoad('entrypoints/popup/main.tsx');

  it('reads a real graph', () => {
    expect(files).toContain('components/popup/Popup.tsx');
    expect(files).toContain('utils/messaging/send.ts');
    expect([...packages.keys()]).toEqual(expect.arrayContaining(['preact', 'wxt']));
    // Dynamic imports are not followed: “Check this page” is loaded on its click.
    expect(files).not.toContain('utils/popup/check-page.ts');
  });

  it.each(KEPT_OFF)('does not load %s (%s)', (name) => {
    const chain = packages.get(name);
    expect(chain?.map((file) => relative('.', file)).join(' → '), `${name} is loaded through this chain`).toBeUndefined();
  });
});

/**
 * The classic script popup.html runs first, while the browser is still reading the page's head
 * (utils/popup/tab-answer.ts): the browser stops reading until it has run, so it must stay small.
 */
describe('the popup’s early question', () => {
  const { files, packages } = firstLoad('entrypoints/popup-question.ts');

  it('is loaded first, as a classic script, by popup.html', () => {
    const html = readFileSync(join(root, 'entrypoints/popup/index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts[0]).toBe('<script src="/popup-question.js">');
    expect(html.indexOf('/popup-question.js')).toBeLessThan(html.indexOf('<meta name="viewport"'));
  });

  it('reads a real graph', () => {
    expect(files).toContain('utils/popup/tab-answer.ts');
    expect(files).toContain('utils/messaging/send.ts');
  });

  it.each([...KEPT_OFF, ['preact', 'the popup’s own modules render; this script only asks'], ['@wxt-dev/i18n', 'it shows nothing, so it translates nothing']] as const)('does not load %s (%s)', (name) => {
    const chain = packages.get(name);
    expect(chain?.map((file) => relative('.', file)).join(' → '), `${name} is loaded through this chain`).toBeUndefined();
  });

  it('brings no component and no translation', () => {
    expect([...files].filter((file) => file.startsWith('components/') || file.startsWith('utils/i18n/'))).toEqual([]);
  });
});
