import { z } from 'zod';

/** What the content script concluded about the page. */
export const sessionStateSchema = z.enum(['login', 'signed-in', 'signed-out', 'unknown']);
export type SessionState = z.infer<typeof sessionStateSchema>;

/** Plain words for each state, used by the popup and the badge tooltip. */
export const SESSION_LABELS: Record<SessionState, string> = {
  login: 'On the sign-in page',
  'signed-in': 'Signed in',
  'signed-out': 'Signed out',
  unknown: 'Session not determined',
};
