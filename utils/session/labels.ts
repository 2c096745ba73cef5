import { t } from '../i18n/t';
import type { SessionState } from './state';

// Keys written out, so the meta test sees each one used (utils/i18n/messages.test.ts).
const LABEL_KEYS = { login: 'session.login', 'signed-in': 'session.signedIn', 'signed-out': 'session.signedOut', unknown: 'session.unknown' } as const;

/**
 * Plain words for each state, used by the popup and the badge tooltip. Apart from state.ts so the
 * content script, which only needs the states, does not carry the messages layer.
 */
export function sessionLabel(state: SessionState): string {
  return t(LABEL_KEYS[state]);
}
