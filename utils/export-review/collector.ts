import type { FhirVersion } from './fhir-versions';
import { checkIdentifier, type IdentifierType } from './identifiers';
import { countPeople, patientRecord, type PatientDetails } from './patients';
import { emptyFindings, type Category, type FoundDocument, type Findings, type IdentityField, type WhereFound } from './model';
import type { ReviewMessage } from './review-message';

/** Identifier values kept per review; a bulk export of thousands of patients needs no more to make its point. */
const MAX_IDENTIFIERS = 500;
/**
 * Patient records compared per review: comparing is quadratic, and 1000 people make the point.
 * Past it, `patientsOverCap` is set and the page says "more than" the people those records are.
 */
export const MAX_PATIENT_RECORDS = 1000;

/**
 * Accumulates findings while a parser streams through a file. Parsers call it with what they
 * recognise; it keeps counts and the few values the summary needs, and never the text around them.
 */
export class Collector {
  readonly findings: Findings = emptyFindings();
  readonly warnings: ReviewMessage[] = [];
  private readonly seenWarnings = new Set<string>();
  private readonly seenIdentifiers = new Set<string>();
  private readonly seenPatientRecords = new Set<string>();
  private identifiersNotKept = 0;

  constructor(private readonly maxListedDocuments = 2_000) {}

  /**
   * A patient record (FHIR Patient, CDA recordTarget); `finish` works out how many people they are.
   * A record identical to one already kept (the same recordTarget in each document of a zip) adds
   * nothing; past the cap, a new one means there are more records than were compared.
   */
  patient(details: PatientDetails): void {
    const record = patientRecord(details);
    const key = JSON.stringify(record);
    if (!this.seenPatientRecords.has(key)) {
      if (this.findings.patientRecords.length < MAX_PATIENT_RECORDS) {
        this.seenPatientRecords.add(key);
        this.findings.patientRecords.push(record);
      } else {
        this.findings.patientsOverCap = true;
      }
    }
    this.findings.patients = Math.max(this.findings.patients, 1);
  }

  identity(field: IdentityField, count = 1): void {
    if (count <= 0) return;
    this.findings.identity[field] = (this.findings.identity[field] ?? 0) + count;
  }

  identifier(type: IdentifierType, rawValue: string, where: WhereFound): void {
    const value = rawValue.trim();
    if (!value) return;
    // `444-22-2222` and `444222222` are one number: the first one seen is the one listed.
    const key = `${type.kind}\u0000${type.normalise(value)}`;
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

  warn(message: ReviewMessage): void {
    const key = JSON.stringify(message);
    if (this.seenWarnings.has(key) || this.warnings.length >= 50) return;
    this.seenWarnings.add(key);
    this.warnings.push(message);
  }

  /** The finished findings, with a note when identifier values were left out. */
  finish(): Findings {
    const people = countPeople(this.findings.patientRecords);
    this.findings.patients = people.count;
    this.findings.patientsDifferIn = people.differIn;
    if (this.identifiersNotKept > 0) this.warn({ code: 'identifiers-not-listed', count: this.identifiersNotKept, listed: MAX_IDENTIFIERS });
    return this.findings;
  }
}
