/**
 * What the content script concluded about the page. Kept free of zod so the popup and the content
 * script do not carry it; the protocol builds its schema from `SESSION_STATES`.
 */
export const SESSION_STATES = ['login', 'signed-in', 'signed-out', 'unknown'] as const;
export type SessionState = (typeof SESSION_STATES)[number];
