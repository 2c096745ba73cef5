import { IDENTIFIER_TYPES, identifierType, normaliseIdentifier } from './identifiers';
import { countPeople, type PersonField } from './patients';
import { formatList, formatNumber } from '../i18n/format';
import { t, type PlainKey } from '../i18n/t';
import { emptyFindings, type Findings, type FileReview } from './model';

/** All reviewed files as one picture: what this patient's downloads hold between them. */
export function mergeFindings(reviews: readonly FileReview[], maxDocuments = 2_000): Findings {
  const merged = emptyFindings();
  const seen = new Set<string>();
  for (const { findings } of reviews) {
    merged.patientRecords.push(...findings.patientRecords);
    merged.patientsOverCap ||= findings.patientsOverCap;
    for (const version of findings.fhirVersions) if (!merged.fhirVersions.includes(version)) merged.fhirVersions.push(version);
    merged.recordNumbers += findings.recordNumbers;
    for (const [field, count] of Object.entries(findings.identity)) {
      const key = field as keyof Findings['identity'];
      merged.identity[key] = (merged.identity[key] ?? 0) + (count ?? 0);
    }
    for (const identifier of findings.identifiers) {
      // Normalised, so an SSN written 444-22-2222 in one file and 444222222 in another is one number.
      const key = `${identifier.kind}\u0000${normaliseIdentifier(identifier.kind, identifier.value)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.identifiers.push(identifier);
    }
    for (const [name, count] of Object.entries(findings.categories)) {
      const key = name as keyof Findings['categories'];
      const into = (merged.categories[key] ??= { count: 0, undated: 0, dates: {} });
      into.count += count!.count;
      into.undated += count!.undated;
      for (const [date, n] of Object.entries(count!.dates)) into.dates[date] = (into.dates[date] ?? 0) + n;
    }
    for (const document of findings.documents) {
      if (merged.documents.length < maxDocuments) merged.documents.push(document);
      else merged.documentsNotListed++;
    }
    merged.documentsNotListed += findings.documentsNotListed;
    if (findings.firstDate && (!merged.firstDate || findings.firstDate < merged.firstDate)) merged.firstDate = findings.firstDate;
    if (findings.lastDate && (!merged.lastDate || findings.lastDate > merged.lastDate)) merged.lastDate = findings.lastDate;
  }
  // Compared across files: a CCD and the FHIR download of one person are one person.
  const people = countPeople(merged.patientRecords);
  merged.patients = people.count;
  merged.patientsDifferIn = people.differIn;
  return merged;
}

export interface HighRiskItem {
  id: string;
  title: string;
  why: string;
  whatToDo: string;
}

/** How each field two people's records can differ on is said in "their … differ". */
const PERSON_FIELD_WORDS: Record<PersonField, PlainKey> = {
  name: 'exportReview.personField.name',
  'birth-date': 'exportReview.personField.birthDate',
  ssn: 'exportReview.personField.ssn',
  mbi: 'exportReview.personField.mbi',
  nhi: 'exportReview.personField.nhi',
  ihi: 'exportReview.personField.ihi',
  'medicare-au': 'exportReview.personField.medicareAu',
  dva: 'exportReview.personField.dva',
  'nhs-number': 'exportReview.personField.nhsNumber',
  'drivers-licence': 'exportReview.personField.driversLicence',
  passport: 'exportReview.personField.passport',
  'record-number': 'exportReview.personField.recordNumber',
};

/** "names and dates of birth": where several people's records disagree, in the patient's language. */
export function personFieldsList(fields: readonly PersonField[]): string {
  return formatList(fields.map((field) => t(PERSON_FIELD_WORDS[field])));
}

/** The items that deserve the patient's attention first, most serious first. Words come from `t()`: this runs in the page. */
export function highRiskItems(findings: Findings): HighRiskItem[] {
  const items: HighRiskItem[] = [];
  for (const type of IDENTIFIER_TYPES) {
    if (!type.highRisk) continue;
    const count = findings.identifiers.filter((found) => found.kind === type.kind).length;
    if (count === 0) continue;
    items.push({ id: type.kind, title: t('exportReview.highRisk.present', count, { type: t(type.label), count: formatNumber(count) }), why: t(type.highRisk.why), whatToDo: t(type.highRisk.whatToDo) });
  }
  const health = findings.identifiers.filter((found) => !identifierType(found.kind).highRisk);
  if (health.length > 0) {
    const labels = [...new Set(health.map((found) => t(identifierType(found.kind).label)))];
    items.push({
      id: 'national-health-identifiers',
      title: t('exportReview.highRisk.healthNumbers', { types: formatList(labels) }),
      why: t('exportReview.highRisk.healthNumbersWhy'),
      whatToDo: t('exportReview.highRisk.healthNumbersWhatToDo'),
    });
  }
  if (findings.patients > 1) {
    items.push({
      id: 'several-patients',
      title: findings.patientsOverCap
        ? t('exportReview.highRisk.severalPeopleOverCap', findings.patients, { count: formatNumber(findings.patients), fields: personFieldsList(findings.patientsDifferIn) })
        : t('exportReview.highRisk.severalPeople', { count: formatNumber(findings.patients), fields: personFieldsList(findings.patientsDifferIn) }),
      why: t('exportReview.highRisk.severalPeopleWhy'),
      whatToDo: t('exportReview.highRisk.severalPeopleWhatToDo'),
    });
  }
  if ((findings.categories['mental-health']?.count ?? 0) > 0) {
    items.push({
      id: 'mental-health',
      title: t('exportReview.highRisk.mentalHealth'),
      why: t('exportReview.highRisk.mentalHealthWhy'),
      whatToDo: t('exportReview.highRisk.mentalHealthWhatToDo'),
    });
  }
  return items;
}
