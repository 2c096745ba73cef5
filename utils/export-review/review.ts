import { createAppleMeReader, StopReading } from './apple-me';
import { Collector } from './collector';
import { createContentSink, type ContentSink } from './content-sink';
import { ReviewError, isReviewError } from './errors';
import { DEFAULT_LIMITS, type ReviewLimits } from './limits';
import type { FileReview, FormatId, FoundDocument, Outcome } from './model';
import type { ReviewMessage } from './review-message';
import { sniff } from './sniff';
import type { XdmDocument } from './xdm';
import { blobAccess, readZipDirectory, streamChunks, unzipEntry, type RandomAccess, type UnzipBudget, type ZipEntry } from './zip';

/**
 * Review one file, entirely in memory on this device: detect its format from its content, stream
 * it through the reader for that format, and return what it holds. Never throws: every failure
 * becomes a `FileReview` with a `message` code, which the page puts into words (`review-text.ts`).
 */

export interface ReviewInput {
  name: string;
  size: number;
  lastModified?: number;
  stream(): ReadableStream<Uint8Array>;
  /** Random access, needed for zips only. A File or Blob has it. */
  slice?(start: number, end: number): Blob;
}

export interface ReviewProgress {
  bytesDone: number;
  bytesTotal: number;
  /** The zip entry being read, if any. */
  current?: string;
}

export interface ReviewOptions {
  limits?: Partial<ReviewLimits>;
  signal?: AbortSignal;
  onProgress?: (progress: ReviewProgress) => void;
  /** Progress is reported at most this often (and always at the end). */
  progressEveryMs?: number;
  now?: () => number;
}

/** Chunks are cut to this size so that progress and cancellation are checked between them. */
const SLICE = 256 * 1024;

export async function reviewFile(input: ReviewInput, options: ReviewOptions = {}): Promise<FileReview> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const collector = new Collector(limits.maxListedDocuments);
  const now = options.now ?? (() => Date.now());
  const every = options.progressEveryMs ?? 100;
  let lastReport = -Infinity;
  let bytesDone = 0;
  let current: string | undefined;
  const report = (force = false) => {
    const time = now();
    if (!force && time - lastReport < every) return;
    lastReport = time;
    options.onProgress?.({ bytesDone, bytesTotal: input.size, ...(current ? { current } : {}) });
  };
  const checkpoint = () => {
    if (options.signal?.aborted) throw new ReviewError('cancelled', { code: 'cancelled' });
    report();
  };

  const base = { name: input.name, size: input.size, ...(input.lastModified !== undefined ? { lastModified: input.lastModified } : {}) };
  let format: FormatId = 'unknown';
  let zipEntries: FileReview['zipEntries'];
  try {
    if (input.size > limits.maxFileBytes) {
      throw new ReviewError('too-large', { code: 'too-large', size: input.size, limit: limits.maxFileBytes });
    }
    report(true);
    const reader = input.stream().getReader();
    let first = await reader.read();
    while (!first.done && first.value.length === 0) first = await reader.read();
    if (!first.done && sniff(first.value.subarray(0, 8)).kind === 'zip') {
      await reader.cancel();
      const slice = input.slice?.bind(input);
      if (!slice) throw new ReviewError('zip-unsupported', { code: 'zip-cannot-open' });
      const zip = await reviewZip(blobAccess({ size: input.size, slice }), input.name, limits, collector, {
        checkpoint,
        progress: (bytes, entry) => {
          bytesDone += bytes;
          current = entry;
        },
      });
      format = zip.format;
      zipEntries = zip.entries;
    } else {
      const sink = createContentSink({ collector, limits, path: input.name, inZip: false });
      const feed = (chunk: Uint8Array) => {
        for (let offset = 0; offset < chunk.length; offset += SLICE) {
          checkpoint();
          const piece = chunk.subarray(offset, offset + SLICE);
          sink.write(piece);
          bytesDone += piece.length;
        }
      };
      if (!first.done) feed(first.value);
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        feed(next.value);
        if (bytesDone > limits.maxFileBytes) throw new ReviewError('too-large', { code: 'too-large-streamed', limit: limits.maxFileBytes });
      }
      checkpoint();
      try {
        sink.end();
      } finally {
        format = sink.format;
      }
      if (format === 'pdf' || format === 'image') listFile(collector, sink, input.name, input.size, input.lastModified);
    }
    report(true);
    const findings = collector.finish();
    const outcome: Outcome = format === 'pdf' || format === 'image' ? 'listed' : 'reviewed';
    return { ...base, format, outcome, warnings: collector.warnings, findings, ...(zipEntries ? { zipEntries } : {}) };
  } catch (error) {
    report(true);
    const outcome: Outcome = !isReviewError(error) ? 'failed' : error.code === 'cancelled' ? 'cancelled' : error.code === 'not-a-record' || error.code === 'empty' || error.code === 'wrong-resource' ? 'unrecognised' : 'refused';
    // An unexpected error's own text is a developer's, in English: the patient is told the file could not be read.
    const message: ReviewMessage = isReviewError(error) ? error.review : { code: 'read-failed' };
    return {
      ...base,
      format,
      outcome,
      message,
      ...(isReviewError(error) ? { errorCode: error.code } : {}),
      warnings: collector.warnings,
      // Nothing half-read is reported as found.
      findings: new Collector().finish(),
    };
  }
}

function listFile(collector: Collector, sink: ContentSink, path: string, size: number, lastModified?: number | string): void {
  const fileDate = typeof lastModified === 'number' ? new Date(lastModified).toISOString().slice(0, 10) : lastModified;
  const mimeType = sink.sniffed?.kind === 'image' ? sink.sniffed.mimeType : 'application/pdf';
  collector.document({ kind: sink.format === 'image' ? 'image' : 'pdf', path, size, mimeType, ...(fileDate ? { fileDate } : {}) });
}

interface ZipHooks {
  checkpoint(): void;
  progress(packedBytes: number, entry: string): void;
}

/** Package furniture that says nothing about the patient. */
const XDM_FURNITURE = /^(?:INDEX\.HTM|README\.TXT)$/i;

async function reviewZip(source: RandomAccess, zipName: string, limits: ReviewLimits, collector: Collector, hooks: ZipHooks): Promise<{ format: FormatId; entries: { read: number; total: number } }> {
  const entries = (await readZipDirectory(source, limits)).filter((entry) => !entry.isDirectory);
  const isXdm = entries.some((entry) => /^IHE_XDM\/[^/]+\/METADATA\.XML$/i.test(entry.name));
  const isApple = entries.some((entry) => /^apple_health_export\//.test(entry.name));
  const format: FormatId = isXdm ? 'xdm' : isApple ? 'apple-health' : 'zip';

  const budget: UnzipBudget = { unpacked: 0 };
  const metadata: { folder: string; document: XdmDocument }[] = [];
  const parsedAsRecord = new Set<string>();
  const listed: { entry: ZipEntry; sink: ContentSink }[] = [];
  let read = 0;
  let notReviewed = 0;
  const appleSkipped = { routes: 0, ecgs: 0, measurements: false };

  // Which entries are unpacked whole, decided before any is: their declared sizes are added up
  // against the budget first, so a zip that declares 280 entries of 15 MiB is refused at once
  // instead of after minutes of inflating (the output is still counted while inflating, since
  // an entry may understate its size).
  const plan = entries.map((entry) => ({ entry, role: zipRole(entry, isXdm, isApple) }));
  const declared = plan.filter(({ role }) => role === 'read').reduce((sum, { entry }) => sum + entry.size, 0);
  if (declared > limits.maxUnzippedBytes) {
    throw new ReviewError('zip-bomb', { code: 'zip-declares-too-much', size: declared, limit: limits.maxUnzippedBytes });
  }

  for (const { entry, role } of plan) {
    hooks.checkpoint();
    if (role === 'skip') continue;
    if (role === 'apple-measurements') {
      appleSkipped.measurements = true;
      const me = createAppleMeReader(collector);
      try {
        await unzipEntry(source, entry, limits, budget, (chunk) => me.write(chunk), undefined, { partial: true });
      } catch (error) {
        if (!(error instanceof StopReading)) throw error;
      }
      continue;
    }
    if (role === 'apple-route') {
      appleSkipped.routes++;
      continue;
    }
    if (role === 'apple-ecg') {
      appleSkipped.ecgs++;
      continue;
    }

    const path = `${zipName} › ${entry.name}`;
    const folder = entry.name.slice(0, entry.name.lastIndexOf('/') + 1);
    const sink = createContentSink({
      collector,
      limits: { ...limits, maxMetadataBytes: limits.maxMetadataBytes },
      path,
      inZip: true,
      onXdmDocument: (document) => metadata.push({ folder, document }),
      // Apple's export_cda.xml is a CDA dump of the phone's measurements, not a summary of care.
      ...(isApple && /^apple_health_export\/export_cda\.xml$/.test(entry.name) ? { documentKind: 'device-measurements' as const } : {}),
    });
    try {
      await unzipEntry(
        source,
        entry,
        limits,
        budget,
        (chunk) => {
          for (let offset = 0; offset < chunk.length; offset += SLICE) {
            hooks.checkpoint();
            sink.write(chunk.subarray(offset, offset + SLICE));
          }
        },
        (bytes) => hooks.progress(bytes, entry.name),
      );
      sink.end();
      read++;
      if (sink.format === 'pdf' || sink.format === 'image' || sink.format === 'zip') listed.push({ entry, sink });
      else parsedAsRecord.add(entry.name);
    } catch (error) {
      // One bad document does not spoil the rest; a bomb, a trick or a cancel stops everything.
      if (!isReviewError(error) || ['zip-bomb', 'zip-unsafe-name', 'zip-encrypted', 'cancelled', 'too-deep', 'xml-doctype'].includes(error.code)) throw error;
      if (error.code === 'not-a-record' || error.code === 'empty') notReviewed++;
      else if (error.review.code !== 'in-entry') collector.warn({ code: 'in-entry', entry: entry.name.slice(0, 100), reason: error.review });
    }
  }

  // XDM: the metadata names each document's type and date; use it for files that are not
  // records themselves (a PDF letter), and skip entries already read as CDA documents.
  const described = new Map<string, XdmDocument>();
  for (const { folder, document } of metadata) if (document.uri) described.set(`${folder}${document.uri}`.toLowerCase(), document);
  for (const { entry, sink } of listed) {
    const document = described.get(entry.name.toLowerCase());
    const path = `${zipName} › ${entry.name}`;
    if (sink.format === 'zip') {
      collector.warn({ code: 'zip-in-zip', entry: entry.name.slice(0, 100) });
      continue;
    }
    const found: FoundDocument = {
      kind: document?.kind && document.kind !== 'clinical-document' ? document.kind : sink.format === 'image' ? 'image' : 'pdf',
      path,
      size: entry.size,
      mimeType: document?.mimeType ?? (sink.sniffed?.kind === 'image' ? sink.sniffed.mimeType : 'application/pdf'),
      ...(document?.title ? { title: document.title } : {}),
      ...(document?.date ? { date: document.date } : {}),
      ...(entry.modified ? { fileDate: entry.modified } : {}),
    };
    collector.document(found);
  }
  for (const { folder, document } of metadata) {
    const name = `${folder}${document.uri ?? ''}`;
    if (!document.uri || !entries.some((entry) => entry.name.toLowerCase() === name.toLowerCase())) {
      collector.warn(document.uri ? { code: 'xdm-missing', uri: document.uri.slice(0, 80) } : { code: 'xdm-missing-unnamed' });
    }
  }

  if (appleSkipped.measurements) collector.warn({ code: 'apple-measurements-skipped' });
  if (appleSkipped.routes > 0) collector.warn({ code: 'apple-routes', count: appleSkipped.routes });
  if (appleSkipped.ecgs > 0) collector.warn({ code: 'apple-ecgs', count: appleSkipped.ecgs });
  if (notReviewed > 0) collector.warn({ code: 'not-reviewed', count: notReviewed });

  return { format, entries: { read, total: entries.length } };
}

type ZipRole = 'read' | 'skip' | 'apple-measurements' | 'apple-route' | 'apple-ecg';

/** What the review does with one entry: unpack it whole, read the head of it, or only count it. */
function zipRole(entry: ZipEntry, isXdm: boolean, isApple: boolean): ZipRole {
  const base = entry.name.split('/').pop() ?? entry.name;
  if (isXdm && !entry.name.includes('/') && XDM_FURNITURE.test(base)) return 'skip';
  if (isApple) {
    if (/^apple_health_export\/export\.xml$/.test(entry.name)) return 'apple-measurements';
    if (/\/workout-routes\//.test(entry.name)) return 'apple-route';
    if (/\/electrocardiograms\//.test(entry.name)) return 'apple-ecg';
  }
  if (entry.name.startsWith('__MACOSX/') || base === '.DS_Store') return 'skip';
  return 'read';
}

export { streamChunks };
