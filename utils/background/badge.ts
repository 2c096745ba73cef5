import { browser } from 'wxt/browser';
import { formatNumber } from '../i18n/format';
import { t } from '../i18n/t';
import { sessionLabel } from '../session/labels';
import type { SessionState } from '../session/state';

/**
 * The toolbar badge for one tab. The text carries the meaning on its own (colour is only a second
 * cue, for colour-blind users): `!N` when the portal has N breach notices, otherwise the session
 * state in two or three letters. The tooltip says the same in a full sentence.
 */

export interface Badge {
  text: string;
  /** Dark enough for white text at WCAG AA contrast. */
  color: string;
  title: string;
}

// Translated, and kept within 4 characters: the badge has no room for more.
const STATE_TEXT = { login: 'badge.login', 'signed-in': 'badge.signedIn', 'signed-out': 'badge.signedOut', unknown: 'badge.unknown' } as const satisfies Record<SessionState, string>;
const STATE_COLOR: Record<SessionState, string> = { login: '#1f4e8c', 'signed-in': '#1f6b3a', 'signed-out': '#4a4a4a', unknown: '#4a4a4a' };
const NOTICE_COLOR = '#a4262c';

export function badgeFor(displayName: string, state: SessionState, noticeCount: number): Badge {
  const words = { portal: displayName, state: sessionLabel(state) };
  return {
    text: noticeCount > 0 ? `!${Math.min(noticeCount, 99)}` : t(STATE_TEXT[state]),
    color: noticeCount > 0 ? NOTICE_COLOR : STATE_COLOR[state],
    title: noticeCount === 0 ? t('badge.title', words) : t('badge.titleWithNotices', noticeCount, { ...words, count: formatNumber(noticeCount) }),
  };
}

/** Apply a badge to one tab, or clear it (`undefined`). Tabs can close at any moment: ignore that. */
export async function applyBadge(tabId: number, badge: Badge | undefined, action = browser.action): Promise<void> {
  try {
    if (!badge) {
      await Promise.all([action.setBadgeText({ tabId, text: '' }), action.setTitle({ tabId, title: t('manifest.actionTitle') })]);
      return;
    }
    await Promise.all([
      action.setBadgeText({ tabId, text: badge.text }),
      action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      action.setTitle({ tabId, title: badge.title }),
    ]);
    // Chrome picks a text colour by itself; Firefox needs it set for contrast.
    if ('setBadgeTextColor' in action && typeof action.setBadgeTextColor === 'function') await action.setBadgeTextColor({ tabId, color: '#ffffff' });
  } catch {
    // The tab closed between the message and the badge update.
  }
}
