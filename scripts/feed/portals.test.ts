import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PORTALS_DIR } from './paths';
import { runNewPortal } from './new-portal';
import { runCatalogue, runFormatPortals } from './portals';
import { runValidate } from './validate';

const tempDir = () => mkdtempSync(join(tmpdir(), 'feed-portals-'));
const copy = (dir: string, id: string, edit: (text: string) => string = (text) => text) => writeFileSync(join(dir, `${id}.json`), edit(readFileSync(join(PORTALS_DIR, `${id}.json`), 'utf8')));

describe('new-portal and validate', () => {
  it.each([
    ['a portal', false, []],
    ['a platform, with a tenant to fill in', true, ['$.tenants[0].host', '$.tenants[0].organization', '$.tenants[0].sources[0]']],
  ] as const)('scaffolds %s that validate refuses until every TODO is filled in', (_what, platform, tenantPaths) => {
    const dir = tempDir();
    const lines: string[] = [];
    expect(runNewPortal({ id: 'riverside-health', platform, country: 'NZ', dir, log: (line) => lines.push(line) })).toBe(0);
    expect(lines).toEqual([`wrote ${join(dir, 'riverside-health.json')}: fill in every TODO from cited pages (docs/catalogue.md, "Adding a portal"), then npm run feed -- validate`]);
    const scaffold = JSON.parse(readFileSync(join(dir, 'riverside-health.json'), 'utf8')) as Record<string, unknown>;
    expect(scaffold).toMatchObject({ $schema: '../portal.schema.json', id: 'riverside-health', country: 'NZ', kind: platform ? 'platform' : 'portal' });

    lines.length = 0;
    expect(runValidate(tempDir(), (line) => lines.push(line), dir)).toBe(1);
    const todo = (path: string) => `${join(dir, 'riverside-health.json')}: ${path}: still holds a TODO from the scaffold`;
    for (const path of ['$.name', '$.operator', '$.hosts[0].host', '$.sources[0]', ...tenantPaths]) expect(lines).toContain(todo(path));
    expect(lines.at(-1)).toMatch(/^\d+ problems found\.$/);
  });

  it.each<[string, Parameters<typeof runNewPortal>[0], string]>([
    ['an id that is not kebab-case', { id: 'Riverside_Health' }, 'portal id "Riverside_Health" must be kebab-case'],
    ['an unknown country', { id: 'riverside-health', country: 'FR' }, '--country FR is not one of NZ, AU, UK, US, CA'],
  ])('refuses %s', (_what, options, message) => {
    expect(() => runNewPortal({ dir: tempDir(), log: () => {}, ...options })).toThrow(message);
  });

  it('never overwrites a portal file', () => {
    const dir = tempDir();
    copy(dir, 'managemyhealth');
    expect(() => runNewPortal({ id: 'managemyhealth', dir, log: () => {} })).toThrow(`${join(dir, 'managemyhealth.json')} exists`);
  });
});

describe('format-portals', () => {
  it('puts hosts back in order and leaves a broken file alone', () => {
    const dir = tempDir();
    const unsorted = (text: string) => {
      const entry = JSON.parse(text) as { hosts: unknown[] };
      return `${JSON.stringify({ ...entry, hosts: [...entry.hosts].reverse() }, null, 2)}\n`;
    };
    copy(dir, 'kaiser-permanente', unsorted);
    copy(dir, 'managemyhealth');
    copy(dir, 'mygp', (text) => text.replace('"mygp.com"', '"co.uk"').replace('"UK"', '"FR"'));
    const lines: string[] = [];
    expect(runFormatPortals(dir, (line) => lines.push(line))).toBe(1);
    expect(lines).toEqual([
      `formatted ${join(dir, 'kaiser-permanente.json')}`,
      expect.stringContaining(`${join(dir, 'mygp.json')}: $.country:`),
      '1 file rewritten, 1 left as they are (fix the problems above).',
    ]);
    expect(readFileSync(join(dir, 'kaiser-permanente.json'), 'utf8')).toBe(readFileSync(join(PORTALS_DIR, 'kaiser-permanente.json'), 'utf8'));
  });
});

describe('catalogue', () => {
  it('--check says the committed module is current', () => {
    const lines: string[] = [];
    expect(runCatalogue(true, (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^utils\/portals\/catalogue\.ts is current \(\d+ portals\)$/)]);
  });
});
