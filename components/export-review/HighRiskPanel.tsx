import type { HighRiskItem } from '@/utils/export-review/summary';

export function HighRiskPanel({ items, headingLevel = 3 }: { items: readonly HighRiskItem[]; headingLevel?: 3 | 2 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (items.length === 0) {
    return (
      <section class="ok" aria-labelledby="high-risk-heading">
        <Heading id="high-risk-heading">High-risk items</Heading>
        <p>No Social Security, Medicare or national health numbers, and no other high-risk items, were found.</p>
      </section>
    );
  }
  return (
    <section class="warning" aria-labelledby="high-risk-heading" data-testid="high-risk">
      <Heading id="high-risk-heading">High-risk items</Heading>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <strong>{item.title}.</strong> {item.why} <span class="what-to-do">What to do: {item.whatToDo}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
