import { CATALOGUE } from './catalogue';
import { createPortalIndex } from './match';
import type { Portal } from './schema';

/** The bundled catalogue's index, built once per context. */
export const catalogueIndex = createPortalIndex(CATALOGUE as readonly Portal[]);

export { CATALOGUE };
export { createPortalIndex } from './match';
export type { PortalIndex, PortalMatch, UrlLookup, NotAPortalReason } from './match';
export type { Portal } from './schema';
