import { describe, expect, it, vi } from 'vitest';
import { dispatch, listenForMessages, type Handlers, type Sender } from './listen';
import { protocol, type MessageName } from './protocol';

const extension = { id: 'portal-guard-id', origin: 'chrome-extension://portal-guard-id/' };
const contentSender: Sender = { id: extension.id, tab: { id: 7 } as Sender['tab'], frameId: 0, url: 'https://portal.managemyhealth.co.nz/dashboard' };
const popupSender: Sender = { id: extension.id, url: 'chrome-extension://portal-guard-id/popup.html' };
const page = (path: string): Sender => ({ id: extension.id, url: `chrome-extension://portal-guard-id/${path}` });
const goodReport = { name: 'cs-bg/session', payload: { state: 'signed-in', evidence: ['logout-control'], path: '/dashboard' } };

describe('dispatch', () => {
  const handlers = {
    'cs-bg/session': vi.fn(async () => ({ ok: true as const, notices: [] })),
    'ui-bg/tab-status': vi.fn(async () => ({ lookup: 'none' as const, notices: [] })),
  };

  it.each([
    ['a report from our content script in a top frame', goodReport, contentSender, true],
    ['a report from another extension', goodReport, { ...contentSender, id: 'someone-else' }, false],
    ['a report from an iframe', goodReport, { ...contentSender, frameId: 3 }, false],
    ['a report from a plain-http page', goodReport, { ...contentSender, url: 'http://portal.managemyhealth.co.nz/' }, false],
    ['a report with no tab (an extension page pretending)', goodReport, popupSender, false],
    ['a tab-status request from the popup', { name: 'ui-bg/tab-status', payload: { tabId: 7 } }, popupSender, true],
    ['a tab-status request from a content script', { name: 'ui-bg/tab-status', payload: { tabId: 7 } }, contentSender, false],
    ['a tab-status request from a look-alike extension origin', { name: 'ui-bg/tab-status', payload: { tabId: 7 } }, { ...popupSender, url: 'chrome-extension://portal-guard-id-evil/popup.html' }, false],
  ])('%s → allowed: %s', async (_name, message, sender, allowed) => {
    const reply = await dispatch(message, sender, handlers, extension);
    expect(reply.ok).toBe(allowed);
    if (!allowed && !reply.ok) expect(reply.error).toMatch(/^sender not allowed/);
  });

  it.each([
    ['not an object', 'hello'],
    ['an unknown name', { name: 'bg-cs/run', payload: {} }],
    ['a prototype-polluting name', { name: '__proto__', payload: {} }],
  ])('refuses %s as an unknown message', async (_name, message) => {
    expect(await dispatch(message, contentSender, handlers, extension)).toEqual({ ok: false, error: 'unknown message' });
  });

  it.each([
    ['an unknown state', { state: 'admin', evidence: [], path: '/' }],
    ['a path that is a full URL (an attempt to name another origin)', { state: 'login', evidence: [], path: 'https://evil.example/' }],
    ['no path', { state: 'login', evidence: [] }],
    ['extra fields', { state: 'login', evidence: [], path: '/', portal: 'managemyhealth' }],
    ['too much evidence', { state: 'login', evidence: Array(20).fill('x'), path: '/' }],
    ['a huge evidence string', { state: 'login', evidence: ['x'.repeat(1000)], path: '/' }],
  ])('refuses a payload with %s, without calling the handler', async (_name, payload) => {
    handlers['cs-bg/session'].mockClear();
    const reply = await dispatch({ name: 'cs-bg/session', payload }, contentSender, handlers, extension);
    expect(reply.ok).toBe(false);
    expect(handlers['cs-bg/session']).not.toHaveBeenCalled();
  });

  it('turns a handler failure into an error reply instead of throwing', async () => {
    const reply = await dispatch(goodReport, contentSender, { 'cs-bg/session': async () => Promise.reject(new Error('storage full')) }, extension);
    expect(reply).toEqual({ ok: false, error: 'storage full' });
  });

  it('refuses a handler reply that breaks the protocol', async () => {
    const reply = await dispatch(goodReport, contentSender, { 'cs-bg/session': async () => ({ ok: 'yes' }) as never }, extension);
    expect(reply.ok).toBe(false);
  });
});

/**
 * Issue 14, item 7: each extension-page message names the exact pages that may send it, so a page
 * we ship for one purpose (the export review, which reads a patient's files) cannot drive the
 * background's other features, and the refusal says why.
 */
describe('extension-page messages come only from the pages that send them', () => {
  const handlers: Partial<Handlers> = {
    'ui-bg/tab-status': vi.fn(async () => ({ lookup: 'none' as const, notices: [] })),
    'ui-bg/guide-event': vi.fn(async () => ({ ok: true as const, finished: false })),
    'ui-bg/check-feed-now': vi.fn(async () => ({ ok: true as const, outcome: 'not-modified' as const })),
  };
  const guideEvent = { name: 'ui-bg/guide-event', payload: { portalId: 'managemyhealth', event: { type: 'finish' } } };
  const tabStatus = { name: 'ui-bg/tab-status', payload: { tabId: 7 } };
  const checkFeed = { name: 'ui-bg/check-feed-now', payload: {} };

  it.each([
    ['the popup asks for a tab’s status', tabStatus, 'popup.html', true],
    ['the popup opened as a page, with its tab id', tabStatus, 'popup.html?tabId=7', true],
    ['the guide page changes a guide', guideEvent, 'guide.html?portal=managemyhealth&host=portal.managemyhealth.co.nz', true],
    ['the options page asks for a feed check', checkFeed, 'options.html', true],
    ['the export review page asks for a tab’s status', tabStatus, 'export-review.html', false],
    ['the notice page changes a guide', guideEvent, 'notice.html?id=nz-managemyhealth-2025-12', false],
    ['the popup changes a guide', guideEvent, 'popup.html', false],
    ['the guide page asks for a feed check', checkFeed, 'guide.html?portal=managemyhealth', false],
    ['a page we do not ship', checkFeed, 'evil.html', false],
    ['a path that only ends like the options page', checkFeed, 'x/options.html', false],
  ])('%s (%s from %s) → allowed: %s', async (_name, message, path, allowed) => {
    const reply = await dispatch(message, page(path), handlers, extension);
    expect(reply.ok).toBe(allowed);
    if (!allowed && !reply.ok) expect(reply.error).toBe(`sender not allowed: ${message.name} is not sent from /${path.split('?')[0]}`);
  });

  it('every extension-page message names at least one page, and only pages we ship', () => {
    const shipped = ['/popup.html', '/notice.html', '/guide.html', '/options.html', '/export-review.html'];
    for (const [name, spec] of Object.entries(protocol)) {
      if (spec.from !== 'extension-page') continue;
      expect(spec.pages.length, name).toBeGreaterThan(0);
      for (const path of spec.pages) expect(shipped, name).toContain(path);
    }
  });
});

describe('listenForMessages', () => {
  it('takes a handler for every message, checked by the compiler', () => {
    const complete = Object.fromEntries(Object.keys(protocol).map((name) => [name, vi.fn()])) as unknown as Handlers;
    const { 'ui-bg/check-feed-now': _forgotten, ...incomplete } = complete;
    // @ts-expect-error a message without a handler does not compile (issue 14, item 7)
    const stop = listenForMessages(incomplete);
    stop();
    const names: MessageName[] = Object.keys(complete) as MessageName[];
    expect(names.sort()).toEqual(Object.keys(protocol).sort());
  });
});
