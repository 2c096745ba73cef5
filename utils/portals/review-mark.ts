import { t } from '../i18n/t';

/**
 * The words that mark a portal Portal Guard has not reviewed, in one place so every page (popup,
 * banner, guide, notice page, options, export review) says the same thing. `addedBy` is the
 * portal's own field (`schema.ts`): catalogue portals never carry it. The words are messages
 * (`reviewMark.*` in utils/i18n/locales/en.yml), read when asked for, in the browser's language.
 */
export type AddedBy = 'user' | 'policy';

const MARK_KEYS = { user: 'reviewMark.user', policy: 'reviewMark.policy' } as const;

export function reviewMark(addedBy: AddedBy): string;
export function reviewMark(addedBy: AddedBy | undefined): string | undefined;
export function reviewMark(addedBy: AddedBy | undefined): string | undefined {
  return addedBy ? t(MARK_KEYS[addedBy]) : undefined;
}

/** A portal's name with its mark, for text that cannot hold an element (a notice's "why" line). */
export function markedName(name: string, addedBy: AddedBy | undefined): string {
  const mark = reviewMark(addedBy);
  return mark ? t('reviewMark.named', { name, mark }) : name;
}
