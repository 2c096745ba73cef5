import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { assistantBundle, bannerBundle, strengthBundle } from './bundles';
import { isolatedSlot } from './isolated-slot';
import { defineLazyBundle } from './lazy-bundle';
import { bundleLoader, injectFromBackground, type RunBundle } from './load-bundle';

type Mount = (name: string) => string;
const mount: Mount = (name) => `mounted ${name}`;

// A fresh key per test: the slots live on the test's global, as they do on the isolated world's.
let keys = 0;
const freshKey = () => Symbol.for(`portal-guard.test-bundle-${++keys}`);

/**
 * The content script's half and the bundle's half, as two separate builds have them: two
 * definitions that share only the name and the `Symbol.for` key. The fake runner runs the bundle
 * (as Chrome's import or Firefox's injection would), which registers `registers` (nothing for null).
 */
function setup({ registers = mount as Mount | null, fails = false } = {}) {
  const key = freshKey();
  const bundle = defineLazyBundle<Mount>('banner', key);
  const importScript = vi.fn<RunBundle>(async () => {
    await Promise.resolve();
    if (fails) throw new TypeError('Failed to fetch dynamically imported module');
    if (registers) bundle.register(registers);
  });
  return { key, bundle, importScript, loader: bundleLoader(defineLazyBundle<Mount>('banner', key), importScript) };
}

describe('bundleLoader', () => {
  it('runs the bundle and gives back what it registered', async () => {
    const { loader, importScript } = setup();
    const loaded = await loader.load();
    expect(loaded).toBe(mount);
    expect(loaded('banner')).toBe('mounted banner');
    expect(importScript).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ name: 'banner', path: '/banner.js' }));
  });

  it('does not import again once the bundle has registered', async () => {
    const { loader, importScript } = setup();
    await loader.load();
    await loader.load();
    expect(importScript).toHaveBeenCalledTimes(1);
  });

  it('does not import a bundle that already registered (another copy loaded it)', async () => {
    const { bundle, loader, importScript } = setup();
    bundle.register(mount);
    expect(await loader.load()).toBe(mount);
    expect(importScript).not.toHaveBeenCalled();
  });

  it('imports once when two callers load at the same time', async () => {
    const { loader, importScript } = setup();
    const [first, second] = await Promise.all([loader.load(), loader.load()]);
    expect(first).toBe(mount);
    expect(second).toBe(mount);
    expect(importScript).toHaveBeenCalledTimes(1);
  });

  it('fails clearly when the bundle loads but registers nothing, and tries again on the next load', async () => {
    const { loader, importScript } = setup({ registers: null });
    await expect(loader.load()).rejects.toThrow('/banner.js loaded but registered nothing under Symbol(portal-guard.test-bundle-');
    await expect(loader.load()).rejects.toThrow(/registered nothing/);
    expect(importScript).toHaveBeenCalledTimes(2);
  });

  it('passes on a failed import to everyone waiting, and tries again on the next load', async () => {
    const { key, loader, importScript } = setup({ fails: true });
    const waiting = [loader.load(), loader.load()];
    for (const load of waiting) await expect(load).rejects.toThrow('Failed to fetch dynamically imported module');
    expect(importScript).toHaveBeenCalledTimes(1);

    importScript.mockImplementationOnce(async () => defineLazyBundle<Mount>('banner', key).register(mount));
    expect(await loader.load()).toBe(mount);
    expect(importScript).toHaveBeenCalledTimes(2);
  });

  it('keeps bundles with different keys apart', async () => {
    const banner = setup();
    const other = setup({ registers: () => 'other' });
    expect((await banner.loader.load())('x')).toBe('mounted x');
    expect((await other.loader.load())('x')).toBe('other');
  });
});

describe('the three bundles', () => {
  it.each([
    [bannerBundle, 'banner', '/banner.js', 'portal-guard.banner'],
    [assistantBundle, 'password-assistant', '/password-assistant.js', 'portal-guard.password-assistant'],
    [strengthBundle, 'password-strength', '/password-strength.js', 'portal-guard.password-strength'],
  ] as const)('%#: %s is the built file %s, registering under %s', (bundle, name, path, key) => {
    expect(bundle.name).toBe(name);
    expect(bundle.path).toBe(path);
    expect(bundle.key).toBe(Symbol.for(key));
  });
});

describe('Firefox: the background injects the bundle', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks by the bundle’s name only, never a path or URL', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, value: { ok: true } } as never);
    await injectFromBackground(strengthBundle);
    expect(send).toHaveBeenCalledExactlyOnceWith({ name: 'cs-bg/load-bundle', payload: { bundle: 'password-strength' } });
  });

  it('passes on the background’s refusal, so the loader tries again next time', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: false, error: 'refused: https://www.example.com/ is not a page Portal Guard’s content script runs on' } as never);
    const loader = bundleLoader(defineLazyBundle<Mount>('banner', freshKey()), injectFromBackground);
    await expect(loader.load()).rejects.toThrow('cs-bg/load-bundle: refused: https://www.example.com/');
  });
});

describe('isolatedSlot', () => {
  it('is shared by every slot with the same Symbol.for key, and can be emptied', () => {
    const key = freshKey();
    const mine = isolatedSlot<number>(key);
    expect(mine.get()).toBeUndefined();
    mine.set(42);
    expect(isolatedSlot<number>(key).get()).toBe(42);
    expect(isolatedSlot<number>(freshKey()).get()).toBeUndefined();
    mine.set(undefined);
    expect(isolatedSlot<number>(key).get()).toBeUndefined();
  });
});
