import { useLayoutEffect, useState } from 'preact/hooks';
import type { checkPage } from '@/utils/popup/check-page';
import { exportReviewPageUrl, guidePageUrl, optionsPageUrl } from '@/utils/pages';
import { sendMessage } from '@/utils/messaging/send';
import type { TabStatus } from '@/utils/messaging/protocol';
import { askAboutTab, takeStartedAnswer, type TabAnswer } from '@/utils/popup/tab-answer';
import { AllowOnTenant } from './AllowOnTenant';
import { t } from '@/utils/i18n/t';
import { FeedStatusLine } from './FeedStatusLine';
import { NoticeList } from './NoticeList';
import { LookalikeWarning, NotAPortal } from './NotAPortal';
import { OrganizationLine } from './OrganizationLine';
import { PortalCard } from './PortalCard';
import { TrackerLine } from './TrackerLine';
import { SignOutReminders } from './SignOutReminders';
import type { WatchDeps } from './WatchPortal';

const PERF_MARKS = import.meta.env.WXT_PORTAL_GUARD_PERF_MARKS === '1';

type Load = { phase: 'loading' } | { phase: 'ready'; status: TabStatus; tabId: number; fromToolbar: boolean } | { phase: 'error'; message: string };

export interface PopupDeps {
  /** Which tab, and the background's answer about it (utils/popup/tab-answer.ts). */
  ask: () => Promise<TabAnswer>;
  /** The question popup.html's early script already started, if it did. */
  started?: () => Promise<TabAnswer> | undefined;
  check: typeof checkPage;
  /** "Watch this portal" (permission prompt, background check); optional so older callers need not pass it. */
  watch?: WatchDeps;
}

const defaultDeps: PopupDeps = {
  ask: () => askAboutTab(),
  started: takeStartedAnswer,
  // Loaded on the click that needs it: it brings zod (to parse what the page's world returned),
  // about 100 kB the popup would otherwise parse before its first render.
  check: async (tabId) => (await import('@/utils/popup/check-page')).checkPage(tabId),
  watch: {
    request: (origins) => browser.permissions.request({ origins }),
    release: (origins) => browser.permissions.remove({ origins }),
    watch: (request) => sendMessage('ui-bg/watch-portal', request),
  },
};

/** The toolbar popup: which portal this tab is on, its session, and any breach notice. */
export function Popup({ deps = defaultDeps }: { deps?: PopupDeps }) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  // Usually the question is already on its way (popup.html's early script); otherwise it goes out
  // from a layout effect, as soon as the popup has rendered. Preact runs a plain effect only after
  // the next frame is painted, which kept the patient waiting for about one more frame (10–16 ms)
  // before anything was even asked (`npm run bench -- popup-render`).
  useLayoutEffect(() => {
    let cancelled = false;
    (async () => {
      const { target, status } = await (deps.started?.() ?? deps.ask());
      if (!target || !status) throw new Error(t('popup.noTab'));
      if (!cancelled) setLoad({ phase: 'ready', status, tabId: target.tabId, fromToolbar: target.url !== undefined });
    })().catch((error: unknown) => {
      if (!cancelled) setLoad({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
    };
  }, [deps]);

  // Only the bench build (WXT_PORTAL_GUARD_PERF_MARKS=1) leaves this mark, when the answer is on
  // screen: `npm run bench -- popup-render` reads it from the real toolbar popup, which no test
  // harness can attach to before it loads.
  useLayoutEffect(() => {
    if (PERF_MARKS && load.phase !== 'loading') performance.mark('portal-guard:popup-ready');
  }, [load.phase]);

  if (load.phase === 'loading') return <main aria-busy="true"><p class="muted">{t('popup.loading')}</p></main>;
  if (load.phase === 'error') return <main><p class="error" role="alert">{t('popup.error', { reason: load.message })}</p></main>;

  const { status, tabId, fromToolbar } = load;
  return (
    <main data-testid="popup">
      {status.lookup === 'portal' && status.portal && (
        <>
          <PortalCard portal={status.portal} session={status.session} />
          {/* A reviewed address the content script cannot reach yet (a tenant the feed added); a patient's or clinic's own portal has its own grant flow. */}
          {status.scriptable === false && !status.portal.addedBy && deps.watch && <AllowOnTenant portal={status.portal} request={deps.watch.request} />}
          <NoticeList notices={status.notices} others={status.otherNotices ?? []} portal={status.portal} />
          <TrackerLine portal={status.portal} trackers={status.trackers ?? []} />
          <p class="guide-link">
            <a href={guidePageUrl({ portal: status.portal.id, host: status.portal.host })} target="_blank" rel="noopener" data-testid="guide-link">
              {t('popup.guideLink')}
            </a>{' '}
            <span class="muted small">{t('popup.guideHint')}</span>
          </p>
        </>
      )}
      {status.lookup === 'lookalike' && status.lookalike && <LookalikeWarning host={status.lookalike.host} imitates={status.lookalike.imitates} officialHome={status.lookalike.officialHome} reason={status.lookalike.reason} />}
      {status.lookup === 'none' && <NotAPortal onCheck={fromToolbar ? () => deps.check(tabId) : undefined} watch={status.watch} {...(deps.watch ? { watchDeps: deps.watch } : {})} />}
      <SignOutReminders reminders={status.signOutReminders ?? []} />
      <FeedStatusLine feed={status.feed} />
      <OrganizationLine organization={status.organization} />
      <nav class="links small" aria-label={t('popup.navLabel')}>
        <a href={exportReviewPageUrl({ portal: status.portal?.id })} target="_blank" rel="noopener" data-testid="open-export-review">
          {t('popup.openExportReview')}
        </a>
        <a href={optionsPageUrl()} target="_blank" rel="noopener" data-testid="open-options">
          {t('popup.openOptions')}
        </a>
      </nav>
    </main>
  );
}
