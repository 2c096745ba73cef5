import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BannerNotice } from '../messaging/protocol';
import { createBannerController, type BannerUi } from './banner';

const notice = { id: 'nz-managemyhealth-2025-12', title: 't', why: 'w', taken: 'x' } satisfies BannerNotice;

describe('createBannerController', () => {
  const ctx = new ContentScriptContext('portal');
  afterEach(() => vi.restoreAllMocks());

  function setup() {
    const ui: BannerUi = { show: vi.fn(), hide: vi.fn() };
    const load = vi.fn(async () => ui);
    return { ui, load, controller: createBannerController(ctx, load) };
  }

  it.each([
    ['signed-out', [notice]],
    ['unknown', [notice]],
    ['login', []],
    ['signed-in', []],
  ] as const)('does not load the banner code for %s with %j notices', async (state, notices) => {
    const { load, controller } = setup();
    controller.update(state, [...notices]);
    await Promise.resolve();
    expect(load).not.toHaveBeenCalled();
  });

  it.each(['login', 'signed-in'] as const)('loads once and shows on %s with a notice, then hides when signed out', async (state) => {
    const { ui, load, controller } = setup();
    controller.update(state, [notice]);
    controller.update(state, [notice]);
    await vi.waitFor(() => expect(ui.show).toHaveBeenCalledTimes(2));
    expect(load).toHaveBeenCalledTimes(1);
    controller.update('signed-out', [notice]);
    await vi.waitFor(() => expect(ui.hide).toHaveBeenCalledTimes(1));
  });

  it('tries again later when the banner code failed to load', async () => {
    const ui: BannerUi = { show: vi.fn(), hide: vi.fn() };
    const load = vi.fn().mockRejectedValueOnce(new Error('missing')).mockResolvedValue(ui);
    const controller = createBannerController(ctx, load);
    controller.update('login', [notice]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    controller.update('login', [notice]);
    await vi.waitFor(() => expect(ui.show).toHaveBeenCalled());
    expect(load).toHaveBeenCalledTimes(2);
  });
});
