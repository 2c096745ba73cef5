import { useState } from 'preact/hooks';
import type { ClinicData } from '@/utils/options/clinic-data';
import { formatNumber } from '@/utils/i18n/format';
import { fill, keep, t } from '@/utils/i18n/t';
import { applyImport, exportSettings, planImport, type ImportPlan } from '@/utils/options/settings-file';

export interface SettingsTransferDeps {
  exportSettings: typeof exportSettings;
  applyImport: typeof applyImport;
  /** Offer `text` as a file download (a link with `download`; no permission needed). */
  save: (name: string, text: string) => void;
}

export const defaultTransferDeps: SettingsTransferDeps = {
  exportSettings,
  applyImport,
  save: (name, text) => {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** The shared-computer line of an import plan; the mode can only clear site data when it is on. */
const SHARED_KEYS = { on: 'options.transfer.planShared.on', onClear: 'options.transfer.planShared.onClear', off: 'options.transfer.planShared.off' } as const;

/**
 * Export and import of the patient's settings as a JSON file: the notice window, shared-computer
 * mode and their own portals. The file is checked whole before anything changes, the patient sees
 * what will change, and what is refused is listed with its reason.
 */
export function SettingsTransfer({ data, deps = defaultTransferDeps }: { data: ClinicData; deps?: SettingsTransferDeps }) {
  const [plan, setPlan] = useState<ImportPlan | undefined>();
  const [message, setMessage] = useState<{ text: string[]; error: boolean } | undefined>();

  const exportNow = () => {
    void deps.exportSettings().then((file) => deps.save('portal-guard-settings.json', `${JSON.stringify(file, null, 2)}\n`));
  };
  const choose = (input: HTMLInputElement) => {
    setPlan(undefined);
    setMessage(undefined);
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void file.text().then((text) => {
      const checked = planImport(text, data.portals, data.userPortals, { browsingDataGranted: data.browsingDataGranted });
      if ('problems' in checked) setMessage({ text: checked.problems, error: true });
      else setPlan(checked.plan);
    });
  };
  const apply = (chosen: ImportPlan) => {
    void deps.applyImport(chosen).then(() => {
      setPlan(undefined);
      setMessage({ text: [chosen.portals.length > 0 ? t('options.transfer.importedAllow') : t('options.transfer.imported')], error: false });
    });
  };

  return (
    <section aria-labelledby="transfer-heading" data-testid="options-transfer">
      <h2 id="transfer-heading">{t('options.transfer.heading')}</h2>
      <p class="muted small">{t('options.transfer.intro')}</p>
      <p>
        <button type="button" onClick={exportNow} data-testid="export-settings">
          {t('options.transfer.export')}
        </button>
      </p>
      <p>
        <label for="import-settings">{t('options.transfer.importLabel')}</label>
        <br />
        <input id="import-settings" type="file" accept=".json,application/json" data-testid="import-settings" onChange={(event) => choose(event.currentTarget)} />
      </p>
      {plan && (
        <div class="ok" data-testid="import-plan">
          <p>{t('options.transfer.planIntro')}</p>
          <ul>
            <li>{t('options.transfer.planWindow', plan.noticeWindowMonths, { count: formatNumber(plan.noticeWindowMonths) })}</li>
            <li>{t(SHARED_KEYS[plan.sharedComputer.enabled ? (plan.sharedComputer.clearSiteData ? 'onClear' : 'on') : 'off'])}</li>
            {plan.portals.map((portal) => (
              <li key={portal.id} data-testid="import-portal">
                {fill(t('options.transfer.planPortal', portal.hosts.length, { count: formatNumber(portal.hosts.length), ...keep('name', 'hosts') }), {
                  // The name is the file's text: put in as a text node, never read as a message.
                  name: portal.name,
                  hosts: portal.hosts.map((host, index) => (
                    <span key={host}>
                      {index > 0 && ', '}
                      <code data-testid="import-host">{host}</code>
                    </span>
                  )),
                })}
              </li>
            ))}
          </ul>
          {plan.refused.length > 0 && (
            <>
              <p>{t('options.transfer.notImported')}</p>
              <ul data-testid="import-refused">
                {plan.refused.map((reason, index) => (
                  <li key={index} class="error">
                    {reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" onClick={() => apply(plan)} data-testid="import-apply">
            {t('options.transfer.import')}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setPlan(undefined)} data-testid="import-cancel">
            {t('options.transfer.cancel')}
          </button>
        </div>
      )}
      {message && (
        <div class={message.error ? 'error' : ''} role="status" data-testid="import-message">
          {message.text.map((line, index) => (
            <p key={index}>{line}</p>
          ))}
        </div>
      )}
    </section>
  );
}
