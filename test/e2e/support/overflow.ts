import type { DriverPage } from './driver';

/** What `horizontalOverflow` found: how far the page sticks out, and the first elements that do. */
export interface HorizontalOverflow {
  /** CSS pixels past the viewport's right edge; 0 when nothing sticks out. */
  overflow: number;
  /** Up to 10 elements past the edge: tag, test id, the start of their text and by how much. */
  culprits: string[];
}

/** What a page that fits looks like, for `expect(await horizontalOverflow(page)).toEqual(FITS)`. */
export const FITS: HorizontalOverflow = { overflow: 0, culprits: [] };

/**
 * How far any element of the page sticks out to the right of the viewport, in CSS pixels. A
 * translation longer than the English (French, Spanish, the pseudo-locale) that does not wrap
 * shows up here as a sideways scroll bar or cut-off text; the culprits name what to fix. Both
 * the document's scroll width and every element's box are checked, since an element in a
 * container with `overflow: hidden` is cut off without widening the document.
 */
export function horizontalOverflow(page: DriverPage): Promise<HorizontalOverflow> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits: string[] = [];
    let overflow = Math.max(0, document.documentElement.scrollWidth - width);
    for (const element of document.body.querySelectorAll('*')) {
      const right = element.getBoundingClientRect().right;
      // A pixel of slack for sub-pixel layout.
      if (right > width + 1) {
        overflow = Math.max(overflow, right - width);
        culprits.push(`${element.tagName.toLowerCase()}${element.getAttribute('data-testid') ? `[data-testid=${element.getAttribute('data-testid')}]` : ''} “${(element.textContent ?? '').trim().slice(0, 40)}” ${Math.round(right - width)}px`);
      }
    }
    return { overflow, culprits: culprits.slice(0, 10) };
  }, undefined);
}
