import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../portals/catalogue';
import type { Portal } from '../portals/schema';
import { catalogueModuleText, checkPortalFile, checkPortalFiles, formatFileProblem, loadCatalogue, portalFileText, readPortalFiles, writeCatalogueModule, type SourceFile } from './catalogue-files';

const files = readPortalFiles();
const byName = (name: string) => files.find((source) => source.file === `feed/portals/${name}.json`)!;
const entryOf = (name: string) => JSON.parse(byName(name).text) as Record<string, unknown>;
/** The real files with one replaced or added, as `validate` would read them. */
const withFile = (source: SourceFile) => [...files.filter((item) => item.file !== source.file), source];
const fileFor = (entry: Record<string, unknown>, name = String(entry.id)): SourceFile => ({ file: `feed/portals/${name}.json`, text: `${JSON.stringify(entry, null, 2)}\n` });
const problemsOf = (sources: readonly SourceFile[]) => checkPortalFiles(sources).problems.map(formatFileProblem);

describe('feed/portals, the catalogue as data', () => {
  it('is valid as a whole, with one file per portal named by its id', () => {
    expect(problemsOf(files)).toEqual([]);
    expect(files.map((source) => source.file)).toEqual(CATALOGUE.map((portal) => `feed/portals/${portal.id}.json`));
  });

  it('generates the committed utils/portals/catalogue.ts (npm run feed -- catalogue)', () => {
    expect(writeCatalogueModule({ check: true }).current).toBe(true);
  });

  it('and the module holds exactly the files, comments and provenance included', () => {
    expect(CATALOGUE).toEqual(loadCatalogue());
  });

  it.each(files.map((source) => [source.file, source] as const))('%s is in canonical form (sorted, schema key order)', (_file, source) => {
    const { portal } = checkPortalFile(source);
    expect(portal && portalFileText(portal)).toBe(source.text);
  });

  // The comments of the hand-written catalogue became fields; spot-check that the reasons survived.
  it.each<[string, (portal: Portal) => string | undefined, string]>([
    ['managemyhealth', (portal) => portal.provenance?.hosts, 'No cited page confirms app.managemyhealth.co.nz'],
    ['managemyhealth', (portal) => portal.provenance?.account, 'so there is no changePassword entry'],
    ['myindici', (portal) => portal.hosts.find((rule) => rule.host === 'itsmyhealth.nz')?.comment, 'seen only on a practice page'],
    ['nhs-app', (portal) => portal.provenance?.hosts, 'www.nhs.uk is deliberately absent'],
    ['epic-mychart', (portal) => portal.provenance?.tenants, 'each tenant cites the organisation'],
    ['epic-mychart', (portal) => portal.provenance?.signals, '/MyChart/Authentication/Login'],
    ['healow', (portal) => portal.provenance?.lookalikes, 'none of it is healow'],
    ['health-gateway-bc', (portal) => portal.provenance?.sources, 'trailing dot after the host'],
  ])('%s keeps its reviewer note', (id, pick, text) => {
    const portal = loadCatalogue().find((item) => item.id === id)!;
    expect(pick(portal)).toContain(text);
  });
});

describe('a bad portal file is refused with the file, the JSON path and the reason', () => {
  const kaiser = entryOf('kaiser-permanente');
  const mychart = entryOf('epic-mychart');
  const MMH = 'feed/portals/managemyhealth.json';
  it.each<[string, SourceFile[], string]>([
    ['malformed JSON', withFile({ file: MMH, text: '{\n  "id": "managemyhealth",\n  "hosts": [\n}\n' }), `${MMH}: $: not valid JSON: Unexpected token '}'`],
    ['not an object', withFile({ file: MMH, text: '[]\n' }), `${MMH}: $: a portal file holds one JSON object`],
    // Issue 13, item 5: JSON.parse keeps the second of two keys, so the catalogue would hold a host the reviewer never read.
    [
      'a key listed twice',
      withFile({ file: MMH, text: portalFileText(loadCatalogue().find((portal) => portal.id === 'managemyhealth')!).replace('"id": "managemyhealth",', '"id": "managemyhealth",\n  "id": "managemyhealth",') }),
      `${MMH}: $.id: the key "id" is listed twice (lines 3 and 4): JSON.parse would keep only the last`,
    ],
    ['a typo in a field name', withFile(fileFor({ ...entryOf('managemyhealth'), homeURL: 'https://portal.managemyhealth.co.nz/' })), `${MMH}: $: Unrecognized key: "homeURL"`],
    ['a wrong $schema hint', withFile(fileFor({ ...entryOf('managemyhealth'), $schema: 'https://example.org/schema.json' })), `${MMH}: $.$schema: must be "../portal.schema.json"`],
    ['a file named for another id', withFile(fileFor(entryOf('managemyhealth'), 'manage-my-health')), 'feed/portals/manage-my-health.json: $.id: the file must be named managemyhealth.json'],
    ['hosts out of order', withFile(fileFor({ ...kaiser, hosts: [...(kaiser.hosts as unknown[])].reverse() })), 'feed/portals/kaiser-permanente.json: $.hosts[1].host: hosts are kept sorted: kaiserpermanente.org belongs before kp.org'],
    ['tenants out of order', withFile(fileFor({ ...mychart, tenants: [...(mychart.tenants as unknown[])].reverse() })), 'feed/portals/epic-mychart.json: $.tenants[1].host: tenants are kept sorted:'],
    ['a host listed twice in one entry', withFile(fileFor({ ...kaiser, hosts: [...(kaiser.hosts as unknown[]), { host: 'kp.org', match: 'exact', evidence: 'official' }] })), 'feed/portals/kaiser-permanente.json: $.hosts[2]: kp.org is listed twice in this entry'],
    ['a tenant that is also a host of the entry', withFile(fileFor({ ...mychart, hosts: [...(mychart.hosts as unknown[]), { host: 'mychart.clevelandclinic.org', match: 'exact', evidence: 'official' }] })), 'feed/portals/epic-mychart.json: $.tenants[1]: mychart.clevelandclinic.org is listed twice in this entry'],
    ['a source listed twice', withFile(fileFor({ ...kaiser, sources: [...(kaiser.sources as string[]), 'https://healthy.kaiserpermanente.org/washington/privacy'] })), 'feed/portals/kaiser-permanente.json: $.sources[5]: https://healthy.kaiserpermanente.org/washington/privacy is listed twice'],
    ['a host another file claims', withFile(fileFor({ ...entryOf('healthengine'), hosts: [{ host: 'kp.org', match: 'exact', evidence: 'official' }] })), 'feed/portals/healthengine.json: $.hosts: host kp.org is already claimed by'],
    ['the same id in two files', [...files, fileFor(entryOf('mygp'), 'mygp-copy')], 'feed/portals/mygp-copy.json: $.id: duplicate portal id mygp'],
    ['a subdomain rule on a public suffix', withFile(fileFor({ ...entryOf('mygp'), hosts: [{ host: 'co.uk', match: 'subdomains', evidence: 'official' }] })), 'feed/portals/mygp.json: $.hosts[0].host: co.uk is a public suffix'],
    ['an http: change-password link', withFile(fileFor({ ...entryOf('mygp'), account: { changePassword: { url: 'http://www.mygp.com/password', evidence: 'official' } } })), 'feed/portals/mygp.json: $.account.changePassword.url: must be an https:// URL'],
    ['provenance for a field that does not exist', withFile(fileFor({ ...entryOf('mygp'), provenance: { host: 'typo' } })), 'feed/portals/mygp.json: $.provenance: Unrecognized key: "host"'],
    ['a scaffold TODO left in', withFile(fileFor({ ...entryOf('mygp'), operator: 'TODO: who runs it' })), 'feed/portals/mygp.json: $.operator: still holds a TODO from the scaffold'],
  ])('%s', (_what, sources, expected) => {
    const { portals, problems } = checkPortalFiles(sources);
    expect(problems.map(formatFileProblem)).toContainEqual(expect.stringContaining(expected));
    // Like the build, a catalogue with any problem yields nothing rather than a partial catalogue.
    expect(portals).toEqual([]);
  });

  it('names the line and column of malformed JSON', () => {
    expect(problemsOf(withFile({ file: MMH, text: '{\n  "id": "managemyhealth",\n}\n' }))).toEqual([`${MMH}: $: not valid JSON: Expected double-quoted property name (line 3, column 1)`]);
  });
});

describe('format-portals and the generated module', () => {
  it('canonical form sorts the lists and keeps notes and sources in their authors’ order', () => {
    const kaiser = loadCatalogue().find((portal) => portal.id === 'kaiser-permanente')!;
    const shuffled: Portal = { ...kaiser, hosts: [...kaiser.hosts].reverse(), sources: [...kaiser.sources].reverse() };
    const text = portalFileText(shuffled);
    const written = JSON.parse(text) as Portal;
    expect(written.hosts.map((rule) => rule.host)).toEqual(['kaiserpermanente.org', 'kp.org']);
    expect(written.sources).toEqual([...kaiser.sources].reverse());
    expect(Object.keys(written).slice(0, 6)).toEqual(['$schema', 'id', 'name', 'operator', 'country', 'kind']);
  });

  it('regenerates the module into another file only from valid files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portals-'));
    const out = join(dir, 'catalogue.ts');
    for (const id of ['managemyhealth', 'kaiser-permanente']) writeFileSync(join(dir, `${id}.json`), byName(id).text);
    expect(writeCatalogueModule({ dir, out })).toMatchObject({ current: false, written: true });
    expect(readFileSync(out, 'utf8')).toBe(catalogueModuleText(loadCatalogue(dir)));
    expect(writeCatalogueModule({ dir, out })).toMatchObject({ current: true, written: false });
    writeFileSync(join(dir, 'kaiser-permanente.json'), byName('kaiser-permanente').text.replace('"kp.org"', '"co.uk"'));
    expect(() => writeCatalogueModule({ dir, out })).toThrow('kaiser-permanente.json: $.hosts[1].host: co.uk is a public suffix');
  });
});
