import { evidenceNote, type GuideFacts } from '@/utils/guide/portal-facts';
import { fill, keep, t } from '@/utils/i18n/t';

const LEAD = {
  mandatory: 'guide.twoStep.mandatory',
  optional: 'guide.twoStep.optional',
  'not-offered': 'guide.twoStep.notOffered',
  unknown: 'guide.twoStep.unknown',
} as const;

/** Step 2: two-step verification, as the catalogue describes it for this portal. */
export function TwoStepStep({ portalName, twoStep }: { portalName: string; twoStep: GuideFacts['twoStep'] }) {
  const status = twoStep?.status ?? 'unknown';
  const lead = t(LEAD[status], { portal: portalName });
  const note = evidenceNote(twoStep?.evidence);
  return (
    <div data-testid="guide-two-step">
      <p>{lead}</p>
      {twoStep && twoStep.methods.length > 0 && (
        <>
          <p>{t('guide.twoStep.methods', { portal: portalName })}</p>
          <ul>
            {twoStep.methods.map((method) => (
              <li key={method}>{method}</li>
            ))}
          </ul>
          {/* i18n-ignore: matches the catalogue's own wording of a method (data), not text we show. */}
          {twoStep.methods.some((method) => method.startsWith('an authenticator app')) && (twoStep.methods.length > 1) && (
            <p>{t('guide.twoStep.appIsBetter')}</p>
          )}
        </>
      )}
      {twoStep?.location && (
        <p>{fill(t('guide.twoStep.where', keep('label', 'where')), { label: <strong>{t('guide.twoStep.whereLabel')}</strong>, where: twoStep.location })}</p>
      )}
      {note && <p class="muted small">{note}</p>}
      {twoStep?.helpUrl && (
        <p>
          <a href={twoStep.helpUrl} target="_blank" rel="noopener noreferrer">
            {t('guide.twoStep.help', { portal: portalName })}
          </a>
        </p>
      )}
    </div>
  );
}
