import { useState } from 'preact/hooks';
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
      <h2 id="allow-tenant-heading">Not watched yet</h2>
      <p>
        Portal Guard knows {portal.host} as {portal.displayName}, but your browser has not let it watch this address yet, so it cannot show breach notices or the sign-in state here.
      </p>
      {(phase === 'offer' || phase === 'asking') && (
        <button type="button" data-testid="allow-tenant-button" onClick={start} disabled={phase === 'asking'}>
          {phase === 'asking' ? 'Waiting for the browser…' : 'Watch this portal'}
        </button>
      )}
      <div role="status" aria-live="polite">
        {phase === 'granted' && <p class="ok" data-testid="allow-tenant-result">Portal Guard now watches {portal.host}. Reload the page to start.</p>}
        {phase === 'denied' && <p class="error" data-testid="allow-tenant-result">The browser did not give permission, so Portal Guard is not watching {portal.host}.</p>}
      </div>
    </section>
  );
}
