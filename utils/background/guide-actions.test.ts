import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getGuide, updateGuide } from '../state/guide-progress';
import { dispatch, type Sender } from '../messaging/listen';
import { RIVERSIDE_POLICY } from '../policy/fixtures';
import { forgetCurrentPortals } from '../state/current-portals';
import { customPortals, readItem, settings, writeItem } from '../state/storage';
import { onChangePasswordProbe, onGuideEvent, onGuidePasswordChanged, onOpenGuide, onPasswordForm } from './guide-actions';
import { onSessionReport } from './session-report';
import { guidePageUrl } from '../pages';
import { freshExtension } from '../../test/fresh-extension';

const sender = (url: string, tabId = 11, index = 2): Sender => ({ id: 'x', tab: { id: tabId, index } as Sender['tab'], frameId: 0, url });
const MMH = sender('https://portal.managemyhealth.co.nz/dashboard');
const NOW = Date.UTC(2026, 10, 28, 9);

describe('the banner opens the guide for the sender’s portal', () => {
  beforeEach(freshExtension);

  it('starts the guide with the host, opens guide.html beside the portal tab, and asks for the well-known check', async () => {
    const create = vi.fn(async () => ({}) as never);
    const reply = await onOpenGuide({}, MMH, { tabs: { create } as never, now: () => NOW });
    expect(create).toHaveBeenCalledWith({ url: guidePageUrl({ portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz' }), openerTabId: 11, index: 3 });
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

describe('the guide page’s changes, through the background (the one writer of guide progress)', () => {
  beforeEach(() => fakeBrowser.reset());
  const extension = { id: 'portal-guard-id', origin: 'chrome-extension://portal-guard-id/' };
  const guidePage: Sender = { id: extension.id, url: guidePageUrl({ portal: 'managemyhealth' }, `${extension.origin}guide.html`) };

  it('applies an event, keeping a host only if the catalogue gives it to that portal', async () => {
    await onGuideEvent({ portalId: 'managemyhealth', event: { type: 'open', host: 'mychart.clevelandclinic.org' } }, { now: () => NOW });
    expect((await getGuide('managemyhealth'))?.host).toBeUndefined();
    await onGuideEvent({ portalId: 'managemyhealth', event: { type: 'open', host: 'portal.managemyhealth.co.nz' } }, { now: () => NOW });
    expect((await getGuide('managemyhealth'))?.host).toBe('portal.managemyhealth.co.nz');
    expect(await onGuideEvent({ portalId: 'managemyhealth', event: { type: 'mark', step: 'two-step', status: 'skipped' } }, { now: () => NOW })).toEqual({ ok: true, finished: false });
  });

  it('refuses a portal that is not in the catalogue', async () => {
    await expect(onGuideEvent({ portalId: 'evil-portal', event: { type: 'open' } })).rejects.toThrow('no such portal');
  });

  it('keeps a well-known result the background stored while the page was opening', async () => {
    await updateGuide('managemyhealth', { type: 'open', host: 'portal.managemyhealth.co.nz' }, NOW);
    await onChangePasswordProbe({ result: 'supported' }, MMH, { now: () => NOW });
    await onGuideEvent({ portalId: 'managemyhealth', event: { type: 'open', host: 'portal.managemyhealth.co.nz' } }, { now: () => NOW });
    expect((await getGuide('managemyhealth'))?.probe?.result).toBe('supported');
  });

  it.each([
    ['the well-known result (the background’s own)', { type: 'probe', origin: 'https://evil.example', result: 'supported' }],
    ['the reminder record', { type: 'reminder-sent' }],
    ['an unknown step', { type: 'mark', step: 'delete-account', status: 'done' }],
  ])('the protocol refuses %s from a page', async (_name, event) => {
    const handler = vi.fn();
    const reply = await dispatch({ name: 'ui-bg/guide-event', payload: { portalId: 'managemyhealth', event } }, guidePage, { 'ui-bg/guide-event': handler }, extension);
    expect(reply.ok).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  it('only extension pages may send it, not a content script', async () => {
    const handler = vi.fn(async () => ({ ok: true as const, finished: false }));
    const fromPortal: Sender = { ...MMH, id: extension.id };
    const reply = await dispatch({ name: 'ui-bg/guide-event', payload: { portalId: 'managemyhealth', event: { type: 'finish' } } }, fromPortal, { 'ui-bg/guide-event': handler }, extension);
    expect(reply).toEqual({ ok: false, error: 'sender not allowed' });
  });
});

describe('the guide on portals the catalogue does not list', () => {
  beforeEach(freshExtension);
  const RIVERSIDE = sender('https://riverside.myindici.co.nz/dashboard');
  const OWN = sender('https://patients.harbourside.co.nz/home');
  const harbourside = { id: 'harbourside-clinic', name: 'Harbourside Clinic portal', country: 'NZ' as const, hosts: ['patients.harbourside.co.nz'], homeUrl: 'https://patients.harbourside.co.nz/' };

  it.each([
    ['a portal from the organisation’s policy', async () => fakeBrowser.storage.managed.set(RIVERSIDE_POLICY), RIVERSIDE, 'riverside-myindici', 'riverside.myindici.co.nz'],
    ['a portal the patient added', async () => writeItem(customPortals, [harbourside]), OWN, 'harbourside-clinic', 'patients.harbourside.co.nz'],
  ])('%s: the banner opens its guide, the assistant runs and step 1 can be marked done', async (_name, setUp, from, portalId, host) => {
    await setUp();
    const create = vi.fn(async () => ({}) as never);
    await onOpenGuide({}, from, { tabs: { create } as never, now: () => NOW });
    expect(create.mock.calls[0]).toEqual([expect.objectContaining({ url: expect.stringContaining(`?portal=${portalId}&host=${host}`) })]);
    expect(await getGuide(portalId)).toMatchObject({ startedAt: NOW, host });
    const permissions = { contains: vi.fn(async () => false) };
    expect(await onPasswordForm({ kind: 'change' }, from, { permissions: permissions as never })).toMatchObject({ ok: true, guide: 'in-progress' });
    expect(await onGuidePasswordChanged({}, from, { now: () => NOW })).toEqual({ ok: true, guide: 'in-progress' });
    expect(await onGuideEvent({ portalId, event: { type: 'mark', step: 'two-step', status: 'done' } }, { now: () => NOW })).toEqual({ ok: true, finished: false });
    expect((await getGuide(portalId))?.steps).toMatchObject({ 'change-password': { status: 'done' }, 'two-step': { status: 'done' } });
  });

  it('stops once the portal is removed: the page and the content script can no longer act on it', async () => {
    await writeItem(customPortals, [harbourside]);
    await onGuideEvent({ portalId: 'harbourside-clinic', event: { type: 'open' } }, { now: () => NOW });
    await writeItem(customPortals, []);
    forgetCurrentPortals();
    await expect(onGuideEvent({ portalId: 'harbourside-clinic', event: { type: 'open' } })).rejects.toThrow('no such portal');
    await expect(onGuidePasswordChanged({}, OWN)).rejects.toThrow('not on a portal');
  });
});
