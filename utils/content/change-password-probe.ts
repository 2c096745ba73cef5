import { sendMessage } from '../messaging/send';
import type { ProbeResult } from '../guide/state';
import { probeChangePassword } from '../guide/well-known';
import { isolatedSlot } from './isolated-slot';

const started = isolatedSlot<Promise<void>>(Symbol.for('portal-guard.change-password-probe'));

/**
 * Run the same-origin well-known check once per page and report it. Called by the content script
 * when the session reply asks for it, and by the banner after "Secure your account"; the guard is
 * a symbol on the isolated world's global, which both bundles share and the page cannot see.
 */
export function runChangePasswordProbe({ origin = location.origin, probe = probeChangePassword, send = (result: ProbeResult) => sendMessage('cs-bg/change-password-probe', { result }) } = {}): Promise<void> {
  let running = started.get();
  if (!running) {
    running = probe(origin).then(
      (result) => send(result).then(() => undefined),
      () => undefined,
    ).catch(() => {
      // The background may be restarting: let a later page try again.
      started.set(undefined);
    });
    started.set(running);
  }
  return running;
}
