import { fill, keep, t } from '@/utils/i18n/t';
/** Step 5: what follows a breach. */
export function StayAlertStep({ portalName, host }: { portalName: string; host?: string }) {
  return (
    <div>
      <ul>
        <li>{t('guide.stayAlert.scams')}</li>
        <li>{fill(t('guide.stayAlert.never', keep('never')), { never: <strong>{t('guide.stayAlert.neverAsks', { portal: portalName })}</strong> })}</li>
        <li>{host ? t('guide.stayAlert.linksHost', { host }) : t('guide.stayAlert.links')}</li>
        <li>{t('guide.stayAlert.gaveAway')}</li>
      </ul>
    </div>
  );
}
