import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { browser } from 'wxt/browser';
import { CATALOGUE } from '../portals/catalogue';
import { platformDetectionSchema } from '../portals/platform-detection';
import { signalTable, type SignalTable } from '../portals/platform-signals';
import type { Portal } from '../portals/schema';
import { PAGE_CHECK_TABLE, runPageCheck } from '../content/page-check';
import { checkPage } from './check-page';

type Scripting = Pick<typeof browser.scripting, 'executeScript'>;
const TABLE = signalTable(CATALOGUE as readonly Portal[]);
const MYCHART = readFileSync(join(import.meta.dirname, '../../test/fixtures/platform-pages/mychart-login.html'), 'utf8');

/**
 * A fake `scripting` that runs what the popup injects against a parsed page, in this test's global
 * (standing in for the tab's isolated world): a function with its arguments, or check-page.js.
 */
function fakeTab(html: string, url: string, { pageResult }: { pageResult?: unknown } = {}) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const calls: string[] = [];
  const scripting = {
    executeScript: async (injection: { func?: (...args: never[]) => unknown; args?: unknown[]; files?: string[] }) => {
      if (injection.func) {
        calls.push('func');
        (injection.func as (...args: unknown[]) => unknown)(...(injection.args ?? []));
        return [{ documentId: 'd', frameId: 0, result: undefined }];
      }
      calls.push(injection.files!.join());
      return [{ documentId: 'd', frameId: 0, result: pageResult ?? runPageCheck(doc, new URL(url)) }];
    },
  } as unknown as Scripting;
  return { scripting, calls };
}

const slot = () => (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(PAGE_CHECK_TABLE)];

describe('checkPage', () => {
  beforeEach(() => {
    (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(PAGE_CHECK_TABLE)] = undefined;
  });

  it('hands the table into the page, then classifies and names an unlisted MyChart tenant with its registrable domain', async () => {
    const { scripting, calls } = fakeTab(MYCHART, 'https://mychart.uwhealth.org/MyChart/Authentication/Login');
    const result = await checkPage(9, { scripting, signals: async () => TABLE });
    expect(calls).toEqual(['func', '/check-page.js']);
    expect(result.classification.state).toBe('login');
    expect(platformDetectionSchema.parse(result.detection)).toEqual({
      platformId: 'epic-mychart',
      platformName: 'MyChart',
      host: 'mychart.uwhealth.org',
      registrableDomain: 'uwhealth.org',
      state: 'login',
      matched: ['mychart-login-path', 'mychart-prelogin-script', 'mychart-wp-script', 'mychart-prelogin-style', 'mychart-jsenabled-field'],
    });
    // The page script took the table away again: nothing stays in the tab.
    expect(slot()).toBeUndefined();
  });

  it('still classifies the page when the background gives no table', async () => {
    const { scripting, calls } = fakeTab(MYCHART, 'https://mychart.uwhealth.org/MyChart/Authentication/Login');
    const result = await checkPage(9, { scripting, signals: async () => Promise.reject(new Error('no background')) });
    expect(calls).toEqual(['/check-page.js']);
    expect(result).toEqual({ classification: { state: 'login', evidence: ['password-field', 'login-path'] } });
  });

  it('keeps the current text working: the classification of a page no platform matches', async () => {
    const { scripting } = fakeTab('<form><input type="password"></form>', 'https://www.example-clinic.org/sign-in');
    expect(await checkPage(9, { scripting, signals: async () => TABLE })).toEqual({ classification: { state: 'login', evidence: ['password-field', 'login-path'] } });
  });

  it.each([
    ['a result that is not an object', 'hello'],
    ['a detection with a forged host', { classification: { state: 'login', evidence: [] }, detection: { platformId: 'epic-mychart', platformName: 'MyChart', host: 'Evil Host', matched: ['x'] } }],
    ['an unknown state', { classification: { state: 'owned', evidence: [] } }],
  ])('refuses %s', async (_label, pageResult) => {
    const { scripting } = fakeTab(MYCHART, 'https://mychart.uwhealth.org/MyChart/Authentication/Login', { pageResult });
    await expect(checkPage(9, { scripting, signals: async () => TABLE })).rejects.toThrow('The page could not be checked.');
  });

  it('names no platform where the host has no registrable domain', async () => {
    const { scripting } = fakeTab(MYCHART, 'https://mychart.uwhealth.org/MyChart/Authentication/Login');
    const result = await checkPage(9, { scripting, signals: async () => TABLE, registrableDomain: async () => undefined });
    expect(result.detection).toBeUndefined();
    expect(result.classification.state).toBe('login');
  });

  it('runs the page check without a table as the plain classifier', () => {
    const doc = new DOMParser().parseFromString(MYCHART, 'text/html');
    expect(runPageCheck(doc, new URL('https://mychart.uwhealth.org/MyChart/Authentication/Login')).detection).toBeUndefined();
    const table: SignalTable = TABLE;
    (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(PAGE_CHECK_TABLE)] = table;
    expect(runPageCheck(doc, new URL('https://mychart.uwhealth.org/MyChart/Authentication/Login')).detection?.platformId).toBe('epic-mychart');
  });
});
