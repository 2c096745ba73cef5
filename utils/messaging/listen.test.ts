import { describe, expect, it, vi } from 'vitest';
import { dispatch, type Sender } from './listen';

const extension = { id: 'portal-guard-id', origin: 'chrome-extension://portal-guard-id/' };
const contentSender: Sender = { id: extension.id, tab: { id: 7 } as Sender['tab'], frameId: 0, url: 'https://portal.managemyhealth.co.nz/dashboard' };
const popupSender: Sender = { id: extension.id, url: 'chrome-extension://portal-guard-id/popup.html' };
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
    if (!allowed && !reply.ok) expect(reply.error).toBe('sender not allowed');
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
