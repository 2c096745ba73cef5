import { useState } from 'preact/hooks';
import type { ClinicData } from '@/utils/options/clinic-data';
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
      setMessage({ text: [`Imported.${chosen.portals.length > 0 ? ' Use “Allow” under “Other portals” for each new portal.' : ''}`], error: false });
    });
  };

  return (
    <section aria-labelledby="transfer-heading" data-testid="options-transfer">
      <h2 id="transfer-heading">Move your settings</h2>
      <p class="muted small">The file holds how long notices stay, shared-computer mode and the portals you added. It holds no password and nothing about what you browse.</p>
      <p>
        <button type="button" onClick={exportNow} data-testid="export-settings">
          Export settings
        </button>
      </p>
      <p>
        <label for="import-settings">Import settings from a file</label>
        <br />
        <input id="import-settings" type="file" accept=".json,application/json" data-testid="import-settings" onChange={(event) => choose(event.currentTarget)} />
      </p>
      {plan && (
        <div class="ok" data-testid="import-plan">
          <p>This file will set the following. Check every address: Portal Guard will treat each as your portal. Nothing changes until you press Import.</p>
          <ul>
            <li>Closed notices shown for {plan.noticeWindowMonths} months</li>
            <li>Shared-computer mode {plan.sharedComputer.enabled ? 'on' : 'off'}{plan.sharedComputer.clearSiteData ? ', clearing site data' : ''}</li>
            {plan.portals.map((portal) => (
              <li key={portal.id} data-testid="import-portal">
                Add the portal {portal.name}, added by you, not reviewed by Portal Guard, on {portal.hosts.length === 1 ? 'the address' : `these ${portal.hosts.length} addresses`}:{' '}
                {portal.hosts.map((host, index) => (
                  <span key={host}>
                    {index > 0 && ', '}
                    <code data-testid="import-host">{host}</code>
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {plan.refused.length > 0 && (
            <>
              <p>Not imported:</p>
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
            Import
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setPlan(undefined)} data-testid="import-cancel">
            Cancel
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
