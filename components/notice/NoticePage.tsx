import { useEffect, useState } from 'preact/hooks';
import { getActiveFeed, withLocalNotices, type ActiveFeed } from '@/utils/state/active-feed';
import type { Notice } from '@/utils/feed/schema';
import { getPasswordChangedOn, getStepChoices, setPasswordChangedOn, setStepChoice } from '@/utils/state/patient-choices';
import { localDate } from '@/utils/notices/relevance';
import { noticeIndex } from '@/utils/notices/notice-index';
import { remediationFor } from '@/utils/notices/remediation';
import { DISMISS_ANCHOR, guidePageUrl, parseNoticePage } from '@/utils/pages';
import { sendMessage } from '@/utils/messaging/send';
import { policyNotices } from '@/utils/policy/managed';
import type { Portal, PortalIndex } from '@/utils/portals';
import { portalIndex } from '@/utils/state/current-portals';
import { NoticeDetail } from './NoticeDetail';
import { markedName } from '@/utils/portals/review-mark';
import { formatDate } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';

export interface NoticePageDeps {
  search: string;
  loadFeed: () => Promise<ActiveFeed>;
  /** The managed policy's local notices (docs/deploy.md), found when the feed has no such id. */
  loadLocal?: () => Promise<Notice[]>;
  today: () => string;
  /** The portals recognised now (catalogue, policy, the patient's own); a local notice may name a clinic's portal. */
  index?: () => Promise<PortalIndex>;
  /** Save the dismissal: the background is its writer, and updates the portal tabs' badges. */
  dismiss?: (noticeId: string) => Promise<unknown>;
}

const defaultDeps = (): NoticePageDeps => ({
  // With the hash: `#dismiss-heading` (the banner's Dismiss) puts the question first.
  search: `${location.search}${location.hash}`,
  loadFeed: () => getActiveFeed(),
  loadLocal: policyNotices,
  today: () => localDate(new Date()),
  dismiss: (noticeId) => sendMessage('ui-bg/dismiss-notice', { noticeId }),
});

type Load =
  | { phase: 'loading' }
  | { phase: 'missing' }
  | { phase: 'ready'; notice: Notice; active: ActiveFeed; choices: Record<string, 'done' | 'skipped'>; changedOn: string | undefined; portal: Portal | undefined; context: { host: string; portalName: string } | undefined; applies: boolean };

/**
 * The full-page notice view (a notice id, its portal and host: `noticePageUrl` in utils/pages.ts), opened from the banner or the
 * popup: the details, what to do with progress saved per step, and "I changed my password on…".
 */
export function NoticePage({ deps = defaultDeps() }: { deps?: NoticePageDeps }) {
  // An address the page does not understand names no notice (utils/pages.ts says why).
  const page = parseNoticePage(deps.search);
  const { id, portal: portalId = '', host, section } = page.ok ? page.params : { id: undefined, section: undefined };
  const [load, setLoad] = useState<Load>({ phase: 'loading' });

  useEffect(() => {
    void (async () => {
      if (id === undefined) return setLoad({ phase: 'missing' });
      const active = await deps.loadFeed();
      // The signed feed wins over an organisation's local notice with the same id.
      const local = (await deps.loadLocal?.().catch(() => [])) ?? [];
      const notices = withLocalNotices(active.feed.notices, local);
      const notice = notices.find((candidate) => candidate.id === id);
      if (!notice) return setLoad({ phase: 'missing' });
      const index = await (deps.index ?? portalIndex)().catch(() => undefined);
      const portal = index?.byId(portalId);
      // The host is shown only when the index gives it to this portal (the URL is only a hint).
      const match = host ? index?.lookupHost(host) : undefined;
      const context = portal && host && match?.portal.id === portal.id ? { host, portalName: markedName(match.displayName, match.portal.addedBy) } : undefined;
      // The guide is offered when the notice applies to this portal: by id, or by the registrable
      // domain of the host it was opened from (the banner's own rule, utils/notices/notice-index.ts).
      const applies = portal !== undefined && (match && context ? noticeIndex(notices).applies(notice, match) : noticeIndex(notices).forPortal(portal).includes(notice));
      const [choices, changedOn] = await Promise.all([getStepChoices(notice.id), portal ? getPasswordChangedOn(portal.id) : undefined]);
      setLoad({ phase: 'ready', notice, active, choices, changedOn, portal, context, applies });
    })().catch(() => setLoad({ phase: 'missing' }));
  }, [id]);

  if (load.phase === 'loading') return <main aria-busy="true"><p>{t('noticePage.loading')}</p></main>;
  if (load.phase === 'missing') return <main><h1>{t('noticePage.missingHeading')}</h1><p>{t('noticePage.missingBody')}</p></main>;

  const { notice, active, choices, changedOn, portal, context, applies } = load;
  const onChoice = (stepId: string, choice: 'done' | 'skipped' | undefined) => {
    // Functional update: two quick clicks must both land, not the second over a stale copy.
    setLoad((current) => {
      if (current.phase !== 'ready') return current;
      const next = { ...current.choices };
      if (choice) next[stepId] = choice;
      else delete next[stepId];
      return { ...current, choices: next };
    });
    void setStepChoice(notice.id, stepId, choice);
  };

  const dismissal = <DismissNotice key="dismiss" portalName={context?.portalName ?? portal?.name} onConfirm={() => (deps.dismiss ?? defaultDeps().dismiss!)(notice.id)} />;
  return (
    <main>
      {/* The banner's Dismiss leads here: the question comes first, where the patient looks. */}
      {section === 'dismiss' && dismissal}
      <NoticeDetail
        notice={notice}
        steps={remediationFor(notice)}
        choices={choices}
        onChoice={onChoice}
        feed={active.status}
        {...(context ? { context } : {})}
        {...(portal && applies ? { guideUrl: guidePageUrl({ portal: portal.id, host: context?.host }) } : {})}
      />
      {portal && (
        <PasswordChangedForm
          portalName={portal.name}
          value={changedOn}
          max={deps.today()}
          onSave={(date) => {
            setLoad((current) => (current.phase === 'ready' ? { ...current, changedOn: date } : current));
            void setPasswordChangedOn(portal.id, date);
          }}
        />
      )}
      {section !== 'dismiss' && dismissal}
    </main>
  );
}

/**
 * "Stop showing this notice?": the only place a dismissal is saved. The banner in the portal page
 * cannot save one, because the page can trick a real click onto it (issue 14, item 1); this page
 * is ours, and no portal can draw over it.
 */
function DismissNotice({ portalName, onConfirm }: { portalName: string | undefined; onConfirm: () => Promise<unknown> }) {
  const [state, setState] = useState<'ask' | 'saving' | 'done' | 'failed'>('ask');
  const confirm = () => {
    setState('saving');
    onConfirm().then(
      () => setState('done'),
      () => setState('failed'),
    );
  };
  return (
    <section class="dismiss" aria-labelledby={DISMISS_ANCHOR} data-testid="notice-dismiss">
      <h2 id={DISMISS_ANCHOR}>{t('noticePage.dismiss.heading')}</h2>
      {state === 'done' ? (
        <p role="status" data-testid="notice-dismissed">
          {portalName ? t('noticePage.dismiss.doneOn', { portal: portalName }) : t('noticePage.dismiss.done')}
        </p>
      ) : (
        <>
          <p>{portalName ? t('noticePage.dismiss.askOn', { portal: portalName }) : t('noticePage.dismiss.ask')}</p>
          <button type="button" class="secondary" disabled={state === 'saving'} onClick={confirm} data-testid="notice-dismiss-confirm">
            {t('noticePage.dismiss.confirm')}
          </button>
          {state === 'failed' && (
            <p class="error" role="alert">
              {t('noticePage.dismiss.failed')}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** "I changed my password on…": the relevance rules stop showing notices older than this date. */
function PasswordChangedForm({ portalName, value, max, onSave }: { portalName: string; value: string | undefined; max: string; onSave: (date: string | undefined) => void }) {
  return (
    <section class="password-date" aria-labelledby="changed-heading">
      <h2 id="changed-heading">{t('noticePage.changed.heading')}</h2>
      {value ? (
        <p data-testid="password-changed">
          {t('noticePage.changed.told', { portal: portalName, date: formatDate(value) })}
        </p>
      ) : (
        <p>{t('noticePage.changed.ask', { portal: portalName })}</p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          // Read the field itself: it is the one source of truth for what the patient typed.
          const date = (event.currentTarget.elements.namedItem('changed-on') as HTMLInputElement).value;
          if (/^\d{4}-\d{2}-\d{2}$/.test(date) && date <= max) onSave(date);
        }}
      >
        <label for="changed-on">{t('noticePage.changed.label', { portal: portalName })}</label>
        <input id="changed-on" name="changed-on" type="date" required max={max} defaultValue={value ?? max} />
        <button type="submit">{t('noticePage.changed.save')}</button>
        {value && (
          <button type="button" class="secondary" onClick={() => onSave(undefined)}>
            {t('noticePage.changed.clear')}
          </button>
        )}
      </form>
    </section>
  );
}
