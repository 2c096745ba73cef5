import type { Collector } from './collector';
import { ReviewError } from './errors';
import { finishFhir, newFhirContext, readResource, readTopLevelResource } from './fhir';
import { JsonStream } from './json-stream';
import type { ReviewLimits } from './limits';
import type { DocumentKind, FormatId } from './model';
import { SNIFF_BYTES, sniff, type Sniffed } from './sniff';
import type { Sink } from './sink';
import type { XdmDocument } from './xdm';
import { createXmlSink, type XmlRoot } from './xml-sink';

/**
 * One stream of bytes whose format is not known yet: a whole file, or one entry of a zip. It
 * buffers the first kilobyte, decides what the content is (`sniff`), then hands everything to the
 * reader for that format.
 */

export interface ContentContext {
  collector: Collector;
  limits: ReviewLimits;
  /** For document paths and messages: `record.xml`, or `export.zip › IHE_XDM/SUBSET01/DOC0001.XML`. */
  path: string;
  /** Inside a zip: a nested zip is listed, not opened; a bare value is skipped, not fatal. */
  inZip: boolean;
  onXdmDocument?: (document: XdmDocument) => void;
  /** What the container says a CDA document is (Apple's export_cda.xml), over its own code. */
  documentKind?: DocumentKind;
}

export interface ContentSink extends Sink {
  /** What the content turned out to be (after `end`, or earlier once known). */
  readonly sniffed: Sniffed | undefined;
  readonly format: FormatId;
  readonly xmlRoot: XmlRoot | undefined;
}

export function createContentSink(context: ContentContext): ContentSink {
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let inner: Sink | undefined;
  let sniffed: Sniffed | undefined;
  let format: FormatId = 'unknown';
  let xmlRoot: XmlRoot | undefined;
  let json: JsonStream | undefined;

  const decide = () => {
    const joined = concat(head, headBytes);
    sniffed = sniff(joined.subarray(0, SNIFF_BYTES));
    inner = readerFor(sniffed);
    head = [];
    // The byte-order mark is not content: JSON and XML readers start after it.
    const skip = sniffed.kind === 'json' || sniffed.kind === 'xml' ? sniffed.bom : 0;
    if (joined.length > skip) inner.write(joined.subarray(skip));
  };

  const readerFor = (what: Sniffed): Sink => {
    switch (what.kind) {
      case 'empty':
        throw new ReviewError('empty', { code: 'empty' });
      case 'json': {
        const fhir = newFhirContext(context.collector, context.path);
        let first: unknown;
        json = new JsonStream(
          {
            onEntry: (entry) => {
              if (typeof entry === 'object' && entry !== null) readResource((entry as { resource?: unknown }).resource, fhir, 1);
            },
            onTopLevel: (value, index) => {
              // A file holding one resource is judged as a whole (an OperationOutcome is refused);
              // NDJSON lines are read one by one. Which it is shows only at the second value.
              if (index === 0) {
                first = value;
                return;
              }
              if (index === 1) readTopLevelResource(first, fhir, { single: false });
              readTopLevelResource(value, fhir, { single: false });
            },
            onSkipped: (bytes, where) => {
              context.collector.warn({ code: where === 'entry' ? 'skipped-entry' : 'skipped-field', size: bytes });
            },
          },
          { maxDepth: context.limits.maxDepth, maxPieceBytes: context.limits.maxResourceBytes },
        );
        format = 'fhir-json';
        const stream = json;
        const sink: Sink = {
          write: (chunk) => stream.write(chunk),
          end: () => {
            stream.end();
            if (stream.topLevelValues === 0) throw new ReviewError('not-a-record', { code: 'json-no-resource' });
            if (stream.topLevelValues === 1) readTopLevelResource(first, fhir, { single: !context.inZip });
            else format = 'fhir-ndjson';
            finishFhir(fhir);
          },
        };
        return what.encoding === 'utf-8' ? sink : transcodeToUtf8(what.encoding, sink);
      }
      case 'xml':
        return createXmlSink({
          collector: context.collector,
          path: context.path,
          encoding: what.encoding,
          maxDepth: context.limits.maxDepth,
          onRoot: (root) => {
            xmlRoot = root;
            if (root === 'cda') format = 'cda';
            else if (root === 'apple-export-xml') format = 'apple-health-xml';
          },
          ...(context.onXdmDocument ? { onXdmDocument: context.onXdmDocument } : {}),
          ...(context.documentKind ? { documentKind: context.documentKind } : {}),
        });
      case 'pdf':
        format = 'pdf';
        return discard();
      case 'image':
        format = 'image';
        return discard();
      case 'zip':
        format = 'zip';
        if (context.inZip) return discard();
        throw new Error('a zip must be opened with reviewZip');
      case 'html':
        throw new ReviewError('not-a-record', { code: 'html-page' });
      case 'text':
        throw new ReviewError('not-a-record', { code: 'plain-text' });
      case 'binary':
        throw new ReviewError('not-a-record', { code: 'not-a-record-format' });
    }
  };

  return {
    get sniffed() {
      return sniffed;
    },
    get format() {
      return format;
    },
    get xmlRoot() {
      return xmlRoot;
    },
    write(chunk) {
      if (inner) {
        inner.write(chunk);
        return;
      }
      head.push(chunk.slice());
      headBytes += chunk.length;
      if (headBytes >= SNIFF_BYTES) decide();
    },
    end() {
      if (!inner) decide();
      inner!.end();
    },
  };
}

function concat(pieces: Uint8Array[], bytes: number): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  const joined = new Uint8Array(bytes);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}

function discard(): Sink {
  return { write() {}, end() {} };
}

/** UTF-16 JSON is rare but legal with a byte-order mark; the splitter reads UTF-8. */
function transcodeToUtf8(encoding: 'utf-16le' | 'utf-16be', sink: Sink): Sink {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const encoder = new TextEncoder();
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new ReviewError('encoding', { code: 'not-valid-text', encoding: encoding.toUpperCase().slice(0, 40) });
    }
  };
  return {
    write: (chunk) => sink.write(encoder.encode(decode(chunk))),
    end: () => {
      const rest = decode();
      if (rest) sink.write(encoder.encode(rest));
      sink.end();
    },
  };
}
