import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Collector } from './collector';
import { DOCUMENT_CODES, DOCUMENT_TEMPLATES, LOINC_SYSTEM_OID, SECTION_CODES, US_REALM_HEADER } from './codes';
import { hl7Date } from './dates';
import { ReviewError, formatBytes } from './errors';
import { identifierTypeForOid } from './identifiers';
import type { Category, DocumentKind, IdentityField } from './model';
import type { Sink } from './sink';

/**
 * Streaming XML, with saxes: no DOM is built, so a 100 MB CCD costs a few MB of memory. What the
 * root element is decides how the document is read (C-CDA, IHE XDM metadata), never the file name.
 *
 * saxes never fetches anything and never expands entities declared in a DTD; on top of that, any
 * `<!DOCTYPE>` is refused outright, because no C-CDA or XDM file has one and DTDs are how
 * "billion laughs" and external-entity attacks start. No text handler is registered for CDA, so
 * saxes does not even collect the narrative (or a 50 MB base64 PDF inside `nonXMLBody`).
 */

const CDA_NAMESPACE = 'urn:hl7-org:v3';

export type XmlRoot = 'cda' | 'xdm-metadata';

export interface XmlSinkOptions {
  collector: Collector;
  path: string;
  encoding: string;
  maxDepth: number;
  /** What the root turned out to be, as soon as it is known. */
  onRoot?: (root: XmlRoot) => void;
  /** Documents that IHE XDM metadata describes, for the zip reader to match to its entries. */
  onXdmDocument?: (document: XdmDocument) => void;
}

export interface XdmDocument {
  uri?: string;
  mimeType?: string;
  kind: DocumentKind;
  title?: string;
  date?: string;
}

interface ElementHandler {
  open(tag: SaxesTagPlain, stack: readonly string[]): void;
  close(name: string, stack: readonly string[]): void;
  text?(text: string): void;
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
    throw new ReviewError('encoding', `This XML file says it is written in the "${options.encoding.slice(0, 40)}" encoding, which Portal Guard cannot read.`);
  }
  const parser = new SaxesParser<{ xmlns?: false; position: boolean }>({ position: false });
  const stack: string[] = [];
  let handler: ElementHandler | undefined;
  let bytes = 0;

  parser.on('doctype', () => {
    throw new ReviewError('xml-doctype', 'This XML file declares a DTD (<!DOCTYPE …>). Health records never do, and DTDs are used to attack the programs that read them, so Portal Guard did not read it.');
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    stack.push(name);
    if (stack.length > options.maxDepth) {
      throw new ReviewError('too-deep', `This XML file is nested more than ${options.maxDepth} levels deep. No health record needs that; files like this are made to crash readers, so it was not read.`);
    }
    if (!handler) {
      handler = rootHandler(tag, name, options);
      if (handler.text) parser.on('text', (text) => handler!.text!(text));
    }
    handler.open(tag, stack);
  });
  parser.on('closetag', (tag) => {
    handler?.close(localName(tag.name), stack);
    stack.pop();
  });

  const write = (text: string) => {
    try {
      parser.write(text);
    } catch (error) {
      if (error instanceof ReviewError) throw error;
      throw new ReviewError('corrupt', `This XML file is damaged (${String((error as Error).message).slice(0, 160)}). Try downloading it again.`);
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
        throw new ReviewError('truncated', `The XML ends before its last element is closed (after ${formatBytes(bytes)}). It was probably cut short while downloading: download it again.`);
      }
      try {
        parser.close();
      } catch (error) {
        throw new ReviewError('corrupt', `This XML file is damaged (${String((error as Error).message).slice(0, 160)}).`);
      }
      handler.end();
    },
  };
}

function encodingError(encoding: string): ReviewError {
  return new ReviewError(
    'encoding',
    encoding === 'utf-8'
      ? 'This file says it is UTF-8 text but contains bytes that are not. It may have been saved in another encoding (such as Windows-1252) or be damaged, so it was not read.'
      : `This file is not valid ${encoding} text; it may be damaged, so it was not read.`,
  );
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
      throw new ReviewError('not-a-record', 'This XML file has a ClinicalDocument element outside the HL7 CDA namespace (urn:hl7-org:v3), so it is not a CDA document Portal Guard can read.');
    }
    options.onRoot?.('cda');
    return new CdaHandler(options.collector, options.path);
  }
  if (name === 'SubmitObjectsRequest' || name === 'ProvideAndRegisterDocumentSetRequest') {
    options.onRoot?.('xdm-metadata');
    return new XdmMetadataHandler(options.collector, options.onXdmDocument);
  }
  if (tag.attributes.xmlns === 'http://hl7.org/fhir') {
    throw new ReviewError('not-a-record', `This is a FHIR ${name.slice(0, 60)} written in XML. Portal Guard reads FHIR in JSON only; if the portal offers a JSON download, use that.`);
  }
  if (name === 'HealthData') {
    throw new ReviewError('not-a-record', 'This is Apple Health’s export.xml (step counts, heart rate and other measurements). Portal Guard reviews the whole export zip, where the clinical records are; choose the zip instead.');
  }
  throw new ReviewError('not-a-record', `This XML file (its main element is <${name.slice(0, 60)}>) is not a C-CDA document or an IHE XDM package, so it is not a health record format Portal Guard recognises.`);
}

/**
 * C-CDA: the header (recordTarget: who the patient is and their identifiers), the document type,
 * and the sections of the body with their entries. Only attributes are read.
 */
class CdaHandler implements ElementHandler {
  private code?: { code: string; system?: string; display?: string };
  private readonly templates: string[] = [];
  private date?: string;
  private unstructured = false;
  /** Categories of the open sections, innermost last. */
  private readonly sections: Category[] = [];
  /** The section whose `code` has not been seen yet, by its depth. */
  private sectionAwaitingCode = -1;
  /** An entry being read: its category and the first date inside it. */
  private entry?: { depth: number; category: Category; date?: string };
  /** While in a recordTarget: its first patientRole/id, which keys the patient. */
  private patientKey: string | null | undefined;

  constructor(
    private readonly collector: Collector,
    private readonly path: string,
  ) {}

  open(tag: SaxesTagPlain, stack: readonly string[]): void {
    const depth = stack.length;
    const name = stack[depth - 1]!;
    const parent = stack[depth - 2];
    const attributes = tag.attributes;

    if (depth === 2) {
      if (name === 'code' && attributes.code) this.code = { code: attributes.code, ...(attributes.codeSystem ? { system: attributes.codeSystem } : {}), ...(attributes.displayName ? { display: attributes.displayName } : {}) };
      else if (name === 'templateId' && attributes.root) this.templates.push(attributes.root);
      else if (name === 'effectiveTime') this.date = hl7Date(attributes.value);
      else if (name === 'recordTarget') this.patientKey = null;
      else if (name === 'participant' && attributes.typeCode === 'IND') this.collector.identity('contacts');
      return;
    }

    if (stack[1] === 'recordTarget') {
      this.readRecordTarget(name, parent, attributes, stack);
      return;
    }
    if (stack[1] === 'documentationOf' && (name === 'low' || name === 'high') && parent === 'effectiveTime') {
      const date = hl7Date(attributes.value);
      if (date) this.collector.date(date);
      return;
    }
    if (name === 'nonXMLBody') this.unstructured = true;

    if (name === 'section') {
      this.sections.push('other');
      this.sectionAwaitingCode = depth;
      return;
    }
    if (name === 'code' && depth === this.sectionAwaitingCode + 1) {
      const known = SECTION_CODES[attributes.code ?? ''];
      if (known && (!attributes.codeSystem || attributes.codeSystem === LOINC_SYSTEM_OID)) this.sections[this.sections.length - 1] = known.category;
      this.sectionAwaitingCode = -1;
      return;
    }
    if (name === 'entry' && parent === 'section' && !this.entry) {
      this.entry = { depth, category: this.sections[this.sections.length - 1] ?? 'other' };
      return;
    }
    if (this.entry && !this.entry.date && (name === 'effectiveTime' || name === 'low' || name === 'time')) {
      const date = hl7Date(attributes.value);
      if (date) this.entry.date = date;
    }
  }

  private readRecordTarget(name: string, parent: string | undefined, attributes: Record<string, string>, stack: readonly string[]): void {
    if (parent === 'patientRole') {
      if (name === 'id') {
        if (this.patientKey === null && (attributes.root || attributes.extension)) this.patientKey = `${attributes.root ?? ''}|${attributes.extension ?? ''}`;
        const type = attributes.root ? identifierTypeForOid(attributes.root) : undefined;
        if (type && attributes.extension) this.collector.identifier(type, attributes.extension, 'Document header (recordTarget/patientRole/id)');
        else if (attributes.extension) this.collector.recordNumber();
      } else if (name === 'addr') {
        this.collector.identity('addresses');
      } else if (name === 'telecom' && attributes.value) {
        if (/^(?:tel|fax):/i.test(attributes.value)) this.collector.identity('phones');
        else if (/^mailto:/i.test(attributes.value)) this.collector.identity('emails');
      }
      return;
    }
    if (parent === 'patient' && stack[stack.length - 3] === 'patientRole') {
      if (name === 'name') this.collector.identity('names');
      else if (name === 'birthTime' && hl7Date(attributes.value)) this.collector.identity('birth-dates');
      else if (name === 'administrativeGenderCode' && attributes.code) this.collector.identity('genders');
      else if (name === 'guardian') this.collector.identity('contacts');
    }
  }

  close(name: string, stack: readonly string[]): void {
    const depth = stack.length;
    if (name === 'recordTarget' && depth === 2) {
      this.collector.patient(this.patientKey ?? undefined);
      this.patientKey = undefined;
    } else if (name === 'section') {
      this.sections.pop();
      if (this.sectionAwaitingCode === depth) this.sectionAwaitingCode = -1;
    } else if (name === 'entry' && this.entry?.depth === depth) {
      this.collector.item(this.entry.category, this.entry.date);
      this.entry = undefined;
    }
  }

  end(): void {
    const byCode = this.code && (!this.code.system || this.code.system === LOINC_SYSTEM_OID) ? DOCUMENT_CODES[this.code.code] : undefined;
    const byTemplate = this.templates.map((root) => DOCUMENT_TEMPLATES[root]).find(Boolean);
    const kind: DocumentKind = byCode ?? byTemplate ?? 'clinical-document';
    if (!byCode && !byTemplate && !this.templates.includes(US_REALM_HEADER)) {
      this.collector.warn('This CDA document does not say which kind of document it is (no known LOINC code or C-CDA template).');
    }
    this.collector.document({
      kind,
      ...(this.code?.display ? { title: this.code.display.slice(0, 200) } : {}),
      ...(this.date ? { date: this.date } : {}),
      path: this.path,
      mimeType: this.unstructured ? 'text/xml (with an embedded file)' : 'text/xml',
    });
  }
}

const PID_FIELDS: Record<string, IdentityField> = { 'PID-5': 'names', 'PID-7': 'birth-dates', 'PID-8': 'genders', 'PID-11': 'addresses', 'PID-13': 'phones', 'PID-14': 'phones' };

/** ebXML registry classification schemes of IHE XDS/XDM (ITI TF-3, 4.2.5). */
const XDS_TYPE_CODE = 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983';
const XDS_PATIENT_ID = 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427';

/**
 * IHE XDM `METADATA.XML`: an ebRS SubmitObjectsRequest with one ExtrinsicObject per document,
 * carrying its file name (the `URI` slot), MIME type, type code, creation time and the patient.
 */
class XdmMetadataHandler implements ElementHandler {
  private current?: XdmDocument & { typeCode?: string };
  private slot?: string;
  private inValue = false;
  private valueText = '';
  private inTypeCode = false;
  /** Every document repeats the patient's details: count each field once per package. */
  private readonly counted = new Set<string>();

  constructor(
    private readonly collector: Collector,
    private readonly onDocument: ((document: XdmDocument) => void) | undefined,
  ) {}

  open(tag: SaxesTagPlain, stack: readonly string[]): void {
    const name = stack[stack.length - 1];
    const attributes = tag.attributes;
    if (name === 'ExtrinsicObject') {
      this.current = { kind: 'clinical-document', ...(attributes.mimeType ? { mimeType: attributes.mimeType } : {}) };
    } else if (!this.current) {
      return;
    } else if (name === 'Slot' && stack[stack.length - 2] === 'ExtrinsicObject') {
      this.slot = attributes.name;
    } else if (name === 'Value') {
      this.inValue = true;
      this.valueText = '';
    } else if (name === 'Classification' && attributes.classificationScheme === XDS_TYPE_CODE) {
      this.inTypeCode = true;
      const kind = attributes.nodeRepresentation ? DOCUMENT_CODES[attributes.nodeRepresentation] : undefined;
      if (kind) this.current.kind = kind;
    } else if (name === 'LocalizedString' && this.inTypeCode && attributes.value) {
      this.current.title ??= attributes.value.slice(0, 200);
    } else if (name === 'ExternalIdentifier' && attributes.identificationScheme === XDS_PATIENT_ID && attributes.value) {
      this.readPatientId(attributes.value);
    }
  }

  text(text: string): void {
    if (this.inValue && this.valueText.length < 4096) this.valueText += text;
  }

  close(name: string): void {
    if (!this.current) return;
    if (name === 'Value') {
      this.inValue = false;
      this.readSlotValue(this.valueText.trim());
    } else if (name === 'Slot') {
      this.slot = undefined;
    } else if (name === 'Classification') {
      this.inTypeCode = false;
    } else if (name === 'ExtrinsicObject') {
      const { typeCode: _typeCode, ...document } = this.current;
      this.onDocument?.(document);
      this.current = undefined;
    }
  }

  private readSlotValue(value: string): void {
    const current = this.current!;
    switch (this.slot) {
      case 'URI':
        current.uri ??= value;
        break;
      case 'creationTime':
      case 'serviceStartTime': {
        const date = hl7Date(value);
        if (date && (this.slot === 'creationTime' || !current.date)) current.date = date;
        break;
      }
      case 'sourcePatientId':
        this.readPatientId(value);
        break;
      case 'sourcePatientInfo':
        this.readPatientInfo(value);
        break;
    }
  }

  /** An HL7 v2 CX value: `ZZZ0016^^^&2.16.840.1.113883.2.18.2&ISO`. */
  private readPatientId(value: string): void {
    const [id, , , authority] = value.split('^');
    const oid = authority?.split('&')[1];
    const type = oid ? identifierTypeForOid(oid) : undefined;
    if (type && id) this.collector.identifier(type, id, 'Package index (XDM METADATA.XML)');
  }

  /** `PID-3|…`, `PID-5|Doe^Jane`, `PID-7|19800101`, `PID-11|…`: HL7 v2 fields about the patient. */
  private readPatientInfo(value: string): void {
    const [field, content = ''] = value.split('|', 2);
    if (!content) return;
    if (field === 'PID-3') {
      this.readPatientId(content);
      return;
    }
    const identity = PID_FIELDS[field ?? ''];
    if (identity && !this.counted.has(identity)) {
      this.counted.add(identity);
      this.collector.identity(identity);
    }
  }

  end(): void {}
}
