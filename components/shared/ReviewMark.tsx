import { reviewMark, type AddedBy } from '@/utils/portals/review-mark';

/**
 * The mark beside a portal's name on every page that names one: a portal the patient added or
 * watched is "added by you, not reviewed by Portal Guard", an organisation's policy portal is
 * "added by your organisation". Catalogue portals carry no mark. Never vouch for an address
 * nobody reviewed.
 */
export function ReviewMark({ addedBy }: { addedBy: AddedBy | undefined }) {
  const text = reviewMark(addedBy);
  if (!text) return null;
  return (
    <span class={`review-mark review-mark-${addedBy}`} data-testid="review-mark">
      ({text})
    </span>
  );
}
