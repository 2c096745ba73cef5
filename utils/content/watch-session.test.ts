import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Classification } from '../session/classify';
import { watchSession } from './watch-session';

const OK = { ok: true as const, notices: [] };

function setBody(html: string) {
  document.body.innerHTML = html; // eslint-disable-line no-restricted-properties -- trusted test fixture
}

describe('watchSession', () => {
  let contexts: ContentScriptContext[] = [];
  const newContext = () => {
    const ctx = new ContentScriptContext('portal');
    contexts.push(ctx);
    return ctx;
  };

  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
    setBody('<form><input type="password"></form>');
  });
  afterEach(() => {
    contexts.forEach((ctx) => ctx.notifyInvalidated());
    contexts = [];
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reports the state at injection, then each change once, throttled', async () => {
    const reports: Classification[] = [];
    watchSession(newContext(), { report: async (result) => (reports.push(result), OK) });
    // Classified at once; sent (and the observers set up) in a microtask, right after.
    expect(reports).toEqual([]);
    await Promise.resolve();
    expect(reports.map((r) => r.state)).toEqual(['login']);

    setBody('<nav><a href="/logout">Log out</a></nav>');
    await vi.advanceTimersByTimeAsync(50);
    setBody('<nav><a href="/logout">Log out</a></nav><p>More content</p>');
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports.map((r) => r.state)).toEqual(['login', 'signed-in']);

    // Mutations that do not change the outcome send nothing.
    setBody('<nav><a href="/logout">Log out</a></nav><p>Other content</p>');
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports).toHaveLength(2);
  });

  it('keeps exactly one watcher when injected twice: the newer copy takes over', async () => {
    const first: Classification[] = [];
    const second: Classification[] = [];
    watchSession(newContext(), { report: async (result) => (first.push(result), OK) });
    // WXT's context tells the older copy to stop when a newer one starts (after an update).
    watchSession(newContext(), { report: async (result) => (second.push(result), OK) });
    await Promise.resolve();
    setBody('<a href="/logout">Log out</a>');
    await vi.advanceTimersByTimeAsync(1000);
    expect(first.map((r) => r.state)).toEqual(['login']);
    expect(second.map((r) => r.state)).toEqual(['login', 'signed-in']);
  });

  it('ignores a second start within the same live context', async () => {
    const reports: Classification[] = [];
    const ctx = newContext();
    watchSession(ctx, { report: async (result) => (reports.push(result), OK) });
    watchSession(ctx, { report: async (result) => (reports.push(result), OK) });
    await Promise.resolve();
    setBody('<a href="/logout">Log out</a>');
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports.map((r) => r.state)).toEqual(['login', 'signed-in']);
  });

  it('stops observing when its context is invalidated (extension update or reload)', async () => {
    const reports: Classification[] = [];
    const ctx = newContext();
    watchSession(ctx, { report: async (result) => (reports.push(result), OK) });
    ctx.notifyInvalidated();
    setBody('<a href="/logout">Log out</a>');
    await vi.advanceTimersByTimeAsync(2000);
    expect(reports).toHaveLength(1);

    // A fresh copy after the update takes over.
    watchSession(newContext(), { report: async (result) => (reports.push(result), OK) });
    await Promise.resolve();
    expect(reports.map((r) => r.state)).toEqual(['login', 'signed-in']);
  });

  it('looks for a password form only when the page is idle, once for checks in between', async () => {
    // happy-dom has no requestIdleCallback; the browsers' runs the callback when the page is idle.
    vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => setTimeout(() => callback({ didTimeout: false, timeRemaining: () => 10 }), 50));
    vi.stubGlobal('cancelIdleCallback', (id: number) => clearTimeout(id));
    const checked: string[] = [];
    const reports: Classification[] = [];
    watchSession(newContext(), { report: async (result) => (reports.push(result), OK), onCheck: () => checked.push('check') });
    await Promise.resolve();
    // Classified and reported without waiting for the form search.
    expect(reports).toHaveLength(1);
    expect(checked).toEqual([]);
    setBody('<form><input type="password"></form><p>changed</p>');
    await vi.advanceTimersByTimeAsync(20);
    setBody('<form><input type="password"></form><p>changed again</p>');
    await vi.advanceTimersByTimeAsync(30);
    expect(checked).toEqual(['check']);
    await vi.advanceTimersByTimeAsync(600);
    expect(checked).toEqual(['check', 'check']);
  });

  it('reports again when the tab is shown again, so a dismissal confirmed in another tab reaches the banner', async () => {
    const reports: Classification[] = [];
    const notices: number[] = [];
    let relevant = 1;
    watchSession(newContext(), { report: async (result) => (reports.push(result), { ...OK, notices: Array.from({ length: relevant }, () => ({ id: 'nz-managemyhealth-2025-12', title: 't', why: 'w', taken: 'x' })) }), onUpdate: (_state, shown) => notices.push(shown.length) });
    await vi.advanceTimersByTimeAsync(10);
    relevant = 0;
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports.map((r) => r.state)).toEqual(['login', 'login']);
    expect(notices).toEqual([1, 0]);
  });

  it('reports again after a failed send, so a restarting background catches up', async () => {
    let fail = true;
    const reports: Classification[] = [];
    watchSession(newContext(), {
      report: async (result) => {
        if (fail) throw new Error('Could not establish connection');
        reports.push(result);
        return OK;
      },
    });
    fail = false;
    await vi.advanceTimersByTimeAsync(0);
    setBody('<form><input type="password"></form><p>re-render</p>');
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports.map((r) => r.state)).toEqual(['login']);
  });
});

describe('watchSession: the platform on a watched host', () => {
  const ECW = 'https://mycw52.eclinicalweb.com/portal6061/jsp/100mp/login.jsp';
  let ctx: ContentScriptContext | undefined;
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
  });
  afterEach(() => {
    ctx?.notifyInvalidated();
    vi.useRealTimers();
  });

  it('detects the platform once the reply brings the signal table, and reports it', async () => {
    // An eClinicalWorks practice portal the patient watches: named by its host and path.
    setBody('<form><input name="username"><input type="password" name="password"></form>');
    const { signalTable } = await import('../portals/platform-signals');
    const { CATALOGUE } = await import('../portals/catalogue');
    const platforms = signalTable(CATALOGUE as Parameters<typeof signalTable>[0]);
    const reports: { detection?: { platformId: string; matched: string[] } }[] = [];
    ctx = new ContentScriptContext('portal');
    watchSession(ctx, { href: () => ECW, report: async (result) => (reports.push(result), { ...OK, platforms }) });
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports.map((report) => report.detection)).toEqual([undefined, { platformId: 'healow', matched: ['ecw-host', 'ecw-login-path'] }]);
  });

  it('reports no platform where the reply brings no table (a catalogue host)', async () => {
    setBody('<form><input type="password"></form>');
    const reports: { detection?: unknown }[] = [];
    ctx = new ContentScriptContext('portal');
    watchSession(ctx, { href: () => ECW, report: async (result) => (reports.push(result), OK) });
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.detection).toBeUndefined();
  });
});
