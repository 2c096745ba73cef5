import type { ChangePasswordRoute } from '@/utils/guide/change-password';
import { evidenceNote } from '@/utils/guide/portal-facts';
import { fill, keep, t, type PlainKey } from '@/utils/i18n/t';

const WHY_HOME: Record<Extract<ChangePasswordRoute, { kind: 'home' }>['why'], PlainKey> = {
  'not-checked': 'guide.change.whyNotChecked',
  unreliable: 'guide.change.whyUnreliable',
  missing: 'guide.change.whyMissing',
  failed: 'guide.change.whyFailed',
};

/** Step 1: where to change the password, and what makes a good new one (NIST SP 800-63B). */
export function ChangePasswordStep({ portalName, route }: { portalName: string; route: ChangePasswordRoute }) {
  const note = evidenceNote(route.evidence);
  return (
    <div>
      {route.kind === 'home' ? (
        <>
          <p>
            {fill(t('guide.change.openAndSignIn', keep('open')), {
              open: route.url ? (
                <a href={route.url} target="_blank" rel="noopener noreferrer" data-testid="guide-open-change-password">
                  {t('guide.change.openPortal', { portal: portalName })}
                </a>
              ) : (
                t('guide.change.openPortal', { portal: portalName })
              ),
            })}
          </p>
          {route.directions ? (
            <p data-testid="guide-directions">
              {fill(t('guide.change.directions', keep('label', 'directions')), { label: <strong>{t('guide.change.whereLabel')}</strong>, directions: route.directions })}
              {note && <span class="muted"> {note}</span>}
            </p>
          ) : (
            <p data-testid="guide-directions">
              {t('guide.change.noDirections', { portal: portalName })}
            </p>
          )}
          <p class="muted small" data-testid="guide-route-why">
            {t(WHY_HOME[route.why])}
          </p>
        </>
      ) : (
        <>
          <p>
            <a href={route.url} target="_blank" rel="noopener noreferrer" class="button-link" data-testid="guide-open-change-password">
              {t('guide.change.openPage', { portal: portalName })}
            </a>
          </p>
          <p class="muted small" data-testid="guide-route-why">
            {route.kind === 'catalogue' ? t('guide.change.fromCatalogue') : t('guide.change.wellKnown')}
          </p>
          {route.directions && (
            <p>
              {fill(t('guide.change.directions', keep('label', 'directions')), { label: <strong>{t('guide.change.ifLinkFails')}</strong>, directions: route.directions })}
              {note && <span class="muted"> {note}</span>}
            </p>
          )}
        </>
      )}
      <p>{t('guide.change.formIntro')}</p>
      <ul>
        <li>{t('guide.change.long')}</li>
        <li>{t('guide.change.noSymbols')}</li>
        <li>{t('guide.change.onlyHere', { portal: portalName })}</li>
        <li>{t('guide.change.noSchedule')}</li>
      </ul>
    </div>
  );
}
