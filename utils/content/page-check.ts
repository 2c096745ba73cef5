import { detectPlatform, type PageDetection, type SignalTable } from '../portals/platform-signals';
import { classifyPage, type Classification } from '../session/classify';
import { isolatedSlot } from './isolated-slot';

/**
 * The page side of "Check this page": classify the page and, with the signal table the popup
 * handed over just before (`PAGE_CHECK_TABLE`), say which platform it looks like. The table travels
 * through this isolated world's global, which the page cannot see: `executeScript` runs a file or a
 * function, not a file with arguments, so the popup first runs a one-line function that puts the
 * table there, then this file, which takes it away again. Without a table (an older popup, or the
 * background did not answer) the check still classifies the page.
 */

/** The `Symbol.for` key the popup's first injection writes the table under. */
export const PAGE_CHECK_TABLE = 'portal-guard.page-check-table';

export interface PageCheckResult {
  classification: Classification;
  detection?: PageDetection;
}

export function runPageCheck(doc: Document, url: URL): PageCheckResult {
  const slot = isolatedSlot<SignalTable>(Symbol.for(PAGE_CHECK_TABLE));
  const table = slot.get();
  slot.set(undefined);
  const classification = classifyPage(doc, url);
  const detection = Array.isArray(table) ? detectPlatform(doc, url, table) : undefined;
  return detection ? { classification, detection } : { classification };
}
