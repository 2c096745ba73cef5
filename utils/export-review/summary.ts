import { IDENTIFIER_TYPES, identifierType } from './identifiers';
import { emptyFindings, type Findings, type FileReview } from './model';

/** All reviewed files as one picture: what this patient's downloads hold between them. */
export function mergeFindings(reviews: readonly FileReview[], maxDocuments = 2_000): Findings {
  const merged = emptyFindings();
  const seen = new Set<string>();
  for (const { findings } of reviews) {
    for (const key of findings.patientKeys) if (!merged.patientKeys.includes(key)) merged.patientKeys.push(key);
    merged.patients = merged.patientKeys.length;
    merged.patientsOverCap ||= findings.patientsOverCap;
    for (const version of findings.fhirVersions) if (!merged.fhirVersions.includes(version)) merged.fhirVersions.push(version);
    merged.recordNumbers += findings.recordNumbers;
    for (const [field, count] of Object.entries(findings.identity)) {
      const key = field as keyof Findings['identity'];
      merged.identity[key] = (merged.identity[key] ?? 0) + (count ?? 0);
    }
    for (const identifier of findings.identifiers) {
      const key = `${identifier.kind}\u0000${identifier.value}`;
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
  return merged;
}

export interface HighRiskItem {
  id: string;
  title: string;
  why: string;
  whatToDo: string;
}

/** The items that deserve the patient's attention first, most serious first. */
export function highRiskItems(findings: Findings): HighRiskItem[] {
  const items: HighRiskItem[] = [];
  for (const type of IDENTIFIER_TYPES) {
    if (!type.highRisk) continue;
    const count = findings.identifiers.filter((found) => found.kind === type.kind).length;
    if (count === 0) continue;
    items.push({ id: type.kind, title: `${type.label} present${count > 1 ? ` (${count} different numbers)` : ''}`, ...type.highRisk });
  }
  const health = findings.identifiers.filter((found) => !identifierType(found.kind).highRisk);
  if (health.length > 0) {
    const labels = [...new Set(health.map((found) => identifierType(found.kind).label))];
    items.push({
      id: 'national-health-identifiers',
      title: `${labels.join(', ')} present`,
      why: 'A national health number lets someone look up or impersonate you at clinics and pharmacies, and links this file to the rest of your health records.',
      whatToDo: 'Do not share or upload this file where others can see it. If a breach notice says these numbers were taken, be wary of calls or messages that quote them to seem genuine.',
    });
  }
  if (findings.patients > 1) {
    items.push({
      id: 'several-patients',
      title: findings.patientsOverCap ? `Records of more than ${findings.patients} different people` : `Records of ${findings.patients} different people`,
      why: 'These files hold more than one person’s records. They may be family members, or the export may include people it should not.',
      whatToDo: 'Check whose records these are. If they include people you did not expect, tell the portal’s operator.',
    });
  }
  if ((findings.categories['mental-health']?.count ?? 0) > 0) {
    items.push({
      id: 'mental-health',
      title: 'Mental health information',
      why: 'Mental health details are among the most sensitive parts of a record.',
      whatToDo: 'Keep this file especially private, and delete copies you do not need.',
    });
  }
  return items;
}
