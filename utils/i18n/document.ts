import { t } from './t';

/**
 * An extension page in the patient's language: `<html lang dir>` from the messages the browser
 * chose (screen readers pick their voice from `lang`), and the tab's title, which the static
 * index.html can only give in English.
 */
export function localizeDocument(title: string | undefined, doc: Document = document): void {
  doc.documentElement.lang = t('meta.locale');
  doc.documentElement.dir = t('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  if (title !== undefined) doc.title = title;
}
