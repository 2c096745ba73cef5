import { useEffect, useState } from 'preact/hooks';
import { getActiveFeed, withLocalNotices, type ActiveFeed } from '@/utils/state/active-feed';
import type { Notice } from '@/utils/feed/schema';
import { getPasswordChangedOn, getStepChoices, setPasswordChangedOn, setStepChoice } from '@/utils/state/patient-choices';
import { localDate } from '@/utils/notices/relevance';
import { remediationFor } from '@/utils/notices/remediation';
import { guidePageUrl, parseNoticePage } from '@/utils/pages';
import { policyNotices } from '@/utils/policy/managed';
import type { Portal, PortalIndex } from '@/utils/portals';
import { portalIndex } from '@/utils/state/current-portals';
import { NoticeDetail } from './NoticeDetail';
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
}

const defaultDeps = (): NoticePageDeps => ({ search: location.search, loadFeed: () => getActiveFeed(), loadLocal: policyNotices, today: () => localDate(new Date()) });

type Load =
  | { phase: 'loading' }
  | { phase: 'missing' }
  | { phase: 'ready'; notice: Notice; active: ActiveFeed; choices: Record<string, 'done' | 'skipped'>; changedOn: string | undefined; portal: Portal | undefined; context: { host: string; portalName: string } | undefined };

/**
 * The full-page notice view (a notice id, its portal and host: `noticePageUrl` in utils/pages.ts), opened from the banner or the
 * popup: the details, what to do with progress saved per step, and "I changed my password on…".
 */
export function NoticePage({ deps = defaultDeps() }: { deps?: NoticePageDeps }) {
  // An address the page does not understand names no notice (utils/pages.ts says why).
  const page = parseNoticePage(deps.search);
  const { id, portal: portalId = '', host } = page.ok ? page.params : { id: undefined };
  const [load, setLoad] = useState<Load>({ phase: 'loading' });

  useEffect(() => {
    void (async () => {
      if (id === undefined) return setLoad({ phase: 'missing' });
      const active = await deps.loadFeed();
      // The signed feed wins over an organisation's local notice with the same id.
      const local = (await deps.loadLocal?.().catch(() => [])) ?? [];
      const notice = withLocalNotices(active.feed.notices, local).find((candidate) => candidate.id === id);
      if (!notice) return setLoad({ phase: 'missing' });
      const index = await (deps.index ?? portalIndex)().catch(() => undefined);
      const portal = index?.byId(portalId);
      // The host is shown only when the index gives it to this portal (the URL is only a hint).
      const match = host ? index?.lookupHost(host) : undefined;
      const context = portal && host && match?.portal.id === portal.id ? { host, portalName: match.displayName } : undefined;
      const [choices, changedOn] = await Promise.all([getStepChoices(notice.id), portal ? getPasswordChangedOn(portal.id) : undefined]);
      setLoad({ phase: 'ready', notice, active, choices, changedOn, portal, context });
    })().catch(() => setLoad({ phase: 'missing' }));
  }, [id]);

  if (load.phase === 'loading') return <main aria-busy="true"><p>{t('noticePage.loading')}</p></main>;
  if (load.phase === 'missing') return <main><h1>{t('noticePage.missingHeading')}</h1><p>{t('noticePage.missingBody')}</p></main>;

  const { notice, active, choices, changedOn, portal, context } = load;
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

  return (
    <main>
      <NoticeDetail
        notice={notice}
        steps={remediationFor(notice)}
        choices={choices}
        onChoice={onChoice}
        feed={active.status}
        {...(context ? { context } : {})}
        {...(portal && notice.portals.includes(portal.id) ? { guideUrl: guidePageUrl({ portal: portal.id, host: context?.host }) } : {})}
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
    </main>
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
