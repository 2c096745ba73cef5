import { formatBytes } from '@/utils/export-review/errors';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2019` → "2019", `2019-03` → "Mar 2019", `2019-03-12` → "12 Mar 2019". */
export function formatPartialDate(value: string | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.split('-');
  if (!month) return year!;
  return `${day ? `${Number(day)} ` : ''}${MONTHS[Number(month) - 1]} ${year}`;
}

export function formatRange(first?: string, last?: string): string {
  if (!first || !last) return 'no dates';
  return first === last ? formatPartialDate(first) : `${formatPartialDate(first)} – ${formatPartialDate(last)}`;
}

export { formatBytes };
