import type { ComponentChildren } from 'preact';
import { aboutMinutes, STEP_INFO, type GuideStepId } from '@/utils/guide/steps';
import type { StepStatus } from '@/utils/guide/state';

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
        <span class="step-number">Step {number}.</span> {info.title}
        {status && <span class="chip" data-testid={`guide-step-${step}-status`}>{status === 'done' ? ' ✓ Done' : ' Skipped'}</span>}
      </h2>
      <p class="muted small">Takes {aboutMinutes(info.minutes)}.</p>
      {children}
      {!disabled && (
        <div class="step-actions" role="group" aria-label={`Progress on step ${number}: ${info.title}`}>
          {status ? (
            <button type="button" class="secondary" onClick={onReopen}>
              Undo “{status === 'done' ? 'Done' : 'Skipped'}”
            </button>
          ) : (
            <>
              <button type="button" data-testid={`guide-step-${step}-done`} onClick={() => onMark('done')}>
                Mark step {number} done
              </button>
              <button type="button" class="secondary" data-testid={`guide-step-${step}-skip`} onClick={() => onMark('skipped')}>
                Skip this step
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
