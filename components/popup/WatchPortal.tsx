import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n/t';
import type { TabStatus, WatchReply } from '@/utils/messaging/protocol';
import type { PlatformDetection } from '@/utils/portals/platform-detection';
import { reviewMark } from '@/utils/portals/review-mark';
import { LookalikeWarning } from './NotAPortal';

export interface WatchDeps {
  /** Called straight from the click, before any await: the browser shows its prompt only for a user gesture. */
  request: (origins: string[]) => Promise<boolean>;
  /** Give the origin back when the background refuses after all. */
  release: (origins: string[]) => Promise<unknown>;
  watch: (request: { host: string; platformId: string }) => Promise<WatchReply>;
}

type Phase = { kind: 'offer' } | { kind: 'asking' } | { kind: 'watching'; name: string } | { kind: 'denied' } | { kind: 'refused'; reply: Extract<WatchReply, { status: 'refused' }> };

/**
 * A recognised platform at an address Portal Guard has not reviewed: say so plainly, and offer to
 * watch it as the patient's own portal on that platform. The browser's prompt asks for this one
 * origin only (`utils/portals/watch.ts` `watchOrigin`, written out here so the popup does not load
 * the public-suffix list). Nothing is claimed about who runs the address.
 */
export function WatchPortal({ detection, watch, deps }: { detection: PlatformDetection; watch: NonNullable<TabStatus['watch']>; deps: WatchDeps }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'offer' });
  const origins = [`https://${watch.host}/*`];

  const start = () => {
    // Both in the click, before any await: the browser shows its prompt only for a user gesture,
    // and Firefox may close the popup while the prompt is open, so the background is told at
    // once and waits for the grant itself (utils/background/watch-portal.ts).
    const asked = deps.request(origins).catch(() => false);
    const stored = deps.watch({ host: watch.host, platformId: detection.platformId });
    setPhase({ kind: 'asking' });
    void asked.then((granted) => !granted && setPhase({ kind: 'denied' }));
    void stored
      .then(async (reply) => {
        if (reply.status === 'watching') return setPhase({ kind: 'watching', name: reply.name });
        // Not granted: the browser's answer says it all, and there is nothing to give back.
        if (!(await asked)) return;
        // Refused after all (the address changed hands in the list, or imitates a reviewed one): give the origin back.
        await deps.release(origins).catch(() => {});
        setPhase({ kind: 'refused', reply });
      })
      .catch(async (problem: unknown) => {
        if (await asked) setPhase({ kind: 'refused', reply: { status: 'refused', reason: problem instanceof Error ? problem.message : t('popup.watch.failed') } });
      });
  };

  if (phase.kind === 'refused' && phase.reply.lookalike) {
    return <LookalikeWarning host={watch.host} imitates={phase.reply.lookalike.imitates} officialHome={phase.reply.lookalike.officialHome} reason={phase.reply.reason} />;
  }
  return (
    <div class="watch" data-testid="watch-offer">
      <p data-testid="watch-summary">
        {t(detection.state === 'login' ? 'popup.watch.summaryLogin' : 'popup.watch.summaryPage', { platform: detection.platformName, host: watch.host, domain: watch.registrableDomain })}
      </p>
      {(phase.kind === 'offer' || phase.kind === 'asking' || phase.kind === 'denied') && (
        <>
          <p class="muted small">{t('popup.watch.explain', { platform: detection.platformName, mark: reviewMark('user'), host: watch.host })}</p>
          <button type="button" data-testid="watch-portal" onClick={start} disabled={phase.kind === 'asking'}>
            {phase.kind === 'asking' ? t('popup.watch.waiting') : t('popup.watch.button')}
          </button>
        </>
      )}
      <div role="status" aria-live="polite">
        {phase.kind === 'watching' && (
          <p class="ok" data-testid="watch-result">
            {t('popup.watch.watching', { host: watch.host, name: phase.name, mark: reviewMark('user') })}
          </p>
        )}
        {phase.kind === 'denied' && (
          <p class="error" data-testid="watch-result">
            {t('popup.watch.denied', { host: watch.host })}
          </p>
        )}
        {phase.kind === 'refused' && (
          <p class="error" data-testid="watch-result">
            {t('popup.watch.refused', { host: watch.host, reason: phase.reply.reason })}
          </p>
        )}
      </div>
    </div>
  );
}
