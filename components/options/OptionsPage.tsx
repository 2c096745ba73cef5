import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatAge } from '@/utils/i18n/format';
import { setPasswordChangedOn } from '@/utils/state/patient-choices';
import { addUserPortal, loadClinicData, removeUserPortal, saveSharedComputer, watchClinicData, type ClinicData } from '@/utils/options/clinic-data';
import { loadOptionsData, requestFeedRefresh, setNoticeWindow, undismiss, watchOptionsData, type OptionsData } from '@/utils/options/options-data';
import { removeBreachCheckPermission, requestBreachCheckPermission } from '@/utils/password/breach-check-permission';
import { catalogueIndex } from '@/utils/portals';
import { settings, updateItem } from '@/utils/state/storage';
import { CustomPortalsSection, type CustomPortalDeps } from './CustomPortalsSection';
import { OrganizationSection } from './OrganizationSection';
import { PrivacySection, type PrivacyDeps } from './PrivacySection';
import { SettingsTransfer, type SettingsTransferDeps } from './SettingsTransfer';
import { SharedComputerSection, type SharedComputerDeps } from './SharedComputerSection';

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
  now = () => Date.now(),
}: {
  load?: () => Promise<OptionsData>;
  loadClinic?: () => Promise<ClinicData>;
  clinicDeps?: ClinicDeps;
  transferDeps?: SettingsTransferDeps;
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

  if (!data || !clinic) return <main aria-busy="true"><p>Loading…</p></main>;
  const { feed } = data;
  return (
    <main>
      <h1>Portal Guard settings</h1>

      <OrganizationSection parsed={clinic.policy} />

      <section aria-labelledby="feed-heading" data-testid="options-feed">
        <h2 id="feed-heading">Breach-notice feed</h2>
        {feed ? (
          <dl class="facts">
            <dt>Source</dt>
            <dd data-testid="feed-source">{feed.source === 'bundled' ? 'The copy that came with Portal Guard' : `Online: ${feed.sourceUrl ?? 'the feed'}`}</dd>
            {clinic.policy.policy.feedUrl && (
              <>
                <dt>Checked at</dt>
                <dd data-testid="feed-policy-url">
                  {clinic.policy.policy.feedUrl} <span class="muted">(set by your organisation)</span>
                </dd>
              </>
            )}
            <dt>Edition</dt>
            <dd data-testid="feed-sequence">{feed.sequence}</dd>
            <dt>Published</dt>
            <dd>{new Date(feed.generatedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</dd>
            <dt>Received</dt>
            <dd>{formatAge(feed.receivedAt, now())}</dd>
            <dt>Last checked</dt>
            <dd>{feed.lastCheckedAt === undefined ? 'Not yet' : formatAge(feed.lastCheckedAt, now())}</dd>
            {feed.lastError && (
              <>
                <dt>Last problem</dt>
                <dd class="error" data-testid="options-feed-error">
                  <span role="status">
                    {feed.lastError.reason} ({formatAge(feed.lastError.at, now())}). Portal Guard keeps using the last good feed.
                  </span>
                </dd>
              </>
            )}
          </dl>
        ) : (
          <p>The feed has not been loaded yet.</p>
        )}
        <p class="muted small">Portal Guard downloads the whole feed and checks it against your portals on this device. It never sends which sites you visit.</p>
        <button
          type="button"
          disabled={checking}
          onClick={() => {
            setChecking(true);
            void requestFeedRefresh();
          }}
        >
          {checking ? 'Checking…' : 'Check for updates now'}
        </button>
      </section>

      <CustomPortalsSection data={clinic} deps={clinicDeps} refresh={reloadClinic} />

      <SharedComputerSection data={clinic} deps={clinicDeps} />

      <PrivacySection policy={clinic.policy.policy} breachCheck={data.settings.breachCheck} rangeApiGranted={clinic.rangeApiGranted} deps={clinicDeps} />

      <section aria-labelledby="window-heading">
        <h2 id="window-heading">How long notices stay</h2>
        <label for="notice-window">Show a closed breach notice for</label>{' '}
        <select id="notice-window" value={String(data.settings.noticeWindowMonths)} onChange={(event) => void setNoticeWindow(Number(event.currentTarget.value))}>
          {WINDOWS.map((months) => (
            <option key={months} value={String(months)}>
              {months} months
            </option>
          ))}
        </select>
        <p class="muted small">Notices still under investigation, or with a regulator, are always shown.</p>
      </section>

      <section aria-labelledby="choices-heading">
        <h2 id="choices-heading">Your choices</h2>
        {data.dismissed.length === 0 && data.passwordChanges.length === 0 && <p>You have not dismissed any notice or marked any password as changed.</p>}
        {data.dismissed.length > 0 && (
          <>
            <h3>Dismissed notices</h3>
            <ul data-testid="dismissed-notices">
              {data.dismissed.map((item) => (
                <li key={item.id}>
                  {item.title}{' '}
                  <button type="button" class="secondary" onClick={() => void undismiss(item.id)}>
                    Show again
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {data.passwordChanges.length > 0 && (
          <>
            <h3>Passwords you changed</h3>
            <ul>
              {data.passwordChanges.map((change) => (
                <li key={change.portalId}>
                  {(clinic?.portals.index ?? catalogueIndex).byId(change.portalId)?.name ?? change.portalId}: {change.date}{' '}
                  <button type="button" class="secondary" onClick={() => void setPasswordChangedOn(change.portalId, undefined)}>
                    Clear
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
