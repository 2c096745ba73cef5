import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n/t';
import type { PortalSummary } from '@/utils/messaging/protocol';

type Phase = 'offer' | 'asking' | 'granted' | 'denied';

/**
 * A portal Portal Guard has reviewed (a tenant the signed feed added) at an address the manifest
 * does not cover, so the browser has not let the content script run there yet: no session watch,
 * badge or banner. The background already registered the script for the feed's added hosts
 * (utils/background/portal-scripts.ts); the browser runs it once the patient grants this one
 * origin, which only a click in the popup can ask for. Nothing is stored: the feed is what
 * vouches for the address, and removing the grant in the browser undoes it.
 */
export function AllowOnTenant({ portal, request }: { portal: PortalSummary; request: (origins: string[]) => Promise<boolean> }) {
  const [phase, setPhase] = useState<Phase>('offer');
  const start = () => {
    // In the click, before any await: the browser shows its prompt only for a user gesture.
    const asked = request([`https://${portal.host}/*`]).catch(() => false);
    setPhase('asking');
    void asked.then((granted) => setPhase(granted ? 'granted' : 'denied'));
  };
  return (
    <section class="card" data-testid="allow-tenant" aria-labelledby="allow-tenant-heading">
      <h2 id="allow-tenant-heading">{t('popup.allowTenant.heading')}</h2>
      <p>{t('popup.allowTenant.body', { host: portal.host, portal: portal.displayName })}</p>
      {(phase === 'offer' || phase === 'asking') && (
        <button type="button" data-testid="allow-tenant-button" onClick={start} disabled={phase === 'asking'}>
          {phase === 'asking' ? t('popup.watch.waiting') : t('popup.watch.button')}
        </button>
      )}
      <div role="status" aria-live="polite">
        {phase === 'granted' && <p class="ok" data-testid="allow-tenant-result">{t('popup.allowTenant.granted', { host: portal.host })}</p>}
        {phase === 'denied' && <p class="error" data-testid="allow-tenant-result">{t('popup.watch.denied', { host: portal.host })}</p>}
      </div>
    </section>
  );
}
