import type { SaxesTagPlain } from 'saxes';
import type { Collector } from './collector';
import { DOCUMENT_CODES, DOCUMENT_TEMPLATES, isMentalHealthCode, LOINC_SYSTEM_OID, SECTION_CODES, SECTION_TEMPLATES, US_REALM_HEADER } from './codes';
import { hl7Date } from './dates';
import { identifierFromCdaId, type IdentifierKind } from './identifiers';
import type { PatientDetails } from './patients';
import type { Category, DocumentKind } from './model';
import type { ElementHandler } from './xml-sink';

/**
 * The C-CDA reader, kept apart from the XML plumbing (`xml-sink.ts`) as `fhir.ts` is from
 * `json-stream.ts`, so that what a CDA element means can change without touching the defences.
 * Everything it needs is in attributes, except the patient's name: its text handler keeps the
 * characters of recordTarget/patientRole/patient/name/given and /family only, up to 200 of them,
 * so that two files about one person can be recognised as one (`patients.ts` hashes the name at
 * once). The narrative and any embedded file are never collected.
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
  /** An entry being read: its category, the first date inside it, and whether a code in it is about mental health. */
  private entry?: { depth: number; category: Category; date?: string; mentalHealth?: boolean };
  /** While in a recordTarget: what identifies the patient, compared across files by `patients.ts`. */
  private patient?: { identifiers: { kind: IdentifierKind; value: string }[]; recordNumbers: { system: string; value: string }[]; names: { family?: string; given?: string }[]; birthDate?: string };
  /** The name part whose text is being read (`given` or `family`), and the name it belongs to. */
  private namePart?: { part: 'given' | 'family'; text: string };

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
      else if (name === 'recordTarget') this.patient = { identifiers: [], recordNumbers: [], names: [] };
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
    // A section's templateId comes before its code: it gives the kind when the code is local or missing.
    if (name === 'templateId' && depth === this.sectionAwaitingCode + 1) {
      const known = SECTION_TEMPLATES[attributes.root ?? ''];
      if (known) this.sections[this.sections.length - 1] = known.category;
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
    if (this.entry && (name === 'code' || name === 'value') && isMentalHealthCode(attributes.codeSystem, attributes.code)) this.entry.mentalHealth = true;
    if (this.entry && !this.entry.date && (name === 'effectiveTime' || name === 'low' || name === 'time')) {
      const date = hl7Date(attributes.value);
      if (date) this.entry.date = date;
    }
  }

  private readRecordTarget(name: string, parent: string | undefined, attributes: Record<string, string>, stack: readonly string[]): void {
    if (name === 'id' && (parent === 'patientRole' || (parent === 'asEntityIdentifier' && stack[stack.length - 3] === 'patient'))) {
      // AU documents put the IHI in patient/ext:asEntityIdentifier/ext:id, others in patientRole/id.
      const national = identifierFromCdaId(attributes.root, attributes.extension);
      if (national) {
        this.collector.identifier(national.type, national.value, parent === 'patientRole' ? 'cda-patient-role' : 'cda-entity-identifier');
        this.patient?.identifiers.push({ kind: national.type.kind, value: national.value });
      } else if (attributes.extension && parent === 'patientRole') {
        this.collector.recordNumber();
        if (attributes.root) this.patient?.recordNumbers.push({ system: attributes.root, value: attributes.extension });
      }
      return;
    }
    if (parent === 'patientRole') {
      if (name === 'addr') {
        this.collector.identity('addresses');
      } else if (name === 'telecom' && attributes.value) {
        if (/^(?:tel|fax):/i.test(attributes.value)) this.collector.identity('phones');
        else if (/^mailto:/i.test(attributes.value)) this.collector.identity('emails');
      }
      return;
    }
    if (parent === 'patient' && stack[stack.length - 3] === 'patientRole') {
      if (name === 'name') {
        this.collector.identity('names');
        this.patient?.names.push({});
      } else if (name === 'birthTime' && hl7Date(attributes.value)) {
        this.collector.identity('birth-dates');
        if (this.patient) this.patient.birthDate = attributes.value;
      }
      else if (name === 'administrativeGenderCode' && attributes.code) this.collector.identity('genders');
      else if (name === 'guardian') this.collector.identity('contacts');
      return;
    }
    // The first given name and the family name of the patient's name, not a guardian's.
    if ((name === 'given' || name === 'family') && parent === 'name' && stack[stack.length - 3] === 'patient' && stack[stack.length - 4] === 'patientRole') {
      const current = this.patient?.names[this.patient.names.length - 1];
      if (current && current[name] === undefined) this.namePart = { part: name, text: '' };
    }
  }

  wantsText(): boolean {
    return this.namePart !== undefined;
  }

  text(text: string): void {
    if (this.namePart && this.namePart.text.length < 200) this.namePart.text += text.slice(0, 200);
  }

  close(name: string, stack: readonly string[]): void {
    const depth = stack.length;
    if (this.namePart && (name === 'given' || name === 'family')) {
      const current = this.patient?.names[this.patient.names.length - 1];
      if (current) current[this.namePart.part] = this.namePart.text.trim();
      this.namePart = undefined;
    }
    if (name === 'recordTarget' && depth === 2) {
      const details: PatientDetails = this.patient ?? {};
      this.collector.patient(details);
      this.patient = undefined;
    } else if (name === 'section') {
      this.sections.pop();
      if (this.sectionAwaitingCode === depth) this.sectionAwaitingCode = -1;
    } else if (name === 'entry' && this.entry?.depth === depth) {
      this.collector.item(this.entry.category, this.entry.date);
      if (this.entry.mentalHealth && this.entry.category !== 'mental-health') this.collector.item('mental-health', this.entry.date);
      this.entry = undefined;
    }
  }

  end(): void {
    const byCode = this.code && (!this.code.system || this.code.system === LOINC_SYSTEM_OID) ? DOCUMENT_CODES[this.code.code] : undefined;
    const byTemplate = this.templates.map((root) => DOCUMENT_TEMPLATES[root]).find(Boolean);
    const kind: DocumentKind = this.kindOverride ?? byCode ?? byTemplate ?? 'clinical-document';
    if (!this.kindOverride && !byCode && byTemplate === undefined && !this.templates.includes(US_REALM_HEADER)) {
      this.collector.warn({ code: 'cda-no-kind' });
    }
    this.collector.document({
      kind,
      ...(this.code?.display && !this.kindOverride ? { title: this.code.display.slice(0, 200) } : {}),
      ...(this.date ? { date: this.date } : {}),
      path: this.path,
      mimeType: 'text/xml',
      // An unstructured document (a PDF inside nonXMLBody) is still listed as the XML that holds it.
      ...(this.unstructured ? { embeddedFile: true } : {}),
    });
  }
}
