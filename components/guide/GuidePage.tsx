import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatDate, formatNumber } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';
import { getGuide } from '@/utils/state/guide-progress';
import { guideFacts } from '@/utils/guide/portal-facts';
import { canFinish, currentStep, summariseGuide, type GuideProgress } from '@/utils/guide/state';
import { aboutMinutes, GUIDE_STEPS, STEP_INFO } from '@/utils/guide/steps';
import { getPasswordChangedOn } from '@/utils/state/patient-choices';
import { localDate } from '@/utils/notices/relevance';
import type { GuidePageEvent } from '@/utils/messaging/protocol';
import { sendMessage } from '@/utils/messaging/send';
import { parseGuidePage } from '@/utils/pages';
import { hasBreachCheckPermission, removeBreachCheckPermission, requestBreachCheckPermission } from '@/utils/password/breach-check-permission';
import { sharedComputerOn } from '@/utils/options/clinic-data';
import { currentPolicy } from '@/utils/policy/managed';
import type { ManagedPolicy } from '@/utils/policy/schema';
import type { PortalIndex } from '@/utils/portals';
import { portalIndex } from '@/utils/state/current-portals';
import { guideProgress, portalAccounts, readItem, settings as settingsItem, updateItem, type Settings } from '@/utils/state/storage';
import { AccountAccessStep } from './AccountAccessStep';
import { ChangePasswordStep } from './ChangePasswordStep';
import { GuideSettings, type OptInDeps } from './GuideSettings';
import { GuideSummary } from './GuideSummary';
import { ReusedPasswordsStep } from './ReusedPasswordsStep';
import { StayAlertStep } from './StayAlertStep';
import { StepCard } from './StepCard';
import { TwoStepStep } from './TwoStepStep';
import { ReviewMark } from '../shared/ReviewMark';

export interface GuidePageDeps {
  search: string;
  /** For dates shown on the page; the background records the dates. */
  timeZone?: string;
  /** Every change goes to the background, the one writer of guide progress (`ui-bg/guide-event`). */
  applyEvent: (portalId: string, event: GuidePageEvent) => Promise<unknown>;
  optIns: OptInDeps;
  rangeApiGranted: () => Promise<boolean>;
  /** The portals Portal Guard recognises now: the catalogue, the organisation's and the patient's own. */
  index: () => Promise<PortalIndex>;
  /** The organisation's decision on the breach check, shown on the switch (the background enforces it). */
  policy: () => Promise<Pick<ManagedPolicy, 'pwnedPasswordsCheck'>>;
}

const defaultOptIns: OptInDeps = {
  // The range API's host, and in Firefox the optional data collection declared for it.
  requestRangeApi: () => requestBreachCheckPermission(),
  removeRangeApi: () => removeBreachCheckPermission(),
  requestNotifications: () => browser.permissions.request({ permissions: ['notifications'] }),
  // Shared-computer mode uses the same permission for its reminder: keep it while the mode is on.
  removeNotifications: async () => (await sharedComputerOn()) || browser.permissions.remove({ permissions: ['notifications'] }),
  save: (change) => updateItem(settingsItem, (current) => ({ ...current, ...change })),
};

const defaultDeps = (): GuidePageDeps => ({
  search: location.search,
  applyEvent: (portalId, event) => sendMessage('ui-bg/guide-event', { portalId, event }),
  optIns: defaultOptIns,
  rangeApiGranted: () => hasBreachCheckPermission(),
  index: portalIndex,
  policy: async () => (await currentPolicy()).policy,
});

interface Loaded {
  progress: GuideProgress | undefined;
  settings: Settings;
  rangeApiGranted: boolean;
  changedOn: string | undefined;
  policy: Pick<ManagedPolicy, 'pwnedPasswordsCheck'>;
}

/** Until a policy can be read, the patient's own choice stands, as it does without a policy. */
const NO_POLICY: Pick<ManagedPolicy, 'pwnedPasswordsCheck'> = { pwnedPasswordsCheck: 'user-choice' };

/**
 * The password guide for one portal (its address: `guidePageUrl` in utils/pages.ts): five steps, each done
 * or skipped with a rough time, progress saved per portal, and a summary at the end. Every portal
 * fact comes from the portal's entry: the catalogue's, or for a clinic's or the patient's own portal
 * what the policy or the patient wrote (utils/guide/portal-facts.ts). It updates live when the in-page
 * assistant marks step 1 done or the content script reports the well-known check.
 */
export function GuidePage({ deps = defaultDeps() }: { deps?: GuidePageDeps }) {
  // An address the page does not understand names no portal (utils/pages.ts says why).
  const page = parseGuidePage(deps.search);
  const [index, setIndex] = useState<PortalIndex | null | undefined>();
  const portal = page.ok ? index?.byId(page.params.portal) : undefined;
  const askedHost = page.ok ? page.params.host : undefined;
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const refreshRef = useRef<() => Promise<void>>(async () => {});

  useEffect(() => {
    let live = true;
    void deps.index().then(
      (found) => live && setIndex(found),
      () => live && setIndex(null),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!portal || !index) return;
    let live = true;
    const refresh = async () => {
      const [progress, prefs, rangeApiGranted, changedOn, policy] = await Promise.all([
        getGuide(portal.id),
        readItem(settingsItem),
        deps.rangeApiGranted().catch(() => false),
        getPasswordChangedOn(portal.id),
        deps.policy().catch(() => NO_POLICY),
      ]);
      if (live) setLoaded({ progress, settings: prefs, rangeApiGranted, changedOn, policy });
    };
    refreshRef.current = refresh;
    // Opening the guide starts it; the host is kept only if the index gives it to this portal
    // (the background checks again).
    const host = askedHost && index.lookupHost(askedHost)?.portal.id === portal.id ? askedHost : undefined;
    void deps.applyEvent(portal.id, { type: 'open', ...(host ? { host } : {}) }).then(refresh, refresh);
    const unwatch = [guideProgress.item.watch(() => void refresh()), settingsItem.item.watch(() => void refresh()), portalAccounts.item.watch(() => void refresh())];
    return () => {
      live = false;
      unwatch.forEach((stop) => stop());
    };
  }, [portal?.id]);

  const facts = useMemo(() => (portal && index ? guideFacts(portal, index, [askedHost, loaded?.progress?.host], loaded?.progress) : undefined), [portal, index, askedHost, loaded?.progress]);

  if (index === undefined) return <main aria-busy="true"><p>{t('guide.page.loading')}</p></main>;
  if (!portal || !facts) {
    return (
      <main>
        <h1>{t('guide.page.unknownHeading')}</h1>
        <p role="alert">{t('guide.page.unknownPortal')}</p>
      </main>
    );
  }
  if (!loaded) return <main aria-busy="true"><p>{t('guide.page.loading')}</p></main>;

  const { progress } = loaded;
  const apply = (event: GuidePageEvent) => void deps.applyEvent(portal.id, event).then(() => refreshRef.current(), () => refreshRef.current());
  const step = currentStep(progress);
  const finished = step === 'finished';
  const openSteps = GUIDE_STEPS.filter((id) => !progress?.steps[id]);
  const minutesLeft = openSteps.reduce((total, id) => total + STEP_INFO[id].minutes, 0);
  const name = facts.displayName;

  const finish = async () => {
    await deps.applyEvent(portal.id, { type: 'finish' }).catch(() => {});
    await refreshRef.current();
    // Move focus to the summary, so keyboard and screen-reader users land on the result.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="guide-summary"]')?.focus());
  };

  return (
    <main class="guide">
      <h1>{t('guide.page.heading', { portal: name })}</h1>
      {facts.addedBy && (
        <p>
          <ReviewMark addedBy={facts.addedBy} />
        </p>
      )}
      <p class="muted">
        {facts.host ? t('guide.page.forHost', { host: facts.host, operator: facts.operator }) : t('guide.page.runBy', { operator: facts.operator })}
      </p>
      <p class="progress" data-testid="guide-progress" role="status">
        {finished
          ? t('guide.page.finished')
          : openSteps.length === 0
            ? t('guide.page.allMarked')
            : t('guide.page.progress', { done: formatNumber(GUIDE_STEPS.length - openSteps.length), total: formatNumber(GUIDE_STEPS.length), time: aboutMinutes(minutesLeft) })}
      </p>

      {finished && progress?.finishedAt !== undefined && (
        <GuideSummary
          portalName={name}
          summary={summariseGuide(progress)}
          changedOn={loaded.changedOn ? formatDate(loaded.changedOn) : undefined}
          finishedOn={formatDate(localDate(new Date(progress.finishedAt), deps.timeZone))}
          onRestart={() => apply({ type: 'restart' })}
        />
      )}

      <ol class="steps guide-steps">
        {GUIDE_STEPS.map((id, index) => (
          <StepCard
            key={id}
            step={id}
            number={index + 1}
            status={progress?.steps[id]?.status}
            current={step === id}
            disabled={finished}
            onMark={(status) => apply({ type: 'mark', step: id, status })}
            onReopen={() => apply({ type: 'reopen', step: id })}
          >
            {id === 'change-password' && <ChangePasswordStep portalName={name} route={facts.changePassword} />}
            {id === 'two-step' && <TwoStepStep portalName={name} twoStep={facts.twoStep} />}
            {id === 'reused-passwords' && (
              <ReusedPasswordsStep
                sites={progress?.reusedSites ?? []}
                disabled={finished}
                onAdd={(siteName) => apply({ type: 'add-site', name: siteName })}
                onTick={(siteName, changed) => apply({ type: 'tick-site', name: siteName, changed })}
                onRemove={(siteName) => apply({ type: 'remove-site', name: siteName })}
              />
            )}
            {id === 'account-access' && <AccountAccessStep portalName={name} accessLog={facts.accessLog} notes={facts.notes} />}
            {id === 'stay-alert' && <StayAlertStep portalName={name} {...(facts.host ? { host: facts.host } : {})} />}
          </StepCard>
        ))}
      </ol>

      {!finished && (
        <section class="finish" aria-labelledby="finish-heading">
          <h2 id="finish-heading">{t('guide.page.finishHeading')}</h2>
          {progress?.steps['change-password']?.status === 'done' ? (
            <p>{t('guide.page.finishRecords', { portal: name })}</p>
          ) : (
            <p>{t('guide.page.finishSkipped', { portal: name })}</p>
          )}
          <button type="button" data-testid="guide-finish" disabled={!progress || !canFinish(progress)} {...(openSteps.length > 0 ? { 'aria-describedby': 'finish-hint' } : {})} onClick={() => void finish()}>
            {t('guide.page.finishButton')}
          </button>
          {openSteps.length > 0 && (
            <p id="finish-hint" class="muted small">
              {t('guide.page.stillOpen', openSteps.length, { count: formatNumber(openSteps.length) })}
            </p>
          )}
        </section>
      )}

      <GuideSettings settings={loaded.settings} policy={loaded.policy} rangeApiGranted={loaded.rangeApiGranted} deps={deps.optIns} />
    </main>
  );
}
