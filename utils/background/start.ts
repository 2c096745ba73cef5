import { browser } from 'wxt/browser';
import { listenForMessages } from '../messaging/listen';
import { startFeedRefresh } from './feed-refresh';
import { applyBadge } from './badge';
import { startClinicPolicy } from './clinic-policy';
import { onChangePasswordProbe, onGuidePasswordChanged, onOpenGuide, onPasswordForm } from './guide-actions';
import { startGuideReminders } from './guide-reminders';
import { onPwnedRange } from './pwned-range';
import { onDismissNotice, onOpenNotice } from './notice-actions';
import { onSessionReport } from './session-report';
import { forgetTab } from './tab-sessions';
import { tabStatus } from './tab-status';

/**
 * Wire the background together. Each part lives in its own file; this only connects them, and
 * returns one function that stops every listener (used by tests, and documents what is running).
 */
export function startBackground(): () => void {
  const stops = [
    listenForMessages({
      'cs-bg/session': (report, sender) => onSessionReport(report, sender),
      'cs-bg/dismiss-notice': (request, sender) => onDismissNotice(request, sender),
      'cs-bg/open-notice': (request, sender) => onOpenNotice(request, sender),
      'cs-bg/open-guide': (request, sender) => onOpenGuide(request, sender),
      'cs-bg/change-password-probe': (request, sender) => onChangePasswordProbe(request, sender),
      'cs-bg/password-form': (request, sender) => onPasswordForm(request, sender),
      'cs-bg/pwned-range': (request) => onPwnedRange(request),
      'cs-bg/guide-password-changed': (request, sender) => onGuidePasswordChanged(request, sender),
      'ui-bg/tab-status': (request) => tabStatus(request),
    }),
    watchTabLifecycle(),
    startFeedRefresh(),
    startGuideReminders(),
    startClinicPolicy(),
  ];
  return () => stops.forEach((stop) => stop());
}

/**
 * A tab that starts loading a new document, or closes, loses its session state and badge: the new
 * page's content script (if it is a portal) reports afresh. Needs no `tabs` permission: `status`
 * is always visible, only `url` and `title` are not.
 */
function watchTabLifecycle(): () => void {
  const onUpdated = (tabId: number, change: { status?: string }) => {
    if (change.status !== 'loading') return;
    void forgetTab(tabId);
    void applyBadge(tabId, undefined);
  };
  const onRemoved = (tabId: number) => void forgetTab(tabId);
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.tabs.onRemoved.addListener(onRemoved);
  return () => {
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.tabs.onRemoved.removeListener(onRemoved);
  };
}
