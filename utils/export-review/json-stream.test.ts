import { describe, expect, it } from 'vitest';
import { JsonStream } from './json-stream';

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const TRICKY_STRINGS = ['', 'a', 'quote " inside', 'backslash \\ end\\', '\\\\"', 'unicode ā 漢字 😀', 'line\nbreak\ttab', '{not}[json],:', '\u0000\u001f'];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 4 ? 4 : 7));
  switch (pick) {
    case 0:
      return TRICKY_STRINGS[Math.floor(next() * TRICKY_STRINGS.length)];
    case 1:
      return Math.round(next() * 1e6) / 100 - 5000;
    case 2:
      return next() < 0.5 ? true : null;
    case 3:
      return `s${Math.floor(next() * 1000)}`;
    case 4:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, (_, index) => [`${TRICKY_STRINGS[index % TRICKY_STRINGS.length]}${index}`, value(next, depth + 1)]));
  }
}

function split(bytes: Uint8Array, next: () => number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const size = 1 + Math.floor(next() * 40);
    chunks.push(bytes.slice(offset, offset + size));
    offset += size;
  }
  return chunks;
}

function run(text: string, chunks: (bytes: Uint8Array) => Uint8Array[], maxPieceBytes = 1e6) {
  const entries: unknown[] = [];
  const tops: unknown[] = [];
  const skipped: string[] = [];
  const stream = new JsonStream({ onEntry: (entry) => entries.push(entry), onTopLevel: (top) => tops.push(top), onSkipped: (_, where) => skipped.push(where) }, { maxDepth: 64, maxPieceBytes });
  for (const chunk of chunks(new TextEncoder().encode(text))) stream.write(chunk);
  stream.end();
  return { entries, tops, skipped };
}

describe('JsonStream', () => {
  it.each(Array.from({ length: 40 }, (_, seed) => seed + 1))('splits random resources like JSON.parse does, whatever the chunks (seed %i)', (seed) => {
    const next = random(seed);
    const resources = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
      resourceType: 'Bundle',
      ...(value(next, 1) as object),
      entry: Array.from({ length: Math.floor(next() * 5) }, () => ({ resource: value(next, 2) })),
      'after "entry"': value(next, 1),
    }));
    const text = resources.map((resource) => JSON.stringify(resource, null, seed % 2 ? 1 : undefined)).join('\n');
    const { entries, tops } = run(text, (bytes) => split(bytes, next));
    expect(entries).toEqual(resources.flatMap((resource) => resource.entry));
    expect(tops).toEqual(resources.map(({ entry: _entry, ...rest }) => rest));
  });

  it.each(Array.from({ length: 30 }, (_, seed) => seed + 100))('reads NDJSON lines (no entry array) like JSON.parse does, whatever the chunks (seed %i)', (seed) => {
    const next = random(seed);
    const lines = Array.from({ length: 1 + Math.floor(next() * 5) }, () => ({ resourceType: 'Observation', ...(value(next, 1) as object), ...(next() < 0.3 ? { entry: 'not an array' } : {}) }));
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    const { entries, tops } = run(text, (bytes) => split(bytes, next));
    expect(entries).toEqual([]);
    expect(tops).toEqual(lines);
  });

  it.each([7, 40, 1000, 100_000])('skips only the oversized field of a resource larger than the cap (chunks of %i bytes)', (size) => {
    const resource = { resourceType: 'DocumentReference', id: 'd1', status: 'current', content: [{ attachment: { contentType: 'application/pdf', data: 'JVBERi0'.repeat(2000) } }], date: '2019-03-12' };
    const text = `${JSON.stringify(resource)}\n${JSON.stringify({ resourceType: 'Patient', id: 'p1' })}`;
    const chunks = (bytes: Uint8Array) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, index) => bytes.slice(index * size, (index + 1) * size));
    const { tops, skipped } = run(text, chunks, 1000);
    expect(tops).toEqual([{ resourceType: 'DocumentReference', id: 'd1', status: 'current', date: '2019-03-12' }, { resourceType: 'Patient', id: 'p1' }]);
    expect(skipped).toEqual(['member']);
  });

  it('still refuses a short NDJSON line nested past the depth cap (the fast path does not skip the check)', () => {
    const deep = `${'{"a":'.repeat(70)}1${'}'.repeat(70)}\n`;
    const stream = new JsonStream({ onEntry() {}, onTopLevel() {}, onSkipped() {} }, { maxDepth: 64, maxPieceBytes: 1e6 });
    expect(() => stream.write(new TextEncoder().encode(`{"resourceType":"Patient"}\n${deep}`))).toThrow(expect.objectContaining({ code: 'too-deep', review: { code: 'too-deep', depth: 64 } }));
  });

  it('handles a backslash run that ends exactly at a chunk boundary', () => {
    const text = JSON.stringify({ resourceType: 'Patient', note: 'a\\\\\\"b', entry: [{ x: '\\"' }] });
    for (let cut = 1; cut < text.length; cut++) {
      const { entries, tops } = run(text, (bytes) => [bytes.slice(0, cut), bytes.slice(cut)]);
      expect(tops, `cut at ${cut}`).toEqual([{ resourceType: 'Patient', note: 'a\\\\\\"b' }]);
      expect(entries).toEqual([{ x: '\\"' }]);
    }
  });
});
