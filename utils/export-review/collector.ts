import type { FhirVersion } from './fhir-versions';
import { checkIdentifier, type IdentifierType } from './identifiers';
import { emptyFindings, type Category, type FoundDocument, type Findings, type IdentityField } from './model';

/** Distinct patients kept per review; past it, the count is "more than" this. */
export const MAX_PATIENT_KEYS = 1000;

/** Identifier values kept per review; a bulk export of thousands of patients needs no more to make its point. */
const MAX_IDENTIFIERS = 500;

/**
 * Accumulates findings while a parser streams through a file. Parsers call it with what they
 * recognise; it keeps counts and the few values the summary needs, and never the text around them.
 */
export class Collector {
  readonly findings: Findings = emptyFindings();
  readonly warnings: string[] = [];
  private readonly seenIdentifiers = new Set<string>();
  private identifiersNotKept = 0;

  constructor(private readonly maxListedDocuments = 2_000) {}

  /** A patient, keyed by their first identifier (or resource id) so repeats count once. */
  patient(key?: string): void {
    const keys = this.findings.patientKeys;
    const hashed = key ? `p${fnv1a(key)}` : `anonymous-${keys.length}-${Math.random().toString(36).slice(2)}`;
    if (!keys.includes(hashed)) {
      if (keys.length < MAX_PATIENT_KEYS) keys.push(hashed);
      else this.findings.patientsOverCap = true;
    }
    this.findings.patients = keys.length;
  }

  identity(field: IdentityField, count = 1): void {
    if (count <= 0) return;
    this.findings.identity[field] = (this.findings.identity[field] ?? 0) + count;
  }

  identifier(type: IdentifierType, rawValue: string, where: string): void {
    const value = rawValue.trim();
    if (!value) return;
    const key = `${type.kind}\u0000${value}`;
    if (this.seenIdentifiers.has(key)) return;
    this.seenIdentifiers.add(key);
    if (this.findings.identifiers.length >= MAX_IDENTIFIERS) {
      this.identifiersNotKept++;
      return;
    }
    this.findings.identifiers.push({ kind: type.kind, value, check: checkIdentifier(type, value), where });
  }

  recordNumber(): void {
    this.findings.recordNumbers++;
  }

  fhirVersion(version: FhirVersion): void {
    if (!this.findings.fhirVersions.includes(version)) this.findings.fhirVersions.push(version);
  }

  item(category: Category, date?: string): void {
    const entry = (this.findings.categories[category] ??= { count: 0, undated: 0, dates: {} });
    entry.count++;
    if (date) {
      entry.dates[date] = (entry.dates[date] ?? 0) + 1;
      // A relative's history (a parent's diagnosis in 1967) is dated in their life, not the patient's.
      if (category !== 'family-history') this.date(date);
    } else {
      entry.undated++;
    }
  }

  /** A clinical date that widens the record's date range (never a birth date). */
  date(date: string): void {
    const { findings } = this;
    if (!findings.firstDate || date < findings.firstDate) findings.firstDate = date;
    // `2019` sorts before `2019-05`, which is what "last" should keep for a year-only date.
    if (!findings.lastDate || date > findings.lastDate) findings.lastDate = date;
  }

  document(document: FoundDocument): void {
    if (document.date) this.date(document.date);
    if (this.findings.documents.length >= this.maxListedDocuments) {
      this.findings.documentsNotListed++;
      return;
    }
    this.findings.documents.push(document);
  }

  warn(message: string): void {
    if (!this.warnings.includes(message) && this.warnings.length < 50) this.warnings.push(message);
  }

  /** The finished findings, with a note when identifier values were left out. */
  finish(): Findings {
    if (this.identifiersNotKept > 0) this.warn(`${this.identifiersNotKept} more identifier numbers were found; only the first ${MAX_IDENTIFIERS} are listed.`);
    return this.findings;
  }
}

/** FNV-1a, 32 bits, as hex: enough to tell patients apart, and says nothing about the number. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
