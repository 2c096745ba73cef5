import { ReviewError, formatBytes } from './errors';

/**
 * A streaming splitter for FHIR JSON and NDJSON, pushed one chunk of bytes at a time.
 *
 * It never builds the whole document. It tracks only strings, nesting and the members of each
 * top-level object, and cuts out two kinds of pieces, each handed to the native `JSON.parse`:
 * - every element of a top-level `"entry": [...]` array (the resources of a Bundle), and
 * - every other member of a top-level object (`"resourceType"`, `"type"`, or all the fields of a
 *   single resource), which are put back together into one object when it closes.
 * So memory holds one entry at a time, and a 100 MB Bundle parses at native speed. A general
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
  private capture: { pieces: Uint8Array[]; bytes: number; where: 'entry' | 'member'; skipped: boolean } | undefined;
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
          this.key = this.decodeKey();
          this.captureKey = false;
          this.topMode = 'colon';
        }
        continue;
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
          this.entryMode = 'value';
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
          this.open(byte === OPEN_BRACE ? OBJECT : ARRAY, byte);
          i++;
          continue;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          this.close(byte === CLOSE_BRACE ? OBJECT : ARRAY, chunk, i);
          i++;
          continue;
        case COMMA:
          if (depth === 1) {
            this.endCapture(chunk, i);
            this.topMode = 'key';
          } else if (depth === 2 && this.entryMode === 'comma') {
            this.endCapture(chunk, i);
            this.entryMode = 'value';
          } else if (depth === 0) {
            throw corrupt('a comma outside any object');
          }
          i++;
          continue;
        case COLON:
          if (depth === 1) {
            if (this.topMode !== 'colon') throw corrupt('a colon in the wrong place');
            this.topMode = 'value';
          }
          i++;
          continue;
        default:
          if (depth === 0) {
            throw new ReviewError('not-a-record', 'This file starts like JSON but holds a plain value, not a FHIR resource, so it is not a health record format Portal Guard recognises.');
          }
          i++;
      }
    }

    // Keep the unfinished piece: copy, because the caller may reuse its buffer.
    if (this.capture && this.captureStart >= 0) {
      if (this.capture.skipped) this.capture.bytes += length - this.captureStart;
      else if (this.captureStart < length) this.addPiece(this.capture, chunk.slice(this.captureStart));
    }
    if (this.captureKey && this.captureKeyStart < length) {
      this.keyPieces.push(chunk.slice(this.captureKeyStart));
      if (this.keyPieces.reduce((sum, piece) => sum + piece.length, 0) > 4096) throw corrupt('a field name longer than 4 KB');
    }
    this.captureStart = -1;
  }

  /** Call at the end of the input. Throws when the JSON stopped half-way. */
  end(): void {
    if (this.inString || this.depth > 0) {
      throw new ReviewError('truncated', `The file ends in the middle of its data (after ${formatBytes(this.totalBytes)}). It was probably cut short while downloading: download it again.`);
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

  private open(kind: number, byte: number): void {
    if (this.depth === 0) {
      if (byte !== OPEN_BRACE) {
        throw new ReviewError('not-a-record', 'This file is a JSON list, not a FHIR resource or Bundle, so it is not a health record format Portal Guard recognises.');
      }
      this.members = {};
      this.topMode = 'key';
      this.key = '';
    }
    this.depth++;
    if (this.depth > this.options.maxDepth) {
      throw new ReviewError('too-deep', `This file is nested more than ${this.options.maxDepth} levels deep. No health record needs that; files like this are made to crash readers, so it was not read.`);
    }
    this.containers[this.depth] = kind;
    if (this.depth === 1) this.topMode = 'key';
  }

  private close(kind: number, chunk: Uint8Array, at: number): void {
    if (this.depth === 0 || this.containers[this.depth] !== kind) throw corrupt('brackets that do not match');
    if (this.depth === 2 && this.entryMode !== 'off' && kind === ARRAY) {
      this.endCapture(chunk, at);
      this.entryMode = 'off';
    } else if (this.depth === 1) {
      if (this.topMode === 'colon' || this.topMode === 'value') throw corrupt('a field with no value');
      this.endCapture(chunk, at);
    }
    this.depth--;
    if (this.depth === 0) {
      this.handlers.onTopLevel(this.members, this.topLevelCount++);
      this.members = {};
    }
  }

  private startCapture(where: 'entry' | 'member', at: number): void {
    this.capture = { pieces: [], bytes: 0, where, skipped: false };
    this.captureStart = at;
  }

  private addPiece(capture: NonNullable<JsonStream['capture']>, piece: Uint8Array): void {
    capture.bytes += piece.length;
    if (capture.bytes > this.options.maxPieceBytes) {
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
      this.handlers.onSkipped(capture.bytes, capture.where);
      return;
    }
    const value = this.parse(capture.pieces, capture.bytes);
    if (capture.where === 'entry') this.handlers.onEntry(value);
    else this.members[this.key] = value;
  }

  private parse(pieces: Uint8Array[], bytes: number): unknown {
    let joined: Uint8Array;
    if (pieces.length === 1) {
      joined = pieces[0]!;
    } else {
      joined = new Uint8Array(bytes);
      let offset = 0;
      for (const piece of pieces) {
        joined.set(piece, offset);
        offset += piece.length;
      }
    }
    let text: string;
    try {
      text = this.decoder.decode(joined);
    } catch {
      throw new ReviewError('encoding', 'This file is not valid UTF-8 text, which FHIR JSON must be. It may have been saved in another encoding (such as Windows-1252) or be damaged.');
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw corrupt((error as Error).message);
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
      throw corrupt('a field name that is not valid JSON text');
    }
  }
}

function corrupt(detail: string): ReviewError {
  return new ReviewError('corrupt', `This file is damaged: it is not valid JSON (${detail.slice(0, 120)}). Try downloading it again.`);
}
