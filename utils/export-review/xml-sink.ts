import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { CDA_NAMESPACE, CdaHandler } from './cda';
import type { Collector } from './collector';
import type { DocumentKind } from './model';
import { ReviewError } from './errors';
import type { Sink } from './sink';
import { XdmMetadataHandler, type XdmDocument } from './xdm';
import { AppleExportXmlHandler } from './apple-export-xml';
import { judgeDoctype } from './dtd';
import { fhirVersionOf } from './fhir-versions';

/**
 * The XML plumbing shared by the C-CDA and IHE XDM readers (`cda.ts`, `xdm.ts`), kept apart from
 * them so the defences live in one place whatever the document turns out to be. Streaming, with
 * saxes: no DOM is built, so a 100 MB CCD costs a few MB of memory. What the root element is
 * decides which reader gets the document, never the file name.
 *
 * saxes never fetches anything and never expands entities declared in a DTD; on top of that, a
 * `<!DOCTYPE>` that declares entities, parameter entities or an external DTD is refused outright
 * (`dtd.ts`), because that is how "billion laughs" and external-entity attacks start. An internal
 * subset of element and attribute declarations only, as every Apple Health export.xml has, is
 * harmless and accepted. A text handler is registered only for a
 * reader that has one, so for CDA saxes does not even collect the narrative (or a 50 MB base64
 * PDF inside `nonXMLBody`).
 */

export type XmlRoot = 'cda' | 'xdm-metadata' | 'apple-export-xml';

export interface XmlSinkOptions {
  collector: Collector;
  path: string;
  encoding: string;
  maxDepth: number;
  /** What the root turned out to be, as soon as it is known. */
  onRoot?: (root: XmlRoot) => void;
  /** Documents that IHE XDM metadata describes, for the zip reader to match to its entries. */
  onXdmDocument?: (document: XdmDocument) => void;
  /** What the container says a CDA document is, over its own code. */
  documentKind?: DocumentKind;
}

/** A reader for one kind of root element; `text` only if it needs character data. */
export interface ElementHandler {
  open(tag: SaxesTagPlain, stack: readonly string[]): void;
  close(name: string, stack: readonly string[]): void;
  text?(text: string): void;
  /**
   * Whether `text` is wanted now, asked after every open and close. saxes slices and joins every
   * text node while a text listener is attached (a third of a C-CDA's reading time in the bench),
   * so a handler that needs a few characters (the CDA patient's name) listens only around them.
   */
  wantsText?(): boolean;
  end(): void;
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

export function createXmlSink(options: XmlSinkOptions): Sink {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(options.encoding, { fatal: true });
  } catch {
    throw new ReviewError('encoding', { code: 'xml-encoding-unknown', encoding: options.encoding.slice(0, 40) });
  }
  const parser = new SaxesParser<{ xmlns?: false; position: boolean }>({ position: false });
  const stack: string[] = [];
  let handler: ElementHandler | undefined;
  let bytes = 0;
  let listening = false;
  /** Attach the text listener while the handler wants text, and only then. */
  const listenForText = () => {
    const want = !!handler?.text && (handler.wantsText?.() ?? true);
    if (want === listening) return;
    listening = want;
    if (want) parser.on('text', (text) => handler!.text!(text));
    else parser.off('text');
  };

  parser.on('doctype', (doctype) => {
    if (!judgeDoctype(doctype).ok) throw doctypeRefused();
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    stack.push(name);
    if (stack.length > options.maxDepth) {
      throw new ReviewError('too-deep', { code: 'too-deep', depth: options.maxDepth });
    }
    if (!handler) handler = rootHandler(tag, name, options);
    handler.open(tag, stack);
    listenForText();
  });
  parser.on('closetag', (tag) => {
    handler?.close(localName(tag.name), stack);
    stack.pop();
    listenForText();
  });

  const write = (text: string) => {
    try {
      parser.write(text);
    } catch (error) {
      if (error instanceof ReviewError) throw error;
      throw new ReviewError('corrupt', { code: 'xml-damaged' });
    }
  };

  return {
    write(chunk) {
      bytes += chunk.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw encodingError(options.encoding);
      }
      write(text);
    },
    end() {
      let rest: string;
      try {
        rest = decoder.decode();
      } catch {
        throw encodingError(options.encoding);
      }
      if (rest) write(rest);
      if (!handler || stack.length > 0) {
        throw new ReviewError('truncated', { code: 'xml-truncated', size: bytes });
      }
      try {
        parser.close();
      } catch {
        // saxes's own reason is for developers; the patient is told the file is damaged.
        throw new ReviewError('corrupt', { code: 'xml-damaged' });
      }
      handler.end();
    },
  };
}

/** A DOCTYPE that declares entities or points outside the file. */
export function doctypeRefused(): ReviewError {
  return new ReviewError('xml-doctype', { code: 'xml-doctype' });
}

function encodingError(encoding: string): ReviewError {
  return new ReviewError('encoding', encoding === 'utf-8' ? { code: 'not-utf8' } : { code: 'not-valid-text', encoding: encoding.slice(0, 40) });
}

/** Whether the root element is in the namespace `uri`, by its own `xmlns` or its prefix's. */
function inNamespace(tag: SaxesTagPlain, uri: string): boolean {
  const colon = tag.name.indexOf(':');
  const attribute = colon < 0 ? 'xmlns' : `xmlns:${tag.name.slice(0, colon)}`;
  return tag.attributes[attribute] === uri;
}

function rootHandler(tag: SaxesTagPlain, name: string, options: XmlSinkOptions): ElementHandler {
  if (name === 'ClinicalDocument') {
    if (!inNamespace(tag, CDA_NAMESPACE)) {
      throw new ReviewError('not-a-record', { code: 'cda-wrong-namespace' });
    }
    options.onRoot?.('cda');
    return new CdaHandler(options.collector, options.path, options.documentKind);
  }
  if (name === 'SubmitObjectsRequest' || name === 'ProvideAndRegisterDocumentSetRequest') {
    options.onRoot?.('xdm-metadata');
    return new XdmMetadataHandler(options.collector, options.onXdmDocument);
  }
  if (tag.attributes.xmlns === 'http://hl7.org/fhir') {
    throw new ReviewError('not-a-record', { code: 'fhir-in-xml', resourceType: name.slice(0, 60) });
  }
  if (name === 'HealthData') {
    options.onRoot?.('apple-export-xml');
    return new AppleExportXmlHandler(options.collector, (version) => {
      const known = fhirVersionOf(version);
      if (known) options.collector.fhirVersion(known);
    });
  }
  throw new ReviewError('not-a-record', { code: 'xml-unknown-root', element: name.slice(0, 60) });
}
