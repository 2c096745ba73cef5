import type { SaxesTagPlain } from 'saxes';
import type { Collector } from './collector';
import { DOCUMENT_CODES, DOCUMENT_TEMPLATES, LOINC_SYSTEM_OID, SECTION_CODES, US_REALM_HEADER } from './codes';
import { hl7Date } from './dates';
import { identifierTypeForOid } from './identifiers';
import type { Category, DocumentKind } from './model';
import type { ElementHandler } from './xml-sink';

/**
 * The C-CDA reader, kept apart from the XML plumbing (`xml-sink.ts`) as `fhir.ts` is from
 * `json-stream.ts`, so that what a CDA element means can change without touching the defences.
 * It has no text handler on purpose: everything it needs is in attributes, so the narrative and
 * any embedded file are never collected.
 */

export const CDA_NAMESPACE = 'urn:hl7-org:v3';

/**
 * C-CDA: the header (recordTarget: who the patient is and their identifiers), the document type,
 * and the sections of the body with their entries. Only attributes are read.
 */
export class CdaHandler implements ElementHandler {
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
    /** What the container says this document is, over its own code (Apple's export_cda.xml). */
    private readonly kindOverride?: DocumentKind,
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
    const kind: DocumentKind = this.kindOverride ?? byCode ?? byTemplate ?? 'clinical-document';
    if (!this.kindOverride && !byCode && !byTemplate && !this.templates.includes(US_REALM_HEADER)) {
      this.collector.warn('This CDA document does not say which kind of document it is (no known LOINC code or C-CDA template).');
    }
    this.collector.document({
      kind,
      ...(this.code?.display && !this.kindOverride ? { title: this.code.display.slice(0, 200) } : {}),
      ...(this.date ? { date: this.date } : {}),
      path: this.path,
      mimeType: this.unstructured ? 'text/xml (with an embedded file)' : 'text/xml',
    });
  }
}
