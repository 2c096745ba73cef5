import { formatBytes, formatPartialDate } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';

/** The dates a record spans: "Mar 2019 – 12 Jan 2026", one date when they agree, "no dates" without. */
export function formatRange(first?: string, last?: string): string {
  if (!first || !last) return t('exportReview.noDates');
  return first === last ? formatPartialDate(first) : t('exportReview.range', { first: formatPartialDate(first), last: formatPartialDate(last) });
}

export { formatBytes, formatPartialDate };

