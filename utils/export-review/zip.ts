import { Inflate } from 'fflate';
import { ReviewError } from './errors';
import type { ReviewLimits } from './limits';

/**
 * Zip archives, read from the central directory with random access (a File is a Blob), then one
 * entry at a time through fflate's streaming inflater. Reading the directory first means every
 * name is checked and every declared size is known before a single byte is unpacked, entries we
 * do not need (Apple Health's multi-gigabyte export.xml) are skipped without being inflated, and
 * memory holds one chunk at a time.
 *
 * Every entry unpacked whole is checked against the CRC-32 its directory records, so a damaged
 * download is called damaged rather than read as if it were whole.
 *
 * Zip bombs are stopped three ways: declared sizes and ratios are checked up front, actual output
 * is counted while inflating (an entry may lie about its size), and entries whose data overlap
 * (the "overlapping files" bomb) are refused.
 */

export interface RandomAccess {
  readonly size: number;
  read(start: number, end: number): Promise<Uint8Array>;
  stream(start: number, end: number): AsyncIterable<Uint8Array>;
}

/** A Blob (or File, or anything that slices into Blobs) as random-access bytes. */
export function blobAccess(blob: Pick<Blob, 'size'> & { slice(start: number, end: number): Blob }): RandomAccess {
  return {
    size: blob.size,
    read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
    stream: (start, end) => streamChunks(blob.slice(start, end).stream()),
  };
}

export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.length > 0) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export interface ZipEntry {
  /** Forward slashes, as written: XDM packages made on Windows use `IHE_XDM\SUBSET01\…`. */
  name: string;
  compressedSize: number;
  size: number;
  method: number;
  encrypted: boolean;
  localHeaderOffset: number;
  isDirectory: boolean;
  /** CRC-32 of the unpacked bytes, as the central directory records it. */
  crc32: number;
  /** The entry's modification date (`2024-03-05`), from its DOS timestamp. */
  modified?: string;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const u16 = (view: DataView, at: number) => view.getUint16(at, true);
const u32 = (view: DataView, at: number) => view.getUint32(at, true);
const u64 = (view: DataView, at: number) => Number(view.getBigUint64(at, true));

function damaged(): ReviewError {
  return new ReviewError('corrupt', { code: 'zip-damaged' });
}

/** A name that would escape the folder it is unpacked into, or is not a plain relative path. */
export function unsafeEntryName(name: string): boolean {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || [...name].some((char) => char.charCodeAt(0) < 0x20)) return true;
  return name.split('/').some((part) => part === '..');
}

export async function readZipDirectory(source: RandomAccess, limits: ReviewLimits): Promise<ZipEntry[]> {
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tail = await source.read(source.size - tailLength, source.size);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (u32(view, at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw damaged();

  let count = u16(view, eocd + 10);
  let directorySize = u32(view, eocd + 12);
  let directoryOffset = u32(view, eocd + 16);
  if ((count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) && eocd >= 20 && u32(view, eocd - 20) === EOCD64_LOCATOR) {
    const eocd64Offset = u64(view, eocd - 20 + 8);
    const record = await source.read(eocd64Offset, eocd64Offset + 56);
    const record64 = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (record.length < 56 || u32(record64, 0) !== EOCD64) throw damaged();
    count = u64(record64, 32);
    directorySize = u64(record64, 40);
    directoryOffset = u64(record64, 48);
  }
  if (count > limits.maxZipEntries) {
    throw new ReviewError('zip-bomb', { code: 'zip-too-many-entries', count, limit: limits.maxZipEntries });
  }
  if (directoryOffset + directorySize > source.size) throw damaged();

  const directory = await source.read(directoryOffset, directoryOffset + directorySize);
  const dir = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const names = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < count; index++) {
    if (at + 46 > directory.length || u32(dir, at) !== CENTRAL) throw damaged();
    const flags = u16(dir, at + 8);
    const method = u16(dir, at + 10);
    const time = u16(dir, at + 12);
    const day = u16(dir, at + 14);
    const crc32 = u32(dir, at + 16);
    let compressedSize = u32(dir, at + 20);
    let size = u32(dir, at + 24);
    const nameLength = u16(dir, at + 28);
    const extraLength = u16(dir, at + 30);
    const commentLength = u16(dir, at + 32);
    let localHeaderOffset = u32(dir, at + 42);
    const rawName = directory.subarray(at + 46, at + 46 + nameLength);
    const name = names.decode(rawName).replace(/\\/g, '/');

    // zip64: the real sizes and offset sit in extra field 0x0001, in this order, when maxed out.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(dir, extra);
      const length = u16(dir, extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        const fieldEnd = extra + 4 + length;
        if (size === 0xffffffff && field + 8 <= fieldEnd) {
          size = u64(dir, field);
          field += 8;
        }
        if (compressedSize === 0xffffffff && field + 8 <= fieldEnd) {
          compressedSize = u64(dir, field);
          field += 8;
        }
        if (localHeaderOffset === 0xffffffff && field + 8 <= fieldEnd) localHeaderOffset = u64(dir, field);
      }
      extra += 4 + length;
    }
    at = extraEnd + commentLength;

    if (unsafeEntryName(name)) {
      throw new ReviewError('zip-unsafe-name', { code: 'zip-unsafe-name', name: name.slice(0, 120) });
    }
    entries.push({
      name,
      compressedSize,
      size,
      crc32,
      method,
      encrypted: (flags & 1) === 1,
      localHeaderOffset,
      isDirectory: name.endsWith('/'),
      ...(dosDate(day, time) ? { modified: dosDate(day, time)! } : {}),
    });
  }

  // Overlapping entries share compressed data to multiply output: refuse them.
  const byOffset = entries.filter((entry) => !entry.isDirectory || entry.compressedSize > 0).sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let index = 1; index < byOffset.length; index++) {
    const previous = byOffset[index - 1]!;
    if (previous.localHeaderOffset + 30 + previous.compressedSize > byOffset[index]!.localHeaderOffset) {
      throw new ReviewError('zip-bomb', { code: 'zip-overlap' });
    }
  }
  for (const entry of entries) {
    if (entry.localHeaderOffset + entry.compressedSize > directoryOffset) throw damaged();
  }
  return entries;
}

function dosDate(day: number, time: number): string | undefined {
  const year = 1980 + (day >> 9);
  const month = (day >> 5) & 0x0f;
  const date = day & 0x1f;
  if (month < 1 || month > 12 || date < 1 || date > 31 || time < 0) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** Shared by all entries of one archive: the running totals the bomb checks need. */
export interface UnzipBudget {
  unpacked: number;
}

/** The most bytes handed to fflate per push; with the ratio cap this bounds one push's output. */
const INFLATE_STEP = 16 * 1024;

/**
 * Unpack one entry, handing its bytes to `onData` as they come. `onPacked` reports compressed
 * bytes consumed, for progress. Throws on encryption, unknown methods, damage or a bomb.
 */
export async function unzipEntry(
  source: RandomAccess,
  entry: ZipEntry,
  limits: ReviewLimits,
  budget: UnzipBudget,
  onData: (chunk: Uint8Array) => void,
  onPacked: (bytes: number) => void = () => {},
  /** The caller stops early (by throwing from `onData`), so the entry's declared size and ratio are not judged up front. */
  { partial = false }: { partial?: boolean } = {},
): Promise<void> {
  if (entry.encrypted) {
    throw new ReviewError('zip-encrypted', { code: 'zip-encrypted' });
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ReviewError('zip-unsupported', { code: 'zip-method', entry: entry.name.slice(0, 80), method: entry.method });
  }
  // A partial read stops long before these sizes matter; the checks on actual output still apply.
  if (!partial && entry.size > limits.ratioFloorBytes && entry.compressedSize > 0 && entry.size / entry.compressedSize > limits.maxCompressionRatio) {
    throw bomb(entry);
  }
  if (!partial && budget.unpacked + entry.size > limits.maxUnzippedBytes) throw tooBig(limits);

  const header = await source.read(entry.localHeaderOffset, entry.localHeaderOffset + 30);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < 30 || u32(view, 0) !== LOCAL) throw damaged();
  const dataStart = entry.localHeaderOffset + 30 + u16(view, 26) + u16(view, 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > source.size) throw damaged();

  let produced = 0;
  let consumed = 0;
  let crc = CRC_START;
  const accept = (chunk: Uint8Array) => {
    produced += chunk.length;
    crc = crc32Update(crc, chunk);
    budget.unpacked += chunk.length;
    // An entry may understate its size; the actual output is what counts.
    if (produced > entry.size + 1024 * 1024 && produced > limits.ratioFloorBytes) throw bomb(entry);
    if (produced > limits.ratioFloorBytes && produced / Math.max(consumed, 1) > limits.maxCompressionRatio) throw bomb(entry);
    if (budget.unpacked > limits.maxUnzippedBytes) throw tooBig(limits);
    if (chunk.length > 0) onData(chunk);
  };

  let inflater: Inflate | undefined;
  let inflated: Uint8Array[] = [];
  if (entry.method === 8) {
    inflater = new Inflate();
    inflater.ondata = (chunk) => {
      inflated.push(chunk);
    };
  }
  for await (const chunk of source.stream(dataStart, dataEnd)) {
    for (let offset = 0; offset < chunk.length; offset += INFLATE_STEP) {
      const piece = chunk.subarray(offset, offset + INFLATE_STEP);
      consumed += piece.length;
      if (!inflater) {
        accept(piece);
      } else {
        try {
          inflater.push(piece, consumed === entry.compressedSize);
        } catch {
          // fflate's own reason is for developers; the patient is told the zip is damaged.
          throw damaged();
        }
        const out = inflated;
        inflated = [];
        for (const part of out) accept(part);
      }
      onPacked(piece.length);
    }
  }
  if (consumed < entry.compressedSize) throw damaged();
  if (inflater && entry.compressedSize === 0) {
    inflater.push(new Uint8Array(0), true);
    for (const part of inflated) accept(part);
  }
  if (produced !== entry.size) throw damaged();
  if (crc32Finish(crc) !== entry.crc32) throw damaged();
}

/**
 * CRC-32 (the IEEE polynomial zip uses), table-driven. Hand-written because fflate, which does the
 * inflating, keeps its own CRC internal (0.8 exports no crc function) and its streaming Unzip does
 * not verify it; a dependency for these ten lines would be a worse trade.
 */
const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();
const CRC_START = -1;

export function crc32Update(crc: number, bytes: Uint8Array): number {
  let c = crc;
  for (let index = 0; index < bytes.length; index++) c = CRC_TABLE[(c ^ bytes[index]!) & 0xff]! ^ (c >>> 8);
  return c;
}

export function crc32Finish(crc: number): number {
  return (crc ^ -1) >>> 0;
}

function bomb(entry: ZipEntry): ReviewError {
  return new ReviewError('zip-bomb', { code: 'zip-entry-bomb', entry: entry.name.slice(0, 80) });
}

function tooBig(limits: ReviewLimits): ReviewError {
  return new ReviewError('zip-bomb', { code: 'zip-too-large', limit: limits.maxUnzippedBytes });
}
