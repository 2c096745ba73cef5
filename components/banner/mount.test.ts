import { describe, expect, it, vi } from 'vitest';
import { bannerActions } from './mount';

function setup(reply: unknown = { ok: true, probeChangePassword: false }) {
  const send = vi.fn(async () => reply);
  const probe = vi.fn(async () => {});
  const onDismissed = vi.fn();
  return { send, probe, onDismissed, actions: bannerActions({ send: send as never, probe, onDismissed }) };
}

describe('the banner’s actions', () => {
  it('"Secure your account" opens the password guide for this portal (no notice id: the background uses the sender’s portal)', async () => {
    const { send, probe, actions } = setup();
    actions.secure('nz-managemyhealth-2025-12');
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('cs-bg/open-guide', {}));
    expect(send).toHaveBeenCalledTimes(1);
    expect(probe).not.toHaveBeenCalled();
  });

  it('runs the well-known check when the background asks for it', async () => {
    const { probe, actions } = setup({ ok: true, probeChangePassword: true });
    actions.secure('nz-managemyhealth-2025-12');
    await vi.waitFor(() => expect(probe).toHaveBeenCalledTimes(1));
  });

  it('a refused request changes nothing on the page', async () => {
    const send = vi.fn(async () => Promise.reject(new Error('cs-bg/open-guide: not on a portal')));
    const probe = vi.fn();
    bannerActions({ send: send as never, probe, onDismissed: vi.fn() }).secure('x');
    await vi.waitFor(() => expect(send).toHaveBeenCalled());
    expect(probe).not.toHaveBeenCalled();
  });

  it('"Show details" still opens the notice page, and "Dismiss" dismisses', async () => {
    const { send, onDismissed, actions } = setup({ ok: true });
    actions.details('nz-managemyhealth-2025-12');
    actions.dismiss('nz-managemyhealth-2025-12');
    expect(send).toHaveBeenCalledWith('cs-bg/open-notice', { noticeId: 'nz-managemyhealth-2025-12', section: 'details' });
    expect(send).toHaveBeenCalledWith('cs-bg/dismiss-notice', { noticeId: 'nz-managemyhealth-2025-12' });
    expect(onDismissed).toHaveBeenCalledWith('nz-managemyhealth-2025-12');
  });
});
