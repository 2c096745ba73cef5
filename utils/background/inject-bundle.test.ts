import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dispatch, type Sender } from '../messaging/listen';
import { CATALOGUE, type Portal } from '../portals';
import { portalMatchPatterns } from '../portals/match-patterns';
import { onLoadBundle, type InjectBundleDeps } from './inject-bundle';
import { SCRIPT_ID_PREFIX } from './portal-scripts';
import { isScriptable, type ScriptableDeps } from './scriptable';

// fakeBrowser's own id and origin: dispatch() checks senders against them, as the background does.
const ID = fakeBrowser.runtime.id;
const EXTENSION = fakeBrowser.runtime.getURL('/');

// A patient's watched portal (an unlisted MyChart tenant; UW Health's real sign-in address), whose
// origin they granted from the options page, so its registered script runs there.
const UW = 'https://mychart.uwhealth.org/MyChart/Authentication/Login';
const scriptableDeps = (granted: string[]): ScriptableDeps => ({
  manifestMatches: () => portalMatchPatterns(CATALOGUE as readonly Portal[]),
  registered: async () => [{ id: `${SCRIPT_ID_PREFIX}user:uwhealth`, matches: ['https://mychart.uwhealth.org/*'] }],
  granted: async (origin) => granted.includes(origin),
});

function setup({ firefox = true, granted = ['https://mychart.uwhealth.org'], inject = vi.fn<InjectBundleDeps['inject']>(async () => [{ frameId: 0, result: undefined }]) } = {}) {
  const deps: InjectBundleDeps = { firefox, scriptable: (url) => isScriptable(url, scriptableDeps(granted)), inject };
  const send = (payload: unknown, sender: Sender) => dispatch({ name: 'cs-bg/load-bundle', payload }, sender, { 'cs-bg/load-bundle': (request, from) => onLoadBundle(request, from, deps) });
  return { inject, send };
}

/** Our content script in a tab's top frame, as Firefox reports it. */
const contentScript = (url: string, tabId = 7): Sender => ({ id: ID, tab: { id: tabId } as Sender['tab'], frameId: 0, url });

beforeEach(() => fakeBrowser.reset());

describe('cs-bg/load-bundle injects a bundle into the sender’s own frame', () => {
  it.each([
    ['the banner on Manage My Health’s sign-in page', 'banner', 'https://portal.managemyhealth.co.nz/', '/banner.js'],
    ['the assistant on a MyChart tenant’s password page', 'password-assistant', 'https://mychart.clevelandclinic.org/MyChart/Security/ChangePassword', '/password-assistant.js'],
    ['the estimator on the NHS App', 'password-strength', 'https://www.nhsapp.service.nhs.uk/account/password', '/password-strength.js'],
    ['the banner on a patient’s watched portal whose origin they granted', 'banner', UW, '/banner.js'],
  ])('%s', async (_name, bundle, url, file) => {
    const { inject, send } = setup();
    expect(await send({ bundle }, contentScript(url, 41))).toEqual({ ok: true, value: { ok: true } });
    expect(inject).toHaveBeenCalledExactlyOnceWith({ target: { tabId: 41, frameIds: [0] }, files: [file] });
  });

  it('passes on the browser’s refusal to inject', async () => {
    const { send } = setup({ inject: vi.fn(async () => Promise.reject(new Error('Missing host permission for the tab or frames'))) });
    expect(await send({ bundle: 'banner' }, contentScript('https://portal.managemyhealth.co.nz/'))).toEqual({ ok: false, error: 'Missing host permission for the tab or frames' });
  });
});

describe('cs-bg/load-bundle refuses, and injects nothing', () => {
  it.each<[string, unknown, Sender, RegExp]>([
    ['an unknown bundle name', { bundle: 'export-review' }, contentScript('https://portal.managemyhealth.co.nz/'), /^invalid payload: .*bundle/s],
    ['a path instead of a name', { bundle: '/background.js' }, contentScript('https://portal.managemyhealth.co.nz/'), /^invalid payload: .*bundle/s],
    ['a bundle’s file name', { bundle: 'banner.js' }, contentScript('https://portal.managemyhealth.co.nz/'), /^invalid payload: .*bundle/s],
    ['a path that climbs out', { bundle: '../banner' }, contentScript('https://portal.managemyhealth.co.nz/'), /^invalid payload: .*bundle/s],
    ['a URL', { bundle: 'https://attacker.example/banner.js' }, contentScript('https://portal.managemyhealth.co.nz/'), /^invalid payload: .*bundle/s],
    ['a file beside a good name', { bundle: 'banner', files: ['/background.js'] }, contentScript('https://portal.managemyhealth.co.nz/'), /^invalid payload: .*files/s],
    ['an extension page (the popup)', { bundle: 'banner' }, { id: ID, url: `${EXTENSION}popup.html` }, /^sender not allowed$/],
    ['an extension page open in a tab', { bundle: 'banner' }, { id: ID, tab: { id: 7 } as Sender['tab'], frameId: 0, url: `${EXTENSION}options.html` }, /^sender not allowed$/],
    ['another extension’s content script', { bundle: 'banner' }, { ...contentScript('https://portal.managemyhealth.co.nz/'), id: 'someone-else@example.org' }, /^sender not allowed$/],
    ['a plain http page', { bundle: 'banner' }, contentScript('http://portal.managemyhealth.co.nz/'), /^sender not allowed$/],
    ['a frame inside the portal', { bundle: 'banner' }, { ...contentScript('https://portal.managemyhealth.co.nz/'), frameId: 3 }, /^sender not allowed$/],
    ['an https page our content script does not run on', { bundle: 'banner' }, contentScript('https://www.example.com/'), /^refused: https:\/\/www\.example\.com is not a page Portal Guard’s content script runs on$/],
    ['a look-alike of a portal', { bundle: 'banner' }, contentScript('https://managemyhealth-login.co.nz/'), /^refused: https:\/\/managemyhealth-login\.co\.nz is not a page/],
  ])('%s', async (_name, payload, sender, error) => {
    const { inject, send } = setup();
    const reply = await send(payload, sender);
    expect(reply.ok).toBe(false);
    expect(reply.ok ? '' : reply.error).toMatch(error);
    expect(inject).not.toHaveBeenCalled();
  });

  it('a watched portal whose permission the patient withdrew', async () => {
    const { inject, send } = setup({ granted: [] });
    expect(await send({ bundle: 'banner' }, contentScript(UW))).toEqual({ ok: false, error: 'refused: https://mychart.uwhealth.org is not a page Portal Guard’s content script runs on' });
    expect(inject).not.toHaveBeenCalled();
  });

  it('in the Chrome build, whose content script imports bundles itself', async () => {
    const { inject, send } = setup({ firefox: false });
    expect(await send({ bundle: 'banner' }, contentScript('https://portal.managemyhealth.co.nz/'))).toEqual({ ok: false, error: 'refused: only the Firefox build injects lazy bundles; Chrome’s content script imports them' });
    expect(inject).not.toHaveBeenCalled();
  });

  // The handler checks the sender again, should it ever be reached without dispatch's checks.
  it.each<[string, Sender, RegExp]>([
    ['no tab', { id: ID, frameId: 0, url: 'https://portal.managemyhealth.co.nz/' }, /not sent by our content script/],
    ['a frame inside the portal', { ...contentScript('https://portal.managemyhealth.co.nz/'), frameId: 2 }, /not sent by our content script/],
    ['no address', { id: ID, tab: { id: 7 } as Sender['tab'], frameId: 0 }, /no address/],
    ['an extension page in a tab', { id: ID, tab: { id: 7 } as Sender['tab'], frameId: 0, url: `${EXTENSION}popup.html` }, /pages get no bundles, only https portals/],
    ['a plain http page', contentScript('http://portal.managemyhealth.co.nz/'), /^refused: http: pages get no bundles/],
  ])('called directly: %s', async (_name, sender, error) => {
    const inject = vi.fn<InjectBundleDeps['inject']>();
    await expect(onLoadBundle({ bundle: 'banner' }, sender, { firefox: true, scriptable: async () => true, inject })).rejects.toThrow(error);
    expect(inject).not.toHaveBeenCalled();
  });
});
