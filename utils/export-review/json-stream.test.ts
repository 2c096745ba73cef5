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

function run(text: string, chunks: (bytes: Uint8Array) => Uint8Array[]) {
  const entries: unknown[] = [];
  const tops: unknown[] = [];
  const stream = new JsonStream({ onEntry: (entry) => entries.push(entry), onTopLevel: (top) => tops.push(top), onSkipped: () => {} }, { maxDepth: 64, maxPieceBytes: 1e6 });
  for (const chunk of chunks(new TextEncoder().encode(text))) stream.write(chunk);
  stream.end();
  return { entries, tops };
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

  it('handles a backslash run that ends exactly at a chunk boundary', () => {
    const text = JSON.stringify({ resourceType: 'Patient', note: 'a\\\\\\"b', entry: [{ x: '\\"' }] });
    for (let cut = 1; cut < text.length; cut++) {
      const { entries, tops } = run(text, (bytes) => [bytes.slice(0, cut), bytes.slice(cut)]);
      expect(tops, `cut at ${cut}`).toEqual([{ resourceType: 'Patient', note: 'a\\\\\\"b' }]);
      expect(entries).toEqual([{ x: '\\"' }]);
    }
  });
});
