import type { SaxesTagPlain } from 'saxes';
import type { Collector } from './collector';
import { DOCUMENT_CODES } from './codes';
import { hl7Date } from './dates';
import { identifierTypeForOid } from './identifiers';
import type { DocumentKind, IdentityField } from './model';
import type { ElementHandler } from './xml-sink';

/**
 * The IHE XDM metadata reader, kept apart from the XML plumbing (`xml-sink.ts`) and from the
 * C-CDA reader: a package's index is read for the documents it describes, which the zip reader
 * (`review.ts`) matches to its entries; that is how a PDF letter gets its type and date.
 */

export interface XdmDocument {
  uri?: string;
  mimeType?: string;
  kind: DocumentKind;
  title?: string;
  date?: string;
}

const PID_FIELDS: Record<string, IdentityField> = { 'PID-5': 'names', 'PID-7': 'birth-dates', 'PID-8': 'genders', 'PID-11': 'addresses', 'PID-13': 'phones', 'PID-14': 'phones' };

/** ebXML registry classification schemes of IHE XDS/XDM (ITI TF-3, 4.2.5). */
const XDS_TYPE_CODE = 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983';
const XDS_PATIENT_ID = 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427';

/**
 * IHE XDM `METADATA.XML`: an ebRS SubmitObjectsRequest with one ExtrinsicObject per document,
 * carrying its file name (the `URI` slot), MIME type, type code, creation time and the patient.
 */
export class XdmMetadataHandler implements ElementHandler {
  private current?: XdmDocument;
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
      this.onDocument?.(this.current);
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
    if (type && id) this.collector.identifier(type, id, 'xdm-metadata');
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
