import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatAge, formatDate, formatDateTime, formatNumber } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';
import { setPasswordChangedOn } from '@/utils/state/patient-choices';
import { addUserPortal, loadClinicData, removeUserPortal, saveSharedComputer, watchClinicData, type ClinicData } from '@/utils/options/clinic-data';
import { loadOptionsData, requestFeedRefresh, setNoticeWindow, undismiss, watchOptionsData, type OptionsData } from '@/utils/options/options-data';
import { removeBreachCheckPermission, requestBreachCheckPermission } from '@/utils/password/breach-check-permission';
import { catalogueIndex } from '@/utils/portals';
import { settings, updateItem } from '@/utils/state/storage';
import { CustomPortalsSection, type CustomPortalDeps } from './CustomPortalsSection';
import { OrganizationSection } from './OrganizationSection';
import { FeedStaleWarning } from '../shared/FeedStaleWarning';
import { PrivacySection, type PrivacyDeps } from './PrivacySection';
import { SettingsTransfer, type SettingsTransferDeps } from './SettingsTransfer';
import { SharedComputerSection, type SharedComputerDeps } from './SharedComputerSection';
import { TrackerAuditSection, type TrackerAuditDeps } from './TrackerAuditSection';

const WINDOWS = [6, 12, 24, 36];

export type ClinicDeps = CustomPortalDeps & PrivacyDeps & SharedComputerDeps;

const defaultClinicDeps: ClinicDeps = {
  request: (origins) => browser.permissions.request({ origins }),
  add: addUserPortal,
  remove: (id) => removeUserPortal(id),
  // The range API's host, and in Firefox the optional data collection declared for it.
  requestRangeApi: () => requestBreachCheckPermission(),
  removeRangeApi: () => removeBreachCheckPermission(),
  saveBreachCheck: (on) => updateItem(settings, (current) => ({ ...current, breachCheck: on })),
  requestNotifications: () => browser.permissions.request({ permissions: ['notifications'] }),
  requestBrowsingData: () => browser.permissions.request({ permissions: ['browsingData'] }),
  removeBrowsingData: () => browser.permissions.remove({ permissions: ['browsingData'] }),
  saveSharedComputer,
};

/**
 * Settings: what the organisation set, the feed's status, other portals, privacy, how long notices
 * stay, and the patient's own choices, undoable.
 */
export function OptionsPage({
  load = loadOptionsData,
  loadClinic = loadClinicData,
  clinicDeps = defaultClinicDeps,
  transferDeps,
  trackerDeps,
  now = () => Date.now(),
}: {
  load?: () => Promise<OptionsData>;
  loadClinic?: () => Promise<ClinicData>;
  clinicDeps?: ClinicDeps;
  transferDeps?: SettingsTransferDeps;
  trackerDeps?: TrackerAuditDeps;
  now?: () => number;
}) {
  const [data, setData] = useState<OptionsData | undefined>();
  const [clinic, setClinic] = useState<ClinicData | undefined>();
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    const reload = () => void load().then(setData);
    reload();
    return watchOptionsData(() => {
      setChecking(false);
      reload();
    });
  }, [load]);

  const reloadClinic = () => void loadClinic().then(setClinic, () => {});
  useEffect(() => {
    reloadClinic();
    return watchClinicData(reloadClinic);
  }, [loadClinic]);

  if (!data || !clinic) return <main aria-busy="true"><p>{t('options.loading')}</p></main>;
  const { feed } = data;
  return (
    <main>
      <h1>{t('options.heading')}</h1>

      <OrganizationSection parsed={clinic.policy} />

      <section aria-labelledby="feed-heading" data-testid="options-feed">
        <h2 id="feed-heading">{t('options.feed.heading')}</h2>
        {feed?.staleSince && <FeedStaleWarning since={feed.staleSince} />}
        {feed ? (
          <dl class="facts">
            <dt>{t('options.feed.source')}</dt>
            <dd data-testid="feed-source">{feed.source === 'bundled' ? t('options.feed.bundled') : feed.sourceUrl ? t('options.feed.online', { url: feed.sourceUrl }) : t('options.feed.onlineNoUrl')}</dd>
            {clinic.policy.policy.feedUrl && (
              <>
                <dt>{t('options.feed.checkedAt')}</dt>
                <dd data-testid="feed-policy-url">
                  {clinic.policy.policy.feedUrl} <span class="muted">{t('options.feed.policyUrl')}</span>
                </dd>
              </>
            )}
            <dt>{t('options.feed.edition')}</dt>
            <dd data-testid="feed-sequence">{feed.sequence}</dd>
            <dt>{t('options.feed.published')}</dt>
            <dd>{formatDateTime(new Date(feed.generatedAt))}</dd>
            <dt>{t('options.feed.received')}</dt>
            <dd>{formatAge(feed.receivedAt, now())}</dd>
            <dt>{t('options.feed.lastChecked')}</dt>
            <dd>{feed.lastCheckedAt === undefined ? t('options.feed.notYet') : formatAge(feed.lastCheckedAt, now())}</dd>
            {feed.lastError && (
              <>
                <dt>{t('options.feed.lastProblem')}</dt>
                <dd class="error" data-testid="options-feed-error">
                  <span role="status">
                    {t('options.feed.problem', { reason: feed.lastError.reason, age: formatAge(feed.lastError.at, now()) })}
                  </span>
                </dd>
              </>
            )}
          </dl>
        ) : (
          <p>{t('options.feed.notLoaded')}</p>
        )}
        <p class="muted small">{t('options.feed.privacy')}</p>
        <button
          type="button"
          disabled={checking}
          onClick={() => {
            setChecking(true);
            void requestFeedRefresh();
          }}
        >
          {checking ? t('options.feed.checking') : t('options.feed.check')}
        </button>
      </section>

      <CustomPortalsSection data={clinic} deps={clinicDeps} refresh={reloadClinic} />

      <SharedComputerSection data={clinic} deps={clinicDeps} />

      <PrivacySection policy={clinic.policy.policy} breachCheck={data.settings.breachCheck} rangeApiGranted={clinic.rangeApiGranted} deps={clinicDeps} />

      <TrackerAuditSection {...(trackerDeps ? { deps: trackerDeps } : {})} />

      <section aria-labelledby="window-heading">
        <h2 id="window-heading">{t('options.window.heading')}</h2>
        <label for="notice-window">{t('options.window.label')}</label>{' '}
        <select id="notice-window" value={String(data.settings.noticeWindowMonths)} onChange={(event) => void setNoticeWindow(Number(event.currentTarget.value))}>
          {WINDOWS.map((months) => (
            <option key={months} value={String(months)}>
              {t('options.window.months', months, { count: formatNumber(months) })}
            </option>
          ))}
        </select>
        <p class="muted small">{t('options.window.help')}</p>
      </section>

      <section aria-labelledby="choices-heading">
        <h2 id="choices-heading">{t('options.choices.heading')}</h2>
        {data.dismissed.length === 0 && data.passwordChanges.length === 0 && <p>{t('options.choices.none')}</p>}
        {data.dismissed.length > 0 && (
          <>
            <h3>{t('options.choices.dismissed')}</h3>
            <ul data-testid="dismissed-notices">
              {data.dismissed.map((item) => (
                <li key={item.id}>
                  {item.title}{' '}
                  <button type="button" class="secondary" onClick={() => void undismiss(item.id)}>
                    {t('options.choices.showAgain')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {data.passwordChanges.length > 0 && (
          <>
            <h3>{t('options.choices.passwords')}</h3>
            <ul>
              {data.passwordChanges.map((change) => (
                <li key={change.portalId}>
                  {t('options.choices.passwordChanged', { portal: (clinic?.portals.index ?? catalogueIndex).byId(change.portalId)?.name ?? change.portalId, date: formatDate(change.date) })}{' '}
                  <button type="button" class="secondary" onClick={() => void setPasswordChangedOn(change.portalId, undefined)}>
                    {t('options.choices.clear')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <SettingsTransfer data={clinic} {...(transferDeps ? { deps: transferDeps } : {})} />
    </main>
  );
}
