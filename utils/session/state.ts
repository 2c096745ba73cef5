/**
 * What the content script concluded about the page. Kept free of zod so the popup and the content
 * script do not carry it; the protocol builds its schema from `SESSION_STATES`.
 */
export const SESSION_STATES = ['login', 'signed-in', 'signed-out', 'unknown'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** Plain words for each state, used by the popup and the badge tooltip. */
export const SESSION_LABELS: Record<SessionState, string> = {
  login: 'On the sign-in page',
  'signed-in': 'Signed in',
  'signed-out': 'Signed out',
  unknown: 'Session not determined',
};
