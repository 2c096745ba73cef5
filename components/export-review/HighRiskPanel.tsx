import type { HighRiskItem } from '@/utils/export-review/summary';
import { fill, keep, t } from '@/utils/i18n/t';

export function HighRiskPanel({ items, headingLevel = 3 }: { items: readonly HighRiskItem[]; headingLevel?: 3 | 2 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (items.length === 0) {
    return (
      <section class="ok" aria-labelledby="high-risk-heading">
        <Heading id="high-risk-heading">{t('exportReview.highRisk.heading')}</Heading>
        <p>{t('exportReview.highRisk.none')}</p>
      </section>
    );
  }
  return (
    <section class="warning" aria-labelledby="high-risk-heading" data-testid="high-risk">
      <Heading id="high-risk-heading">{t('exportReview.highRisk.heading')}</Heading>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            {fill(t('exportReview.highRisk.item', keep('title', 'why', 'whatToDo')), {
              title: <strong>{item.title}</strong>,
              why: item.why,
              whatToDo: <span class="what-to-do">{t('exportReview.highRisk.whatToDo', { whatToDo: item.whatToDo })}</span>,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
