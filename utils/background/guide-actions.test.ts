import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getGuide, updateGuide } from '../guide/progress-store';
import type { Sender } from '../messaging/listen';
import { readItem, settings, writeItem } from '../storage';
import { onChangePasswordProbe, onGuidePasswordChanged, onOpenGuide, onPasswordForm } from './guide-actions';
import { onSessionReport } from './session-report';

const sender = (url: string, tabId = 11, index = 2): Sender => ({ id: 'x', tab: { id: tabId, index } as Sender['tab'], frameId: 0, url });
const MMH = sender('https://portal.managemyhealth.co.nz/dashboard');
const NOW = Date.UTC(2026, 10, 28, 9);

describe('the banner opens the guide for the sender’s portal', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts the guide with the host, opens guide.html beside the portal tab, and asks for the well-known check', async () => {
    const create = vi.fn(async () => ({}) as never);
    const reply = await onOpenGuide({}, MMH, { tabs: { create } as never, now: () => NOW });
    expect(create).toHaveBeenCalledWith({ url: `${browser.runtime.getURL('/guide.html')}?portal=managemyhealth&host=portal.managemyhealth.co.nz`, openerTabId: 11, index: 3 });
    expect(reply).toEqual({ ok: true, probeChangePassword: true });
    expect(await getGuide('managemyhealth')).toMatchObject({ startedAt: NOW, host: 'portal.managemyhealth.co.nz' });
  });

  it('a MyChart tenant’s guide is the platform’s, with the tenant host', async () => {
    const create = vi.fn(async () => ({}) as never);
    await onOpenGuide({}, sender('https://mychart.clevelandclinic.org/MyChart/Home'), { tabs: { create } as never, now: () => NOW });
    expect(create.mock.calls[0]).toEqual([expect.objectContaining({ url: expect.stringContaining('?portal=epic-mychart&host=mychart.clevelandclinic.org') })]);
  });

  it.each([
    ['a site outside the catalogue', 'https://www.example-clinic.org/'],
    ['a look-alike', 'https://mychart-health.org/login'],
  ])('refuses %s', async (_name, url) => {
    const create = vi.fn();
    await expect(onOpenGuide({}, sender(url), { tabs: { create } as never })).rejects.toThrow('not on a portal');
    expect(create).not.toHaveBeenCalled();
  });
});

describe('the well-known check result', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is stored for the sender’s own origin while it is wanted', async () => {
    await updateGuide('managemyhealth', { type: 'open' }, NOW);
    await onChangePasswordProbe({ result: 'unreliable' }, MMH, { now: () => NOW + 1 });
    expect((await getGuide('managemyhealth'))?.probe).toEqual({ origin: 'https://portal.managemyhealth.co.nz', result: 'unreliable', at: NOW + 1 });
  });

  it('is ignored when nobody asked (no guide, or already checked): a page cannot keep rewriting it', async () => {
    await onChangePasswordProbe({ result: 'supported' }, MMH, { now: () => NOW });
    expect(await getGuide('managemyhealth')).toBeUndefined();
    await updateGuide('managemyhealth', { type: 'open' }, NOW);
    await onChangePasswordProbe({ result: 'missing' }, MMH, { now: () => NOW });
    await onChangePasswordProbe({ result: 'supported' }, MMH, { now: () => NOW + 1_000 });
    expect((await getGuide('managemyhealth'))?.probe?.result).toBe('missing');
  });

  it('is asked for in the session reply only while a guide needs it', async () => {
    const report = () => onSessionReport({ state: 'signed-in', evidence: ['logout-control'], path: '/dashboard' }, MMH, { now: () => NOW, badge: async () => {}, notices: async () => ({ relevant: [], others: [], active: undefined }) as never });
    expect((await report()).probeChangePassword).toBeUndefined();
    await updateGuide('managemyhealth', { type: 'open' }, NOW);
    expect((await report()).probeChangePassword).toBe(true);
    await onChangePasswordProbe({ result: 'missing' }, MMH, { now: () => NOW });
    expect((await report()).probeChangePassword).toBeUndefined();
  });
});

describe('the assistant', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['off by default', false, true, false],
    ['on when opted in and permitted', true, true, true],
    ['off when the permission was withdrawn', true, false, false],
  ])('breach check: %s', async (_name, optedIn, granted, expected) => {
    await writeItem(settings, { ...(await readItem(settings)), breachCheck: optedIn });
    const permissions = { contains: vi.fn(async () => granted) };
    expect(await onPasswordForm({ kind: 'change' }, MMH, { permissions: permissions as never })).toEqual({ ok: true, breachCheck: expected, guide: 'none', changePasswordStep: 'open' });
  });

  it('"Mark step 1 done" marks the sender portal’s step 1, and says when the guide is already finished', async () => {
    expect(await onGuidePasswordChanged({}, MMH, { now: () => NOW })).toEqual({ ok: true, guide: 'in-progress' });
    expect((await getGuide('managemyhealth'))?.steps['change-password']).toEqual({ status: 'done', at: NOW });
    const permissions = { contains: vi.fn(async () => false) };
    expect(await onPasswordForm({ kind: 'change' }, MMH, { permissions: permissions as never })).toMatchObject({ guide: 'in-progress', changePasswordStep: 'done' });
  });
});
