/**
 * The words that mark a portal Portal Guard has not reviewed, in one place so every page (popup,
 * banner, guide, notice page, options, export review) says the same thing. `addedBy` is the
 * portal's own field (`schema.ts`): catalogue portals never carry it.
 */
export type AddedBy = 'user' | 'policy';

export const REVIEW_MARKS: Record<AddedBy, string> = {
  user: 'added by you, not reviewed by Portal Guard',
  policy: 'added by your organisation',
};

export function reviewMark(addedBy: AddedBy | undefined): string | undefined {
  return addedBy ? REVIEW_MARKS[addedBy] : undefined;
}

/** A portal's name with its mark, for text that cannot hold an element (a notice's "why" line). */
export function markedName(name: string, addedBy: AddedBy | undefined): string {
  const mark = reviewMark(addedBy);
  return mark ? `${name} (${mark})` : name;
}
