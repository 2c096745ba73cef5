import { identifierType, type IdentifierKind } from './identifiers';

/**
 * Who the files are about: one person, or several. Issue 15: two downloads of one person (a CCD
 * from each of two hospitals, or a CCD and the FHIR download) must not raise a "several people"
 * alert, and when there really are several people the page must say where the records disagree.
 *
 * Each patient record (a FHIR Patient, a CDA recordTarget) becomes a `PatientRecord` of opaque
 * hashes: identifiers by kind (an SSN from a CDA OID and one from a FHIR system URI share the key
 * `ssn`, and values are normalised first, so `444-22-2222` is `444222222`), record numbers by the
 * system that issued them, names and the date of birth. Nothing in it can be read back.
 *
 * Two records are the same person when a number that identifies one person for life matches
 * (an SSN, NHI, NHS number …, or a record number from the same issuer), or when a name and the
 * date of birth both match. Records that are not linked that way are still one person unless
 * they disagree: both give a date of birth and the dates differ, both give a number of the same
 * kind and the numbers differ, or both give names and no name is shared. A record with nothing
 * to compare (a Patient with only an id) disagrees with nobody.
 */

/** The fields on which two people's records can differ, for the page to name. */
export type PersonField = IdentifierKind | 'record-number' | 'name' | 'birth-date';

export interface PatientRecord {
  /** `field|scope|hash` for each identifier that names one person: `ssn||1a2b3c4d`, `record-number|<issuer hash>|…`. */
  ids: string[];
  /** Hashes of normalised names (family name and first given name). */
  names: string[];
  birthDate?: string;
}

/** What a parser knows about one patient, before hashing. */
export interface PatientDetails {
  /** National identifiers already recognised, with their kind. */
  identifiers?: readonly { kind: IdentifierKind; value: string }[];
  /** Other identifiers, with the system (FHIR) or OID (CDA) that issued them. */
  recordNumbers?: readonly { system: string; value: string }[];
  names?: readonly { family?: string; given?: string }[];
  /** `1980-02-14` or `19800214`, as written. */
  birthDate?: string;
}

/** FNV-1a, 32 bits, as hex: enough to tell a few thousand records apart, and says nothing about the value. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** `José  María` → `jose maria`: case, accents, punctuation and spacing are how a name is written, not who it is. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** `urn:oid:1.2.3` and `1.2.3` are one issuer, as are `HTTP://X/` and `http://x`. */
function normaliseSystem(system: string): string {
  return system.trim().replace(/^urn:oid:/i, '').replace(/\/+$/, '').toLowerCase();
}

/** A full date of birth as `19800214` (from `1980-02-14`, `19800214`, `19800214093000+1300`); a partial one compares with nothing. */
function normaliseBirthDate(value: string): string | undefined {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value.trim());
  return match ? `${match[1]}${match[2]}${match[3]}` : undefined;
}

export function patientRecord(details: PatientDetails): PatientRecord {
  const ids = new Set<string>();
  for (const { kind, value } of details.identifiers ?? []) {
    const type = identifierType(kind);
    const normalised = type.normalise(value);
    if (normalised && type.identifiesPerson(normalised)) ids.add(`${kind}||${fnv1a(normalised)}`);
  }
  for (const { system, value } of details.recordNumbers ?? []) {
    const normalised = value.replace(/\s+/g, '').toUpperCase();
    if (system.trim() && normalised) ids.add(`record-number|${fnv1a(normaliseSystem(system))}|${fnv1a(normalised)}`);
  }
  const names = new Set<string>();
  for (const name of details.names ?? []) {
    const family = normaliseName(name.family ?? '');
    const given = normaliseName(name.given ?? '').split(' ')[0] ?? '';
    if (family || given) names.add(fnv1a(`${family}|${given}`));
  }
  const birthDate = details.birthDate ? normaliseBirthDate(details.birthDate) : undefined;
  return { ids: [...ids], names: [...names], ...(birthDate ? { birthDate: fnv1a(birthDate) } : {}) };
}

/** One person as the union of the records found to be theirs. */
interface Person {
  ids: Set<string>;
  names: Set<string>;
  birthDates: Set<string>;
}

const fieldOf = (id: string) => id.slice(0, id.indexOf('|')) as PersonField;
/** `ssn|` or `record-number|<issuer>|`: two values under one scope are two different numbers of one kind. */
const scopeOf = (id: string) => id.slice(0, id.lastIndexOf('|') + 1);

function linked(a: Person, b: Person): boolean {
  for (const id of a.ids) if (b.ids.has(id)) return true;
  if (a.birthDates.size > 0 && [...a.birthDates].some((date) => b.birthDates.has(date))) {
    for (const name of a.names) if (b.names.has(name)) return true;
  }
  return false;
}

/** The fields on which two people's records contradict each other; empty when nothing does. */
function disagreements(a: Person, b: Person): PersonField[] {
  const fields = new Set<PersonField>();
  const scopes = (person: Person) => {
    const byScope = new Map<string, Set<string>>();
    for (const id of person.ids) byScope.set(scopeOf(id), (byScope.get(scopeOf(id)) ?? new Set()).add(id));
    return byScope;
  };
  const bScopes = scopes(b);
  for (const [scope, values] of scopes(a)) {
    const other = bScopes.get(scope);
    if (other && ![...values].some((value) => other.has(value))) fields.add(fieldOf(scope));
  }
  if (a.birthDates.size > 0 && b.birthDates.size > 0 && ![...a.birthDates].some((date) => b.birthDates.has(date))) fields.add('birth-date');
  if (a.names.size > 0 && b.names.size > 0 && ![...a.names].some((name) => b.names.has(name))) fields.add('name');
  return [...fields];
}

const toPerson = (record: PatientRecord): Person => ({ ids: new Set(record.ids), names: new Set(record.names), birthDates: new Set(record.birthDate ? [record.birthDate] : []) });

function absorb(into: Person, from: Person): void {
  for (const id of from.ids) into.ids.add(id);
  for (const name of from.names) into.names.add(name);
  for (const date of from.birthDates) into.birthDates.add(date);
}

export interface People {
  /** How many different people the records are about (0 when there is no patient record). */
  count: number;
  /** Where the records of different people disagree, in a fixed order; empty for one person. */
  differIn: PersonField[];
}

const FIELD_ORDER: PersonField[] = ['name', 'birth-date', 'ssn', 'mbi', 'nhi', 'ihi', 'medicare-au', 'dva', 'nhs-number', 'drivers-licence', 'passport', 'record-number'];

/**
 * How many people `records` are about. First every pair that is linked (a shared identifier, or
 * name and date of birth) is joined; then each group joins the first person it does not disagree
 * with. O(n²) in the number of records, which the collector caps.
 */
export function countPeople(records: readonly PatientRecord[]): People {
  const groups: Person[] = [];
  for (const record of records) {
    const person = toPerson(record);
    // Join every group this record links, so a record that links two groups merges them.
    const linkedGroups = groups.filter((group) => linked(group, person));
    for (const group of linkedGroups) {
      absorb(person, group);
      groups.splice(groups.indexOf(group), 1);
    }
    groups.push(person);
  }
  const people: Person[] = [];
  const differ = new Set<PersonField>();
  for (const group of groups) {
    const same = people.find((person) => disagreements(person, group).length === 0);
    if (same) {
      absorb(same, group);
      continue;
    }
    for (const person of people) for (const field of disagreements(person, group)) differ.add(field);
    people.push(group);
  }
  return { count: people.length, differIn: FIELD_ORDER.filter((field) => differ.has(field)) };
}
