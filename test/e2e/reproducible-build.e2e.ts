import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * A reproducible build (issue 17, item 5). AMO's reviewers unpack the sources zip on a fresh
 * machine, run the README's commands, and compare what they get with the package we uploaded.
 * This does the same: the sources zip `npm run build` made (the one uploaded with the Firefox
 * package) is unpacked into an empty temporary folder, `npm ci && npm run build` runs there, and
 * every file of both extensions, and both packages, must be byte for byte what the normal build in
 * this checkout made. The rebuild runs in another folder, another time zone and another language,
 * so an absolute path, a date or a locale in the output fails here.
 *
 * It lives with the e2e tests because it needs the normal build first (`npm test` builds before
 * the e2e run) and takes a minute or two; it needs only the npm registry, which CI has.
 */

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const OUTPUT = join(ROOT, '.output');
const SOURCES_ZIP = join(OUTPUT, `${name}-${version}-sources.zip`);
const BUILT = ['chrome-mv3', 'firefox-mv3'];
const PACKAGES = [`${name}-${version}-chrome.zip`, `${name}-${version}-firefox.zip`];

/** Every file under `dir`, as sorted relative paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** The files whose bytes differ between two folders with the same file list. */
function differing(a: string, b: string, files: string[]): string[] {
  return files.filter((file) => !readFileSync(join(a, file)).equals(readFileSync(join(b, file))));
}

describe('the sources zip rebuilds into byte-identical extensions', () => {
  const fresh = mkdtempSync(join(tmpdir(), 'portal-guard-rebuild-'));
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  test('npm ci && npm run build, in an empty folder from the sources zip, gives the same files', { timeout: 600_000 }, async () => {
    expect(existsSync(SOURCES_ZIP), `${SOURCES_ZIP} is missing: run \`npm run build\` first`).toBe(true);
    await run('unzip', ['-q', SOURCES_ZIP, '-d', fresh]);
    // The README's commands, without this checkout's WXT_* build switches, in another time zone
    // and language, and with a stray NODE_ENV (vitest's own `test`, kept on purpose: it once
    // turned Preact's devtools on in the bundle; wxt.config.ts now lets only the mode decide).
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('WXT_') && !key.startsWith('VITE_')));
    Object.assign(env, { TZ: 'Pacific/Chatham', LANG: 'fr_CA.UTF-8', LC_ALL: 'fr_CA.UTF-8', NODE_ENV: 'test' });
    await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: fresh, env, maxBuffer: 64 * 1024 * 1024 });
    await run('npm', ['run', 'build'], { cwd: fresh, env, maxBuffer: 64 * 1024 * 1024 });

    for (const dir of BUILT) {
      const ours = join(OUTPUT, dir);
      const theirs = join(fresh, '.output', dir);
      const files = filesUnder(ours);
      expect(files.length).toBeGreaterThan(10);
      expect(filesUnder(theirs), `${dir}: the same file list`).toEqual(files);
      expect(differing(ours, theirs, files), `${dir}: files whose bytes differ`).toEqual([]);
    }
    for (const zip of PACKAGES) {
      expect(readFileSync(join(fresh, '.output', zip)).equals(readFileSync(join(OUTPUT, zip))), `${zip} byte for byte`).toBe(true);
    }
  });
});
