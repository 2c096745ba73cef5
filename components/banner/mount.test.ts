import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { protocol } from '@/utils/messaging/protocol';
import type { BannerNotice } from '@/utils/messaging/protocol';
import { bannerActions, mountBanner } from './mount';

function setup(reply: unknown = { ok: true, probeChangePassword: false }) {
  const send = vi.fn(async () => reply);
  const probe = vi.fn(async () => {});
  return { send, probe, actions: bannerActions({ send: send as never, probe }) };
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
    bannerActions({ send: send as never, probe }).secure('x');
    await vi.waitFor(() => expect(send).toHaveBeenCalled());
    expect(probe).not.toHaveBeenCalled();
  });

  it('"Show details" opens the notice page; "Dismiss" only opens it at the question, saving nothing (issue 14, item 1)', async () => {
    const { send, actions } = setup({ ok: true });
    actions.details('nz-managemyhealth-2025-12');
    actions.dismiss('nz-managemyhealth-2025-12');
    expect(send.mock.calls).toEqual([
      ['cs-bg/open-notice', { noticeId: 'nz-managemyhealth-2025-12', section: 'details' }],
      ['cs-bg/open-notice', { noticeId: 'nz-managemyhealth-2025-12', section: 'dismiss' }],
    ]);
  });

  it('no message a content script may send saves a dismissal: only an extension page can', () => {
    const dismissing = Object.entries(protocol).filter(([name]) => name.includes('dismiss'));
    expect(dismissing.map(([name, spec]) => [name, spec.from])).toEqual([['ui-bg/dismiss-notice', 'extension-page']]);
  });
});

const NOTICE: BannerNotice = { id: 'nz-managemyhealth-2025-12', title: 'Manage My Health: documents copied', why: 'You are on portal.managemyhealth.co.nz, which is Manage My Health; notice added 1 Jan 2026.', taken: 'Referral letters' };

describe('a page that removes the banner (issue 14, item 1)', () => {
  let ctx: ContentScriptContext;
  beforeEach(() => {
    ctx = new ContentScriptContext('portal');
    document.body.replaceChildren(Object.assign(document.createElement('h1'), { textContent: 'Sign in' }));
  });
  afterEach(() => {
    ctx.abort();
    document.body.replaceChildren();
  });
  const banner = () => document.querySelector('portal-guard-banner');

  it.each([
    ['removes it', () => banner()?.remove()],
    ['moves it into a hidden box', () => {
      const box = Object.assign(document.createElement('div'), { hidden: true });
      document.body.append(box);
      box.append(banner()!);
    }],
    ['replaces the whole body', () => document.documentElement.replaceChild(document.createElement('body'), document.body)],
  ])('gets it back at the top of the page when the page %s', async (_how, attack) => {
    const ui = await mountBanner(ctx);
    ui.show([NOTICE]);
    expect(banner()?.parentNode).toBe(document.body);
    attack();
    await vi.waitFor(() => expect(banner()?.parentNode).toBe(document.body));
    expect(document.body.firstElementChild?.tagName.toLowerCase()).toBe('portal-guard-banner');
  });

  it('does not come back once no notice is relevant, nor after the extension context ends', async () => {
    const ui = await mountBanner(ctx);
    ui.show([NOTICE]);
    ui.hide();
    document.body.append(document.createElement('p'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(banner()).toBeNull();
    ui.show([NOTICE]);
    ctx.abort();
    await vi.waitFor(() => expect(banner()).toBeNull());
    document.body.append(document.createElement('p'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(banner()).toBeNull();
  });

  it('is rate-limited, so a page that removes it every time cannot make us loop', async () => {
    let clock = 0;
    const ui = await mountBanner(ctx, { remounts: { max: 3, windowMs: 60_000, now: () => clock } });
    ui.show([NOTICE]);
    let added = 0;
    const page = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof Element && node.tagName.toLowerCase() === 'portal-guard-banner') {
            added++;
            node.remove();
          }
        }
      }
    });
    page.observe(document.body, { childList: true });
    banner()?.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(added).toBe(3);
    // A minute later it may come back again.
    page.disconnect();
    clock += 60_001;
    document.body.append(document.createElement('p'));
    await vi.waitFor(() => expect(banner()?.parentNode).toBe(document.body));
  });
});
