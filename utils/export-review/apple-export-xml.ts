import type { SaxesTagPlain } from 'saxes';
import { readMe } from './apple-me';
import type { Collector } from './collector';
import { ReviewError } from './errors';
import type { Category } from './model';
import type { ElementHandler } from './xml-sink';

/**
 * Apple Health's `export.xml` chosen on its own (outside its zip). It is mostly device
 * measurements (`Record`, `Workout`, `ActivitySummary`), which the review does not judge; what a
 * patient's record export shares with it is the owner (`<Me>`: date of birth, sex) and, when the
 * phone holds health records from a provider, one `<ClinicalRecord>` line per FHIR resource. Those
 * lines name the resource's kind and FHIR version but not its content, which sits in the zip's
 * `clinical-records/` folder, so the patient is pointed at the zip either way.
 *
 * Element names are Apple's (the internal DTD every export.xml opens with declares them).
 */

/** HKClinicalTypeIdentifier… (Apple HealthKit documentation, "HKClinicalTypeIdentifier"). */
const CLINICAL_TYPES: Record<string, Category> = {
  HKClinicalTypeIdentifierAllergyRecord: 'allergies',
  HKClinicalTypeIdentifierConditionRecord: 'problems',
  HKClinicalTypeIdentifierCoverageRecord: 'insurance',
  HKClinicalTypeIdentifierImmunizationRecord: 'immunisations',
  HKClinicalTypeIdentifierLabResultRecord: 'results',
  HKClinicalTypeIdentifierMedicationRecord: 'medications',
  HKClinicalTypeIdentifierProcedureRecord: 'procedures',
  HKClinicalTypeIdentifierVitalSignRecord: 'vital-signs',
  HKClinicalTypeIdentifierClinicalNoteRecord: 'other',
};

export class AppleExportXmlHandler implements ElementHandler {
  private clinicalRecords = 0;
  private readonly versions = new Set<string>();

  constructor(
    private readonly collector: Collector,
    private readonly onFhirVersion: (version: string) => void,
  ) {}

  open(tag: SaxesTagPlain, stack: readonly string[]): void {
    if (stack.length !== 2) return;
    const attributes = tag.attributes;
    if (stack[1] === 'Me') {
      readMe(attributes, this.collector);
    } else if (stack[1] === 'ClinicalRecord') {
      this.clinicalRecords++;
      // receivedDate is when the phone downloaded the record, not when the care happened: undated.
      this.collector.item(CLINICAL_TYPES[attributes.type ?? ''] ?? 'other');
      if (attributes.fhirVersion) this.versions.add(attributes.fhirVersion);
    }
  }

  close(): void {}

  end(): void {
    if (this.clinicalRecords === 0) throw new ReviewError('not-a-record', { code: 'apple-export-xml-alone' });
    for (const version of this.versions) this.onFhirVersion(version);
    this.collector.warn({ code: 'apple-export-xml-lists', count: this.clinicalRecords });
  }
}
