import { t } from '../i18n/t';
import { DATA_CLASSES, type DataClass } from './schema';

/** A data class as the patient reads it, in their language: `referral-letters` → "Referral letters". */
export function dataClassLabel(dataClass: DataClass): string {
  return t(DATA_CLASSES[dataClass]);
}
