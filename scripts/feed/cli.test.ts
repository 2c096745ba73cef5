import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readEnvelope } from '../../utils/feed/envelope';
import { TEST_KEY } from '../../utils/feed/keys';
import { sampleNotice, TEST_KEY_FILE } from '../../utils/feed/test-fixtures';
import { buildPayload, nextSequence, runBuild } from './build';
import { diffNotices, formatDiff, runDiff } from './diff';
import { runSchema } from './json-schema';
import { FEED_FORMAT_VERSION } from '../../utils/feed/schema';
import { loadSigningKey, runKeygen } from './keys';
import { ROOT } from './paths';
import { runSign } from './sign';
import { runTamper } from './tamper';
import { checkNotices } from './validate';
import { runVerify } from './verify';

let dir: string;
let lines: string[];
const log = (line: string) => lines.push(line);
const NOW = new Date('2026-06-01T00:00:00.000Z');

function writeNotice(notice: Record<string, unknown>) {
  writeFileSync(join(dir, 'notices', `${String(notice.id)}.json`), `${JSON.stringify({ $schema: '../notice.schema.json', ...notice }, null, 2)}\n`);
}
const paths = () => ({ noticesDir: join(dir, 'notices'), out: join(dir, 'dist/feed.payload.json'), against: join(dir, 'public/feed.json') });
const build = (options: { sequence?: number; now?: Date } = {}) => runBuild({ ...paths(), now: NOW, log, ...options });
const sign = () => runSign({ input: paths().out, out: paths().against, keyFile: TEST_KEY_FILE, env: {}, log });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'feed-cli-'));
  mkdirSync(join(dir, 'notices'));
  lines = [];
  writeNotice(sampleNotice({ id: 'nz-second-2026-02' }));
  writeNotice(sampleNotice());
});

describe('build', () => {
  it('writes canonical JSON: sorted keys, notices by id, no editor hints', () => {
    expect(build()).toBe(0);
    const text = readFileSync(paths().out, 'utf8');
    const feed = JSON.parse(text) as { notices: Record<string, unknown>[] };
    expect(Object.keys(feed)).toEqual(['formatVersion', 'generatedAt', 'notices', 'sequence']);
    expect(feed.notices.map((notice) => notice.id)).toEqual(['nz-example-2026-01', 'nz-second-2026-02']);
    expect(Object.keys(feed.notices[0] ?? {})).toEqual([...Object.keys(feed.notices[0] ?? {})].sort());
    expect(text).not.toContain('$schema');
    expect(text).not.toContain('\n');
    expect(lines).toEqual([`built ${paths().out}: sequence 1 (last published: none), 2 notices, ${text.length} bytes`]);
  });

  it('is reproducible: the same sources and time give the same bytes', () => {
    build();
    const first = readFileSync(paths().out, 'utf8');
    build();
    expect(readFileSync(paths().out, 'utf8')).toBe(first);
  });

  it('stops on invalid sources and says why', () => {
    writeNotice(sampleNotice({ id: 'nz-broken-2026-03', links: [{ title: 'x1', url: 'http://example.org/', official: true }] }));
    expect(build()).toBe(1);
    expect(lines[0]).toMatch(/nz-broken-2026-03\.json: \$\.links\[0\]\.url: links must be https:\/\/ URLs$/);
    expect(existsSync(paths().out)).toBe(false);
  });

  it.each<[number | undefined, number | undefined, number | string]>([
    [undefined, undefined, 1],
    [4, undefined, 5],
    [4, 9, 9],
    [4, 4, '--sequence 4 must be an integer greater than the last published sequence 4'],
    [4, 2, '--sequence 2 must be an integer greater than the last published sequence 4'],
    [4, 5.5, '--sequence 5.5 must be an integer greater than the last published sequence 4'],
    // Issue 13, item 4: a jump of more than 1,000,000 needs --force; nothing goes above the cap (2^40).
    [4, 1_000_004, 1_000_004],
    [4, 1_000_005, '--sequence 1000005 jumps 1000001 above the last published sequence 4; more than 1000000 needs --force'],
    [undefined, 9_007_199_254_740_991, '--sequence 9007199254740991 is above the largest sequence a feed may have, 1099511627776 (2^40)'],
  ])('after published %s, requested %s → %s', (published, requested, expected) => {
    if (typeof expected === 'string') expect(() => nextSequence(published, requested)).toThrow(expected);
    else expect(nextSequence(published, requested)).toBe(expected);
  });

  it('allows a larger jump with --force, but never past the cap', () => {
    expect(nextSequence(4, 5_000_000, true)).toBe(5_000_000);
    expect(nextSequence(4, 2 ** 40, true)).toBe(2 ** 40);
    expect(() => nextSequence(4, 2 ** 40 + 1, true)).toThrow('above the largest sequence a feed may have');
    expect(() => nextSequence(2 ** 40)).toThrow('the last published sequence 1099511627776 is the largest a feed may have');
  });

  it('refuses --sequence 9007199254740991 and writes nothing', () => {
    expect(() => build({ sequence: Number.MAX_SAFE_INTEGER })).toThrow('above the largest sequence a feed may have');
    expect(existsSync(paths().out)).toBe(false);
  });

  it('refuses to build a payload the extension would refuse', () => {
    const { notices } = checkNotices([{ file: 'x.json', text: JSON.stringify(sampleNotice()) }]);
    expect(() => buildPayload([...notices, ...notices], 1, NOW.toISOString())).toThrow('duplicate notice id');
  });
});

describe('sign, verify, build again', () => {
  it('round-trips, and the sequence only increases', async () => {
    expect(build()).toBe(0);
    expect(await sign()).toBe(0);
    const signed = readFileSync(paths().against, 'utf8');
    const envelope = readEnvelope(signed);
    expect(envelope.ok && envelope.envelope.keyId).toBe(TEST_KEY.keyId);
    expect(envelope.ok && envelope.envelope.payload).toBe(readFileSync(paths().out, 'utf8'));
    expect(lines).toContain('note: key test-only-1 is not a pinned production key; only a build with the test key flag (or with this key pinned) accepts this feed');

    lines = [];
    expect(await runVerify({ file: paths().against, testKey: true, log })).toBe(0);
    expect(lines).toEqual([`${paths().against}: good signature by test-only-1; format ${FEED_FORMAT_VERSION}, sequence 1, generated 2026-06-01T00:00:00.000Z, 2 notices`]);
    lines = [];
    expect(await runVerify({ file: paths().against, log })).toBe(1);
    expect(lines[0]).toContain('refused (unknown-key): the feed is signed with key "test-only-1"');

    // Signing the same build again would publish the same sequence twice.
    await expect(sign()).rejects.toThrow('has sequence 1, not above 1');
    expect(build()).toBe(0);
    expect(JSON.parse(readFileSync(paths().out, 'utf8'))).toMatchObject({ sequence: 2 });
    expect(() => build({ sequence: 1 })).toThrow('greater than the last published sequence 1');
    expect(await sign()).toBe(0);
  });

  it('a tampered copy keeps its signature and fails verification', async () => {
    build();
    await sign();
    const tampered = join(dir, 'tampered.json');
    expect(runTamper({ input: paths().against, out: tampered, log })).toBe(0);
    lines = [];
    expect(await runVerify({ file: tampered, testKey: true, log })).toBe(1);
    expect(lines[0]).toContain("refused (bad-signature): the signature does not match the feed's contents");
  });
});

describe('diff', () => {
  it('lists added, removed and changed notices, and flags an unchanged "modified"', () => {
    const { notices: before } = checkNotices([
      { file: 'a.json', text: JSON.stringify(sampleNotice()) },
      { file: 'b.json', text: JSON.stringify(sampleNotice({ id: 'nz-gone-2025-01' })) },
      { file: 'c.json', text: JSON.stringify(sampleNotice({ id: 'nz-quiet-2025-02' })) },
    ]);
    const { notices: after } = checkNotices([
      { file: 'a.json', text: JSON.stringify(sampleNotice({ summary: 'A new summary that says more about what happened.', modified: '2026-02-01' })) },
      { file: 'c.json', text: JSON.stringify(sampleNotice({ id: 'nz-quiet-2025-02', affected: { count: 100000, estimate: false, unverified: true, source: 'https://example.org/report' } })) },
      { file: 'd.json', text: JSON.stringify(sampleNotice({ id: 'nz-new-2026-03', title: 'A new breach notice' })) },
    ]);
    expect(formatDiff(diffNotices(before, after))).toEqual([
      '+ nz-new-2026-03: new notice "A new breach notice" (portals: managemyhealth)',
      '- nz-gone-2025-01: removed',
      '~ nz-example-2026-01:',
      '    $.modified: "2026-01-02" -> "2026-02-01"',
      '    $.summary: "Someone copied documents from an example portal. Check your account security... -> "A new summary that says more about what happened."',
      '~ nz-quiet-2025-02:',
      '    $.affected.count: 99416 -> 100000',
      '    ! the content changed but "modified" did not: set it to today',
    ]);
  });

  it('compares the sources with the published feed', async () => {
    build();
    await sign();
    writeNotice(sampleNotice({ id: 'nz-third-2026-04' }));
    lines = [];
    expect(runDiff({ against: paths().against, noticesDir: paths().noticesDir, log })).toBe(0);
    expect(lines).toEqual([`${paths().noticesDir} against ${paths().against} (sequence 1, generated 2026-06-01T00:00:00.000Z):`, '+ nz-third-2026-04: new notice "Example portal: documents copied" (portals: managemyhealth)']);
  });
});

describe('keys', () => {
  it('reads the signing key from $PORTAL_GUARD_FEED_SIGNING_KEY when no file is given', () => {
    const key = loadSigningKey(undefined, { PORTAL_GUARD_FEED_SIGNING_KEY: readFileSync(TEST_KEY_FILE, 'utf8') });
    expect(key).toMatchObject({ keyId: 'test-only-1', origin: '$PORTAL_GUARD_FEED_SIGNING_KEY' });
  });

  it('refuses a key without an id or a public key', () => {
    const file = join(dir, 'public.jwk');
    const { d: _private, ...publicOnly } = JSON.parse(readFileSync(TEST_KEY_FILE, 'utf8')) as Record<string, string>;
    writeFileSync(file, JSON.stringify(publicOnly));
    expect(() => loadSigningKey(file, {})).toThrow('is not a private Ed25519 JWK');
  });

  it('keygen writes a private key outside the repository and prints the pin', async () => {
    const out = join(dir, 'keys/new.private.jwk');
    lines = [];
    expect(await runKeygen({ keyId: 'portal-guard-2027-1', out, log })).toBe(0);
    expect(loadSigningKey(out, {})).toMatchObject({ keyId: 'portal-guard-2027-1' });
    expect(lines[1]).toMatch(/^pin the public key in utils\/feed\/keys\.ts:\n {2}\{"keyId":"portal-guard-2027-1","alg":"Ed25519","publicKey":"[A-Za-z0-9_-]{43}"\}$/);
    await expect(runKeygen({ keyId: 'portal-guard-2027-1', out, log })).rejects.toThrow('refusing to overwrite');
    await expect(runKeygen({ keyId: 'portal-guard-2027-2', out: join(ROOT, 'keys/oops.private.jwk'), log })).rejects.toThrow('never goes inside the repository');
  });
});

describe('JSON Schemas', () => {
  it('feed/notice.schema.json, feed/feed.schema.json and feed/portal.schema.json match the zod schemas (npm run feed -- schema)', () => {
    const messages: string[] = [];
    expect(runSchema(true, (line) => messages.push(line)), messages.join('\n')).toBe(0);
  });
});
