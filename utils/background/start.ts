import { browser } from 'wxt/browser';
import { listenForMessages } from '../messaging/listen';
import { onCheckFeedNow, startFeedRefresh } from './feed-refresh';
import { applyBadge } from './badge';
import { startClinicPolicy } from './clinic-policy';
import { onChangePasswordProbe, onGuideEvent, onGuidePasswordChanged, onOpenGuide, onPasswordForm } from './guide-actions';
import { startGuideReminders } from './guide-reminders';
import { onLoadBundle } from './inject-bundle';
import { onPlatformSignals } from './platform-signals';
import { onPwnedRange } from './pwned-range';
import { onConfirmDismiss, onOpenNotice } from './notice-actions';
import { onSessionReport } from './session-report';
import { watchSharedComputer, type SharedComputerWatch } from './shared-computer';
import { restrictStorageToTrustedContexts } from './storage-access';
import { takeTab } from './tab-sessions';
import { activeTabStatus, tabStatus } from './tab-status';
import { onTrackerReport } from './tracker-audit';
import { onWatchPortal } from './watch-portal';

/**
 * Wire the background together. Each part lives in its own file; this only connects them, and
 * returns one function that stops every listener (used by tests, and documents what is running).
 */
export function startBackground(): () => void {
  // First, before anything can message us: content scripts never need storage (storage-access.ts).
  void restrictStorageToTrustedContexts();
  const stops = [
    listenForMessages({
      'cs-bg/session': (report, sender) => onSessionReport(report, sender),
      'cs-bg/open-notice': (request, sender) => onOpenNotice(request, sender),
      'cs-bg/open-guide': (request, sender) => onOpenGuide(request, sender),
      'cs-bg/change-password-probe': (request, sender) => onChangePasswordProbe(request, sender),
      'cs-bg/password-form': (request, sender) => onPasswordForm(request, sender),
      'cs-bg/pwned-range': (request, sender) => onPwnedRange(request, sender),
      'cs-bg/guide-password-changed': (request, sender) => onGuidePasswordChanged(request, sender),
      'cs-bg/trackers': (request, sender) => onTrackerReport(request, sender),
      'cs-bg/load-bundle': (request, sender) => onLoadBundle(request, sender),
      'ui-bg/guide-event': (request) => onGuideEvent(request),
      'ui-bg/dismiss-notice': (request) => onConfirmDismiss(request),
      'ui-bg/tab-status': (request) => tabStatus(request),
      'ui-bg/active-tab-status': () => activeTabStatus(),
      'ui-bg/watch-portal': (request) => onWatchPortal(request),
      'ui-bg/platform-signals': (request) => onPlatformSignals(request),
      'ui-bg/check-feed-now': (request) => onCheckFeedNow(request),
    }),
    ...watchTabs(),
    startFeedRefresh(),
    startGuideReminders(),
    startClinicPolicy(),
  ];
  return () => stops.forEach((stop) => stop());
}

/** The tab lifecycle, and shared-computer mode, which needs the session a tab leaves behind. */
function watchTabs(): (() => void)[] {
  const sharedComputer = watchSharedComputer();
  return [watchTabLifecycle(sharedComputer), () => sharedComputer.stop()];
}

/**
 * A tab that starts loading a new document, or closes, loses its session state and badge: the new
 * page's content script (if it is a portal) reports afresh. The session it held goes to
 * shared-computer mode (a signed-in portal left without a sign-out). Needs no `tabs` permission:
 * `status` is always visible, only `url` and `title` are not.
 */
function watchTabLifecycle(sharedComputer: Pick<SharedComputerWatch, 'tabLeft'>): () => void {
  const onUpdated = (tabId: number, change: { status?: string }) => {
    if (change.status !== 'loading') return;
    void takeTab(tabId).then((session) => sharedComputer.tabLeft(tabId, session, 'loading'));
    void applyBadge(tabId, undefined);
  };
  const onRemoved = (tabId: number) => void takeTab(tabId).then((session) => sharedComputer.tabLeft(tabId, session, 'closed'));
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.tabs.onRemoved.addListener(onRemoved);
  return () => {
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.tabs.onRemoved.removeListener(onRemoved);
  };
}
