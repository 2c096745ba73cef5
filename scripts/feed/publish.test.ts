import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../utils/feed/canonical';
import { applyDelta, sha256Hex, verifyIndex, type EditionIndex } from '../../utils/feed/edition';
import { INDEX_ENVELOPE_FORMAT, readEnvelope, signPayload } from '../../utils/feed/envelope';
import { parseDelta } from '../../utils/feed/edition';
import { parseFeedPayload } from '../../utils/feed/parse';
import { TEST_KEYS, TEST_KEY_FILE, TEST_SIGNING_JWK } from '../../utils/feed/test-fixtures';
import { runBuild } from './build';
import { loadSigningKey } from './keys';
import { NOTICES_DIR } from './paths';
import { buildPayload } from './build';
import { checkEditionSet, DELTA_EDITIONS, keepAndPublish, makeEditionSet, orderEditions, readEditions, runCheckPublish, runReissue, validityDays, type Edition } from './publish';
import { runSign } from './sign';

/**
 * The publish folder (issue 13) built from the real notices in feed/notices/: three editions are
 * signed with the test key, and the folder is checked the way a client reads it.
 */

let dir: string;
let lines: string[];
const log = (line: string) => lines.push(line);
const REAL = readdirSync(NOTICES_DIR).filter((name) => name.endsWith('.json')).sort();
const key = loadSigningKey(TEST_KEY_FILE, {});
const bytes = (path: string) => new Uint8Array(readFileSync(path));

const paths = () => ({ notices: join(dir, 'notices'), payload: join(dir, 'dist/feed.payload.json'), published: join(dir, 'public/feed.json'), editions: join(dir, 'public/editions'), publish: join(dir, 'public/publish') });

/** One edition: build from the notice files now in `notices/`, then sign (which writes the folder). */
async function publish(at: string, expiresIn?: string) {
  const now = new Date(at);
  expect(runBuild({ noticesDir: paths().notices, out: paths().payload, against: paths().published, now, log })).toBe(0);
  return runSign({ input: paths().payload, out: paths().published, publishDir: paths().publish, keyFile: TEST_KEY_FILE, env: {}, now, log, ...(expiresIn ? { expiresIn } : {}) });
}

const copyReal = (name: string) => copyFileSync(join(NOTICES_DIR, name), join(paths().notices, name));
function editReal(name: string, change: (notice: Record<string, unknown>) => void) {
  const notice = JSON.parse(readFileSync(join(paths().notices, name), 'utf8')) as Record<string, unknown>;
  change(notice);
  writeFileSync(join(paths().notices, name), JSON.stringify(notice, null, 2));
}
const readIndex = async (folder = paths().publish) => {
  const verified = await verifyIndex(readFileSync(join(folder, 'index.json'), 'utf8'), TEST_KEYS);
  if (!verified.ok) throw new Error(verified.reason);
  return verified.value;
};
const feedOf = (path: string) => {
  const read = readEnvelope(readFileSync(path, 'utf8'));
  if (!read.ok) throw new Error(read.reason);
  const parsed = parseFeedPayload(read.envelope.payload);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.feed;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'feed-publish-'));
  mkdirSync(paths().notices);
  lines = [];
});

describe('sign writes a folder ready to upload', () => {
  beforeEach(async () => {
    for (const name of REAL.slice(0, 12)) copyReal(name);
    expect(await publish('2026-12-01T00:00:00.000Z')).toBe(0);
    // Edition 2: two notices added, one updated.
    for (const name of REAL.slice(12, 14)) copyReal(name);
    editReal('us-advocateaurora-2022.json', (notice) => Object.assign(notice, { status: 'resolved', modified: '2026-12-02' }));
    expect(await publish('2026-12-02T00:00:00.000Z')).toBe(0);
    // Edition 3: one removed, one more added.
    rmSync(join(paths().notices, 'ca-lifelabs-2019.json'));
    copyReal(REAL[14] as string);
    lines = [];
    expect(await publish('2026-12-03T00:00:00.000Z')).toBe(0);
  });

  it('holds the index, the latest snapshot and one delta from each kept edition', async () => {
    const index = await readIndex();
    expect(index).toMatchObject({ sequence: 3, generatedAt: '2026-12-03T00:00:00.000Z', issuedAt: '2026-12-03T00:00:00.000Z', expires: '2026-12-17T00:00:00.000Z' });
    expect(index.snapshot.path).toBe('snapshots/3.json');
    expect(index.deltas.map(({ from, path }) => [from, path])).toEqual([
      [2, 'deltas/2-3.json'],
      [1, 'deltas/1-3.json'],
    ]);
    const files = readdirSync(paths().publish, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json')).sort();
    // The earlier snapshots and deltas are gone: a client reads only what the index names.
    expect(files).toEqual(['deltas/1-3.json', 'deltas/2-3.json', 'index.json', 'snapshots/3.json']);
    // Edition format 1.1: the snapshot is the signed payload itself, byte for byte, not the envelope.
    const envelope = readEnvelope(readFileSync(paths().published, 'utf8'));
    if (!envelope.ok) throw new Error(envelope.reason);
    expect(readFileSync(join(paths().publish, 'snapshots/3.json'), 'utf8')).toBe(envelope.envelope.payload);
    expect(readFileSync(join(paths().publish, 'snapshots/3.json'), 'utf8')).toBe(readFileSync(paths().payload, 'utf8'));
    expect(readdirSync(paths().editions).sort()).toEqual(['1.json', '2.json', '3.json']);
    expect(lines.find((line) => line.startsWith('wrote '))).toMatch(/^wrote .*publish: index\.json \(\d+ bytes, edition 3, issued 2026-12-03T00:00:00\.000Z, expires 2026-12-17T00:00:00\.000Z\), the snapshot and 2 deltas; checked as a client would$/);
  });

  it('names every file with its exact size and SHA-256', async () => {
    const index = await readIndex();
    for (const entry of [index.snapshot, ...index.deltas]) {
      const content = bytes(join(paths().publish, entry.path));
      expect([entry.path, content.byteLength, await sha256Hex(content)]).toEqual([entry.path, entry.bytes, entry.sha256]);
    }
  });

  it.each([
    { from: 1, put: ['us-kaiser-2024', 'us-novant-2022', 'us-uwhealth-2021', 'us-advocateaurora-2022'], remove: ['ca-lifelabs-2019'] },
    { from: 2, put: ['us-uwhealth-2021'], remove: ['ca-lifelabs-2019'] },
  ])('the delta from edition $from, applied to it, rebuilds edition 3 exactly', async ({ from, put, remove }) => {
    const index = await readIndex();
    const entry = index.deltas.find((delta) => delta.from === from);
    if (!entry) throw new Error(`no delta from ${from}`);
    const delta = parseDelta(readFileSync(join(paths().publish, entry.path), 'utf8'), from, index);
    if (!delta.ok) throw new Error(delta.reason);
    expect(delta.value.put.map((notice) => notice.id).sort()).toEqual([...put].sort());
    expect(delta.value.remove).toEqual(remove);
    const base = feedOf(join(paths().editions, `${from}.json`));
    const rebuilt = applyDelta(new Map(base.notices.map((notice) => [notice.id, notice])), delta.value);
    const snapshot = parseFeedPayload(readFileSync(join(paths().publish, 'snapshots/3.json'), 'utf8'));
    if (!snapshot.ok) throw new Error(snapshot.reason);
    const latest = snapshot.feed;
    expect(canonicalJson([...rebuilt.values()].sort((a, b) => a.id.localeCompare(b.id)))).toBe(canonicalJson(latest.notices));
  });

  it('check-publish passes the folder, and refuses it after each kind of damage', async () => {
    expect(await runCheckPublish({ dir: paths().publish, editionsDir: paths().editions, keys: TEST_KEYS, log })).toBe(0);
    expect(lines.at(-1)).toMatch(/publish: good: edition 3, expires 2026-12-17T00:00:00\.000Z, 2 deltas$/);
  });

  it.each([
    {
      name: 'a delta changed by one byte',
      damage: (folder: string) => {
        const path = join(folder, 'deltas/2-3.json');
        writeFileSync(path, readFileSync(path, 'utf8').replace('"from":2', '"from":1'));
      },
      problem: /deltas\/2-3\.json does not match the SHA-256 in the signed index/,
    },
    { name: 'a delta from another edition in its place', damage: (folder: string) => copyFileSync(join(folder, 'deltas/1-3.json'), join(folder, 'deltas/2-3.json')), problem: /deltas\/2-3\.json is \d+ bytes, but the signed index says \d+/ },
    { name: 'an older snapshot in place of the latest', damage: (folder: string) => copyFileSync(join(dir, 'public/editions/2.json'), join(folder, 'snapshots/3.json')), problem: /snapshots\/3\.json is \d+ bytes/ },
    { name: 'a snapshot changed by one byte', damage: (folder: string) => writeFileSync(join(folder, 'snapshots/3.json'), readFileSync(join(folder, 'snapshots/3.json'), 'utf8').replace('"sequence":3', '"sequence":4')), problem: /snapshots\/3\.json does not match the SHA-256 in the signed index/ },
    { name: 'a missing delta', damage: (folder: string) => rmSync(join(folder, 'deltas/1-3.json')), problem: /deltas\/1-3\.json is named by the index but missing/ },
    {
      name: 'an index signed by an untrusted key',
      damage: (folder: string) => {
        const path = join(folder, 'index.json');
        writeFileSync(path, readFileSync(path, 'utf8').replace('"keyId":"test-only-1"', '"keyId":"someone-else"'));
      },
      problem: /index\.json: the feed is signed with key "someone-else"/,
    },
  ])('refuses $name', async ({ damage, problem }) => {
    damage(paths().publish);
    lines = [];
    expect(await runCheckPublish({ dir: paths().publish, editionsDir: paths().editions, keys: TEST_KEYS, log })).toBe(1);
    expect(lines.filter((line) => line.startsWith('problem: ')).join('\n')).toMatch(problem);
  });

  it('refuses a correctly hashed delta that does not rebuild the snapshot (a wrong base edition)', async () => {
    const index = await readIndex();
    const path = join(paths().publish, 'deltas/2-3.json');
    const delta = JSON.parse(readFileSync(path, 'utf8')) as { remove: string[] };
    delta.remove = [];
    const text = canonicalJson(delta);
    writeFileSync(path, text);
    const encoded = new TextEncoder().encode(text);
    const sha256 = await sha256Hex(encoded);
    const forged: EditionIndex = { ...index, deltas: index.deltas.map((entry) => (entry.from === 2 ? { ...entry, bytes: encoded.byteLength, sha256 } : entry)) };
    writeFileSync(join(paths().publish, 'index.json'), await signPayload(canonicalJson(forged), TEST_SIGNING_JWK, 'test-only-1', undefined, INDEX_ENVELOPE_FORMAT));
    const check = await checkEditionSet((name) => (existsSync(join(paths().publish, name)) ? bytes(join(paths().publish, name)) : undefined), TEST_KEYS, new Map(readEditions(paths().editions).map((edition) => [edition.feed.sequence, edition.feed])));
    expect(check.problems).toEqual(['deltas/2-3.json: applied to edition 2, it does not rebuild edition 3']);
  });

  it('refuses to publish a latest feed whose signature does not verify: the index would vouch for its payload', async () => {
    // Same length, one notice's text changed after signing: only the envelope's signature notices.
    const published = readFileSync(paths().published, 'utf8');
    const tampered = published.replace('LifeLabs', 'LifeLabz') === published ? published.replace('Kaiser', 'Kaizer') : published.replace('LifeLabs', 'LifeLabz');
    expect(tampered).not.toBe(published);
    writeFileSync(paths().published, tampered);
    const before = readFileSync(join(paths().publish, 'index.json'), 'utf8');
    await expect(runReissue({ published: paths().published, editionsDir: paths().editions, publishDir: paths().publish, keyFile: TEST_KEY_FILE, env: {}, now: new Date('2026-12-04T00:00:00.000Z'), log })).rejects.toThrow(/signature/);
    expect(readFileSync(join(paths().publish, 'index.json'), 'utf8')).toBe(before);
  });

  it('signs a feed outside the repository without a folder unless --publish is given (test feeds)', async () => {
    const out = join(dir, 'elsewhere/test-feed.json');
    expect(runBuild({ noticesDir: paths().notices, out: paths().payload, against: out, sequence: 9, now: new Date('2026-12-03T12:00:00.000Z'), log })).toBe(0);
    expect(await runSign({ input: paths().payload, out, keyFile: TEST_KEY_FILE, env: {}, log })).toBe(0);
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual(['test-feed.json']);
    await expect(runReissue({ published: out, keyFile: TEST_KEY_FILE, env: {}, log })).rejects.toThrow('reissue with --against needs --publish DIR');
  });

  it('reissue re-signs only the index, with a new issuedAt and expiry', async () => {
    const before = new Map(['snapshots/3.json', 'deltas/1-3.json', 'deltas/2-3.json'].map((path) => [path, readFileSync(join(paths().publish, path), 'utf8')]));
    lines = [];
    expect(await runReissue({ published: paths().published, publishDir: paths().publish, keyFile: TEST_KEY_FILE, env: {}, now: new Date('2026-12-13T00:00:00.000Z'), expiresIn: '7', log })).toBe(0);
    expect(await readIndex()).toMatchObject({ sequence: 3, generatedAt: '2026-12-03T00:00:00.000Z', issuedAt: '2026-12-13T00:00:00.000Z', expires: '2026-12-20T00:00:00.000Z' });
    for (const [path, text] of before) expect(readFileSync(join(paths().publish, path), 'utf8')).toBe(text);
    expect(lines.at(-1)).toBe('only index.json changed: upload it (the snapshot and deltas are unchanged)');
    await expect(runReissue({ published: paths().published, publishDir: paths().publish, keyFile: TEST_KEY_FILE, env: {}, now: new Date('2026-12-12T00:00:00.000Z'), log })).rejects.toThrow('was issued at 2026-12-13T00:00:00.000Z, after now (2026-12-12T00:00:00.000Z): check the clock');
  });

  it('refuses an edition built before the last one (generatedAt never goes backwards)', async () => {
    expect(() => runBuild({ noticesDir: paths().notices, out: paths().payload, against: paths().published, now: new Date('2026-12-02T12:00:00.000Z'), log })).toThrow(
      'the clock says 2026-12-02T12:00:00.000Z, before the last published feed was generated (2026-12-03T00:00:00.000Z): generatedAt never goes backwards',
    );
    // A payload built elsewhere with a later sequence but an earlier time is refused by sign too.
    const { notices } = feedOf(paths().published);
    writeFileSync(paths().payload, buildPayload(notices, 4, '2026-12-02T12:00:00.000Z'));
    await expect(runSign({ input: paths().payload, out: paths().published, publishDir: paths().publish, keyFile: TEST_KEY_FILE, env: {}, log })).rejects.toThrow('generatedAt never goes backwards');
  });
});

describe('editions', () => {
  const edition = async (sequence: number, generatedAt: string, names = REAL.slice(0, 2)): Promise<Edition> => {
    const notices = names.map((name) => {
      const { $schema: _hint, ...notice } = JSON.parse(readFileSync(join(NOTICES_DIR, name), 'utf8')) as Record<string, unknown>;
      return notice;
    });
    const payload = canonicalJson({ formatVersion: '1.1', sequence, generatedAt, notices });
    const parsed = parseFeedPayload(payload);
    if (!parsed.ok) throw new Error(parsed.reason);
    return { text: await signPayload(payload, TEST_SIGNING_JWK, 'test-only-1'), feed: parsed.feed };
  };

  it.each([
    { sequences: [[1, '2026-06-01'], [2, '2026-06-02'], [5, '2026-06-02']], want: 'ok' },
    { sequences: [[1, '2026-06-01'], [2, '2026-05-31']], want: 'edition 2 was generated at 2026-05-31T00:00:00.000Z, before edition 1 (2026-06-01T00:00:00.000Z): generatedAt never goes backwards' },
    { sequences: [[3, '2026-06-01'], [3, '2026-06-02']], want: 'two editions have sequence 3' },
  ] as { sequences: [number, string][]; want: string }[])('orderEditions($sequences) → $want', async ({ sequences, want }) => {
    const editions = await Promise.all(sequences.map(([sequence, day]) => edition(sequence, `${day}T00:00:00.000Z`)));
    if (want === 'ok') expect(orderEditions(editions.reverse()).map((item) => item.feed.sequence)).toEqual(sequences.map(([sequence]) => sequence));
    else expect(() => orderEditions(editions)).toThrow(want);
  });

  it(`gives deltas to the ${DELTA_EDITIONS} most recent editions only, and sign keeps no more than those`, async () => {
    const editions = await Promise.all(Array.from({ length: DELTA_EDITIONS + 5 }, (_, i) => edition(i + 1, new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), REAL.slice(0, 1 + (i % 3)))));
    const latest = editions.at(-1) as Edition;
    const set = await makeEditionSet({ latest, older: editions.slice(0, -1), key, issuedAt: new Date('2026-03-01T00:00:00.000Z') });
    expect(set.index.deltas.map((delta) => delta.from)).toEqual(Array.from({ length: DELTA_EDITIONS }, (_, i) => DELTA_EDITIONS + 4 - i));
    expect(set.files.size).toBe(DELTA_EDITIONS + 2);

    mkdirSync(paths().editions, { recursive: true });
    for (const item of editions) writeFileSync(join(paths().editions, `${item.feed.sequence}.json`), item.text);
    mkdirSync(join(dir, 'public'), { recursive: true });
    writeFileSync(paths().published, latest.text);
    await keepAndPublish({ signedText: latest.text, published: paths().published, editionsDir: paths().editions, publishDir: paths().publish, key, now: new Date('2026-03-01T00:00:00.000Z'), log });
    expect(readEditions(paths().editions).map((item) => item.feed.sequence)).toEqual(Array.from({ length: DELTA_EDITIONS + 1 }, (_, i) => i + 5));
    expect(lines.filter((line) => line.startsWith('removed '))).toHaveLength(4);
  });

  it('refuses a kept edition whose signature does not verify, rather than build deltas from it', async () => {
    const first = await edition(1, '2026-12-01T00:00:00.000Z');
    const second = await edition(2, '2026-12-02T00:00:00.000Z', REAL.slice(0, 3));
    mkdirSync(paths().editions, { recursive: true });
    mkdirSync(join(dir, 'public'), { recursive: true });
    writeFileSync(join(paths().editions, '1.json'), first.text.replace(/"signature":"[^"]{4}/, '"signature":"AAAA'));
    writeFileSync(paths().published, second.text);
    await expect(keepAndPublish({ signedText: second.text, published: paths().published, editionsDir: paths().editions, publishDir: paths().publish, key, now: new Date('2026-12-02T00:00:00.000Z'), log })).rejects.toThrow(/editions\/1\.json: the signature does not match/);
  });

  it.each([
    [undefined, 14],
    ['7', 7],
    ['90', 90],
    ['0', 'must be a whole number of days from 1 to 90'],
    ['91', 'must be a whole number of days from 1 to 90'],
    ['1.5', 'must be a whole number of days from 1 to 90'],
    ['soon', 'must be a whole number of days from 1 to 90'],
  ])('--expires-in %s → %s', (value, want) => {
    if (typeof want === 'number') expect(validityDays(value)).toBe(want);
    else expect(() => validityDays(value)).toThrow(want);
  });
});
