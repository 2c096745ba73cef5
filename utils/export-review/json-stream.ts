import { ReviewError } from './errors';

/**
 * A streaming splitter for FHIR JSON and NDJSON, pushed one chunk of bytes at a time.
 *
 * It never builds the whole document. It tracks only strings, nesting and the members of each
 * top-level object, and cuts out pieces, each handed once to the native `JSON.parse`:
 * - a whole top-level value (one resource, one NDJSON line) is one piece, parsed once; until
 * - a top-level `"entry": [...]` array (the resources of a Bundle) starts: the members before it
 *   are parsed as one object, each element of the array is a piece of its own, and each member
 *   after it too; and
 * - a top-level value that grows past `maxPieceBytes` is split the same way at that point (the
 *   members so far in one piece, then one piece per member), so only the oversized member is
 *   skipped, not the whole resource.
 * So memory holds one entry at a time, and a 100 MB Bundle or NDJSON file parses at native speed.
 * (An earlier version parsed every member of an NDJSON line on its own: a dozen small
 * `JSON.parse` calls a line ran at a third of the speed; issue 15.) A general
 * streaming JSON parser was measured at about a third of `JSON.parse`'s speed on the same bundle
 * (docs/export-review.md, "Bench"), which is why this exists.
 *
 * Several top-level values one after another (NDJSON) are each read as a resource. Nesting deeper
 * than `maxDepth` is refused before anything is parsed, so a file nested 100,000 levels deep costs
 * one pass over its bytes. Pieces larger than `maxPieceBytes` are skipped and reported.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Bytes that are neither a quote nor a bracket: 1. */
const PLAIN = new Uint8Array(256).fill(1);
for (const byte of [QUOTE, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET]) PLAIN[byte] = 0;

const OBJECT = 1;
const ARRAY = 2;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export interface JsonStreamHandlers {
  /** One element of a top-level object's `entry` array, parsed. */
  onEntry(value: unknown): void;
  /** A complete top-level value: the object's members other than `entry`. */
  onTopLevel(value: Record<string, unknown>, index: number): void;
  /** A piece over the size cap was skipped. */
  onSkipped(bytes: number, where: 'entry' | 'member'): void;
}

export interface JsonStreamOptions {
  maxDepth: number;
  maxPieceBytes: number;
}

type Mode = 'value' | 'key' | 'colon' | 'comma';

export class JsonStream {
  private depth = 0;
  private readonly containers: Uint8Array;
  private inString = false;
  private escaped = false;
  /** What the top-level object expects next, at depth 1. */
  private topMode: Mode = 'value';
  /** Inside the `entry` array (depth 2), whether the next non-space byte starts an element. */
  private entryMode: 'off' | 'value' | 'comma' = 'off';
  private keyPieces: Uint8Array[] = [];
  private key = '';
  private members: Record<string, unknown> = {};
  private capture: { pieces: Uint8Array[]; bytes: number; where: 'entry' | 'member' | 'whole'; skipped: boolean } | undefined;
  /**
   * While the current top-level value is captured whole: where its last completed member ends
   * (the offset of the comma after it, or -1) and where the member value in progress starts,
   * both as offsets into the capture, and that member's raw key.
   */
  private whole = false;
  private lastMemberEnd = -1;
  private valueStartAt = -1;
  private pendingKey: Uint8Array[] = [];
  /** Where the capture starts in the current chunk (-1: it started in an earlier chunk). */
  private captureStart = -1;
  private captureKey = false;
  private captureKeyStart = -1;
  private topLevelCount = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private totalBytes = 0;

  constructor(
    private readonly handlers: JsonStreamHandlers,
    private readonly options: JsonStreamOptions,
  ) {
    this.containers = new Uint8Array(options.maxDepth + 2);
  }

  get topLevelValues(): number {
    return this.topLevelCount;
  }

  write(chunk: Uint8Array): void {
    const length = chunk.length;
    this.totalBytes += length;
    let i = 0;
    if (this.capture) this.captureStart = 0;
    if (this.captureKey) this.captureKeyStart = 0;

    while (i < length) {
      if (this.inString) {
        const end = this.scanString(chunk, i);
        if (end < 0) {
          i = length;
          break;
        }
        i = end;
        this.inString = false;
        if (this.captureKey && this.depth === 1) {
          this.keyPieces.push(chunk.subarray(this.captureKeyStart, end - 1));
          if (this.whole) {
            // Decoding every key would cost what parsing once saves: compare bytes, keep the raw key.
            this.pendingKey = this.keyPieces;
            this.keyPieces = [];
            this.key = isEntryKey(this.pendingKey) ? 'entry' : '';
          } else {
            this.key = this.decodeKey();
          }
          this.captureKey = false;
          this.topMode = 'colon';
        }
        continue;
      }
      // Deep inside a value only strings and brackets matter: skip the rest in a tight loop.
      if (this.depth >= 3 || (this.depth === 2 && this.entryMode === 'off')) {
        while (i < length && PLAIN[chunk[i]!] === 1) i++;
        if (i >= length) break;
      }
      const byte = chunk[i]!;
      if (isSpace(byte)) {
        i++;
        continue;
      }
      const depth = this.depth;

      // Value starts we care about: a member value at depth 1, an entry element at depth 2.
      if (depth === 1 && this.topMode === 'value' && byte !== CLOSE_BRACE && byte !== COMMA) {
        this.topMode = 'comma';
        if (this.key === 'entry' && byte === OPEN_BRACKET) {
          if (this.whole) this.leaveWhole(chunk, i, false);
          this.entryMode = 'value';
        } else if (this.whole) {
          this.valueStartAt = this.offsetInCapture(i);
        } else {
          this.startCapture('member', i);
        }
      } else if (depth === 2 && this.entryMode === 'value' && byte !== CLOSE_BRACKET && byte !== COMMA) {
        this.entryMode = 'comma';
        this.startCapture('entry', i);
      }

      switch (byte) {
        case QUOTE:
          this.inString = true;
          if (depth === 1 && this.topMode === 'key') {
            this.captureKey = true;
            this.captureKeyStart = i + 1;
            this.keyPieces = [];
          }
          i++;
          continue;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          if (depth === 0 && byte === OPEN_BRACE) {
            const next = this.wholeLine(chunk, i);
            if (next > 0) {
              i = next;
              continue;
            }
          }
          this.open(byte === OPEN_BRACE ? OBJECT : ARRAY, byte, chunk, i);
          i++;
          continue;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          this.close(byte === CLOSE_BRACE ? OBJECT : ARRAY, chunk, i);
          i++;
          continue;
        case COMMA:
          if (depth === 1) {
            if (this.whole && this.offsetInCapture(i) > this.options.maxPieceBytes) {
              // The member that just ended took the value past the cap: split it by member.
              this.leaveWhole(chunk, i, true);
              this.endCapture(chunk, i);
            } else if (this.whole) {
              this.lastMemberEnd = this.offsetInCapture(i);
            } else {
              this.endCapture(chunk, i);
            }
            this.topMode = 'key';
          } else if (depth === 2 && this.entryMode === 'comma') {
            this.endCapture(chunk, i);
            this.entryMode = 'value';
          } else if (depth === 0) {
            throw corrupt();
          }
          i++;
          continue;
        case COLON:
          if (depth === 1) {
            if (this.topMode !== 'colon') throw corrupt();
            this.topMode = 'value';
          }
          i++;
          continue;
        default:
          if (depth === 0) {
            throw new ReviewError('not-a-record', { code: 'json-plain-value' });
          }
          i++;
      }
    }

    // Keep the unfinished piece: copy, because the caller may reuse its buffer.
    if (this.capture && this.captureStart >= 0) {
      if (this.capture.skipped) this.capture.bytes += length - this.captureStart;
      else if (this.captureStart < length) this.addPiece(this.capture, chunk.slice(this.captureStart));
    }
    if (this.whole && this.capture && this.capture.bytes > this.options.maxPieceBytes) this.leaveWhole(undefined, 0, true);
    if (this.captureKey && this.captureKeyStart < length) {
      this.keyPieces.push(chunk.slice(this.captureKeyStart));
      if (this.keyPieces.reduce((sum, piece) => sum + piece.length, 0) > 4096) throw corrupt();
    }
    this.captureStart = -1;
  }

  /** Call at the end of the input. Throws when the JSON stopped half-way. */
  end(): void {
    if (this.inString || this.depth > 0) {
      throw new ReviewError('truncated', { code: 'truncated', size: this.totalBytes });
    }
  }

  /** Index just past the closing quote, or -1 if the string runs past this chunk. */
  private scanString(chunk: Uint8Array, from: number): number {
    let start = from;
    if (this.escaped) {
      this.escaped = false;
      start++;
    }
    for (;;) {
      const quote = start < chunk.length ? chunk.indexOf(QUOTE, start) : -1;
      if (quote < 0) {
        let run = 0;
        for (let k = chunk.length - 1; k >= start && chunk[k] === BACKSLASH; k--) run++;
        this.escaped = run % 2 === 1;
        return -1;
      }
      let run = 0;
      for (let k = quote - 1; k >= start && chunk[k] === BACKSLASH; k--) run++;
      if (run % 2 === 0) return quote + 1;
      start = quote + 1;
    }
  }

  private open(kind: number, byte: number, chunk: Uint8Array, at: number): void {
    if (this.depth === 0) {
      if (byte !== OPEN_BRACE) {
        throw new ReviewError('not-a-record', { code: 'json-list' });
      }
      this.members = {};
      this.topMode = 'key';
      this.key = '';
      this.startCapture('whole', at);
      this.whole = true;
      this.lastMemberEnd = -1;
      this.valueStartAt = -1;
    }
    this.depth++;
    if (this.depth > this.options.maxDepth) {
      throw new ReviewError('too-deep', { code: 'too-deep', depth: this.options.maxDepth });
    }
    this.containers[this.depth] = kind;
    if (this.depth === 1) this.topMode = 'key';
  }

  private close(kind: number, chunk: Uint8Array, at: number): void {
    if (this.depth === 0 || this.containers[this.depth] !== kind) throw corrupt();
    if (this.depth === 2 && this.entryMode !== 'off' && kind === ARRAY) {
      this.endCapture(chunk, at);
      this.entryMode = 'off';
    } else if (this.depth === 1) {
      if (this.topMode === 'colon' || this.topMode === 'value') throw corrupt();
      if (this.whole && this.offsetInCapture(at) + 1 > this.options.maxPieceBytes) {
        // A value that outgrew the cap inside one chunk: split it by member after all.
        this.leaveWhole(chunk, at, true);
        this.endCapture(chunk, at);
      } else if (this.whole) {
        this.whole = false;
        this.endCapture(chunk, at + 1);
      } else {
        this.endCapture(chunk, at);
      }
    }
    this.depth--;
    if (this.depth === 0) {
      this.handlers.onTopLevel(this.members, this.topLevelCount++);
      this.members = {};
    }
  }

  /**
   * NDJSON's fast path: a top-level object that starts at `at` and ends on the same line, inside
   * this chunk, is handed to `JSON.parse` as it is, with no scan at all (JSON strings cannot hold a
   * raw newline, so a newline is always between values). Taken only when the line cannot nest
   * deeper than `maxDepth` (it has no more opening brackets than that, or is too short to), and
   * only if it parses: anything else (a pretty-printed Bundle's lone `{`, two values on one line,
   * damage) goes through the scanner, which reports it as before. Returns the index after the
   * line, or -1.
   */
  private wholeLine(chunk: Uint8Array, at: number): number {
    const newline = chunk.indexOf(0x0a, at);
    if (newline < 0) return -1;
    const line = chunk.subarray(at, newline);
    if (line.length > this.options.maxPieceBytes) return -1;
    if (line.length > 2 * this.options.maxDepth) {
      let opening = 0;
      for (let k = 0; k < line.length; k++) {
        const byte = line[k]!;
        if (byte === OPEN_BRACE || byte === OPEN_BRACKET) opening++;
      }
      if (opening > this.options.maxDepth) return -1;
    }
    let value: unknown;
    try {
      value = JSON.parse(this.decoder.decode(line));
    } catch {
      return -1;
    }
    const members = value as Record<string, unknown>;
    // As the scanner does: a Bundle's entries one by one, the rest as the top-level value.
    if (Array.isArray(members.entry)) {
      const entries = members.entry as unknown[];
      delete members.entry;
      for (const entry of entries) this.handlers.onEntry(entry);
    }
    this.handlers.onTopLevel(members, this.topLevelCount++);
    return newline + 1;
  }

  /** Where byte `at` of the current chunk sits in the capture (pieces are added at chunk ends). */
  private offsetInCapture(at: number): number {
    return this.capture!.bytes + at - Math.max(this.captureStart, 0);
  }

  /**
   * Stop capturing the top-level value whole: a Bundle's `entry` array starts at byte `at` of
   * `chunk`, or (`oversized`, at a chunk's end) the value outgrew the cap. The members completed
   * so far become one piece; an oversized value's member in progress continues as its own capture.
   */
  private leaveWhole(chunk: Uint8Array | undefined, at: number, oversized: boolean): void {
    const capture = this.capture!;
    if (chunk && this.captureStart >= 0 && at > this.captureStart) capture.pieces.push(chunk.subarray(this.captureStart, at));
    const joined = join(capture.pieces, capture.pieces.reduce((sum, piece) => sum + piece.length, 0));
    this.whole = false;
    this.capture = undefined;
    this.captureStart = -1;
    if (this.lastMemberEnd > 0) {
      const prefix = new Uint8Array(this.lastMemberEnd + 1);
      prefix.set(joined.subarray(0, this.lastMemberEnd));
      prefix[this.lastMemberEnd] = CLOSE_BRACE;
      Object.assign(this.members, this.parse([prefix], prefix.length));
    }
    if (oversized && this.topMode === 'comma' && this.valueStartAt > this.lastMemberEnd) {
      this.keyPieces = this.pendingKey;
      this.key = this.decodeKey();
      this.capture = { pieces: [], bytes: 0, where: 'member', skipped: false };
      this.addPiece(this.capture, joined.slice(this.valueStartAt));
      // The member goes on from byte `at` of this chunk (or from the next chunk's start).
      if (chunk) this.captureStart = at;
    }
  }

  private startCapture(where: 'entry' | 'member' | 'whole', at: number): void {
    this.capture = { pieces: [], bytes: 0, where, skipped: false };
    this.captureStart = at;
  }

  private addPiece(capture: NonNullable<JsonStream['capture']>, piece: Uint8Array): void {
    capture.bytes += piece.length;
    // A whole value over the cap is split by member at the chunk's end (leaveWhole), not dropped.
    if (capture.bytes > this.options.maxPieceBytes && capture.where !== 'whole') {
      capture.skipped = true;
      capture.pieces = [];
      return;
    }
    capture.pieces.push(piece);
  }

  private endCapture(chunk: Uint8Array, at: number): void {
    const capture = this.capture;
    if (!capture) return;
    this.capture = undefined;
    const start = Math.max(this.captureStart, 0);
    this.captureStart = -1;
    if (capture.skipped) capture.bytes += at - start;
    else this.addPiece(capture, chunk.subarray(start, at));
    if (capture.skipped) {
      this.handlers.onSkipped(capture.bytes, capture.where === 'entry' ? 'entry' : 'member');
      return;
    }
    const value = this.parse(capture.pieces, capture.bytes);
    if (capture.where === 'entry') this.handlers.onEntry(value);
    else if (capture.where === 'whole') this.members = value as Record<string, unknown>;
    else this.members[this.key] = value;
  }

  private parse(pieces: Uint8Array[], bytes: number): unknown {
    const joined = join(pieces, bytes);
    let text: string;
    try {
      text = this.decoder.decode(joined);
    } catch {
      throw new ReviewError('encoding', { code: 'json-not-utf8' });
    }
    try {
      return JSON.parse(text);
    } catch {
      throw corrupt();
    }
  }

  private decodeKey(): string {
    const pieces = this.keyPieces;
    this.keyPieces = [];
    const bytes = pieces.reduce((sum, piece) => sum + piece.length, 0);
    const joined = new Uint8Array(bytes);
    let offset = 0;
    for (const piece of pieces) {
      joined.set(piece, offset);
      offset += piece.length;
    }
    try {
      return JSON.parse(`"${this.decoder.decode(joined)}"`) as string;
    } catch {
      throw corrupt();
    }
  }
}

function join(pieces: Uint8Array[], bytes: number): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  const joined = new Uint8Array(bytes);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}

const ENTRY = [0x65, 0x6e, 0x74, 0x72, 0x79];

/** Whether a raw key (between its quotes, maybe in pieces) is `entry`, without decoding it. */
function isEntryKey(pieces: Uint8Array[]): boolean {
  let at = 0;
  for (const piece of pieces) {
    for (const byte of piece) if (byte !== ENTRY[at++]) return false;
  }
  return at === ENTRY.length;
}

function corrupt(): ReviewError {
  return new ReviewError('corrupt', { code: 'json-damaged' });
}
