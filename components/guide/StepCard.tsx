import type { ComponentChildren } from 'preact';
import { aboutMinutes, STEP_INFO, type GuideStepId } from '@/utils/guide/steps';
import type { StepStatus } from '@/utils/guide/state';
import { fill, keep, t } from '@/utils/i18n/t';

/**
 * One step of the guide: its heading, a rough time, what to do, and "Done" / "Skip" (or "Undo").
 * The buttons say what they do in words; the state is also in the heading, not only in colour.
 */
export function StepCard({ step, number, status, current, disabled, onMark, onReopen, children }: {
  step: GuideStepId;
  number: number;
  status: StepStatus | undefined;
  current: boolean;
  /** A finished guide shows its steps read-only. */
  disabled: boolean;
  onMark: (status: StepStatus) => void;
  onReopen: () => void;
  children: ComponentChildren;
}) {
  const info = STEP_INFO[step];
  const headingId = `step-${step}-heading`;
  return (
    <li class={`step step-${status ?? 'open'}${current ? ' step-current' : ''}`} data-testid={`guide-step-${step}`} aria-labelledby={headingId} {...(current ? { 'aria-current': 'step' } : {})}>
      <h2 id={headingId}>
        {fill(t('guide.card.heading', keep('number', 'title')), { number: <span class="step-number">{number}</span>, title: t(info.title) })}
        {status && <span class="chip" data-testid={`guide-step-${step}-status`}> {status === 'done' ? t('guide.card.done') : t('guide.card.skipped')}</span>}
      </h2>
      <p class="muted small">{t('guide.card.takes', { time: aboutMinutes(info.minutes) })}</p>
      {children}
      {!disabled && (
        <div class="step-actions" role="group" aria-label={t('guide.card.progressLabel', { number, title: t(info.title) })}>
          {status ? (
            <button type="button" class="secondary" onClick={onReopen}>
              {status === 'done' ? t('guide.card.undoDone') : t('guide.card.undoSkipped')}
            </button>
          ) : (
            <>
              <button type="button" data-testid={`guide-step-${step}-done`} onClick={() => onMark('done')}>
                {t('guide.card.markDone', { number })}
              </button>
              <button type="button" class="secondary" data-testid={`guide-step-${step}-skip`} onClick={() => onMark('skipped')}>
                {t('guide.card.skip')}
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
