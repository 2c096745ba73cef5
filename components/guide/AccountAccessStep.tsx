import { fill, keep, t } from '@/utils/i18n/t';
/** "**Label:** text", in the order the language puts them. */
const item = (label: string, text: string) => fill(t('guide.access.item', keep('label', 'text')), { label: <strong>{label}</strong>, text });

/** Step 4: who else can get in. General checks, plus the access log where the catalogue says there is one. */
export function AccountAccessStep({ portalName, accessLog, notes }: { portalName: string; accessLog: boolean; notes: string[] }) {
  return (
    <div data-testid="guide-account-access">
      <p>{t('guide.access.intro', { portal: portalName })}</p>
      <ul>
        <li>{item(t('guide.access.devicesLabel'), t('guide.access.devices'))}</li>
        <li>{item(t('guide.access.proxyLabel'), t('guide.access.proxy'))}</li>
        <li>{item(t('guide.access.appsLabel'), t('guide.access.apps'))}</li>
        {accessLog && (
          <li data-testid="guide-access-log">{item(t('guide.access.logLabel'), t('guide.access.log', { portal: portalName }))}</li>
        )}
        <li>{item(t('guide.access.contactLabel'), t('guide.access.contact'))}</li>
      </ul>
      {notes.length > 0 && (
        <>
          <h3>{t('guide.access.notesHeading', { portal: portalName })}</h3>
          <ul data-testid="guide-portal-notes">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
