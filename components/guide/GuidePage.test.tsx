import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onGuideEvent } from '@/utils/background/guide-actions';
import { getGuide, updateGuide } from '@/utils/state/guide-progress';
import { GUIDE_STEPS } from '@/utils/guide/steps';
import type { GuidePageEvent } from '@/utils/messaging/protocol';
import { getPasswordChangedOn } from '@/utils/state/patient-choices';
import { RIVERSIDE_POLICY } from '@/utils/policy/fixtures';
import { parsePolicy } from '@/utils/policy/schema';
import { portalIndex } from '@/utils/state/current-portals';
import { readItem, settings } from '@/utils/state/storage';
import type { OptInDeps } from './GuideSettings';
import { GuidePage } from './GuidePage';
import { freshExtension } from '../../test/fresh-extension';

const NOW = Date.UTC(2026, 10, 28, 1, 0); // 28 Nov 2026, 14:00 in Auckland

function mount(search: string, { granted = true, rangeApiGranted = false, policy = {} }: { granted?: boolean; rangeApiGranted?: boolean; policy?: unknown } = {}) {
  const optIns: OptInDeps = {
    requestRangeApi: vi.fn(async () => granted),
    removeRangeApi: vi.fn(async () => true),
    requestNotifications: vi.fn(async () => granted),
    removeNotifications: vi.fn(async () => true),
    save: async (change) => {
      const { updateItem } = await import('@/utils/state/storage');
      await updateItem(settings, (current) => ({ ...current, ...change }));
    },
  };
  let granting = rangeApiGranted;
  const container = document.createElement('div');
  document.body.append(container);
  // Changes go through the background's handler, as `ui-bg/guide-event` delivers them.
  const applyEvent = (portalId: string, event: GuidePageEvent) => onGuideEvent({ portalId, event }, { now: () => NOW });
  // The index is the real one (catalogue, policy and the patient's portals, read from fakeBrowser).
  const managed = async () => parsePolicy(policy).policy;
  render(<GuidePage deps={{ search, timeZone: 'Pacific/Auckland', applyEvent, optIns, rangeApiGranted: async () => granting, index: portalIndex, policy: managed }} />, container);
  return { container, optIns, grant: (value: boolean) => (granting = value) };
}

const $ = (root: Element, testId: string) => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const text = (root: Element, testId: string) => $(root, testId)?.textContent?.replace(/\s+/g, ' ').trim();
const click = (element: Element | null | undefined) => (element as HTMLElement).click();

describe('GuidePage', () => {
  beforeEach(freshExtension);
  afterEach(() => document.body.replaceChildren());

  it('Manage My Health: starts the guide with the host, and every fact comes from the catalogue', async () => {
    const { container } = mount('?portal=managemyhealth&host=portal.managemyhealth.co.nz');
    await vi.waitFor(() => expect(container.querySelector('h1')?.textContent).toBe('Secure your Manage My Health account'));
    expect(await getGuide('managemyhealth')).toMatchObject({ startedAt: NOW, host: 'portal.managemyhealth.co.nz' });
    // Step 1: no change-password URL in the catalogue, not checked yet: home page and general advice.
    expect($(container, 'guide-open-change-password')?.getAttribute('href')).toBe('https://portal.managemyhealth.co.nz/');
    expect(text(container, 'guide-directions')).toContain('Portal Guard has no directions for Manage My Health');
    expect(text(container, 'guide-route-why')).toContain('next time you open one of its pages');
    // Step 2: mandatory, with its methods and where.
    const twoStep = text(container, 'guide-two-step')!;
    expect(twoStep).toContain('Manage My Health requires two-step verification');
    expect(twoStep).toContain('a code sent by email');
    expect(twoStep).toContain('an authenticator app');
    expect(twoStep).toContain('Where: Dashboard → Account Security Status');
    // Step 4: no access log for Manage My Health; its notes are shown as given.
    expect($(container, 'guide-access-log')).toBeNull();
    expect(text(container, 'guide-portal-notes')).toContain('“Trust this device” skips two-step verification on that device for 90 days.');
    expect(text(container, 'guide-progress')).toBe('0 of 5 steps done or skipped, about 20 minutes left.');
    expect(container.querySelector('[aria-current="step"]')?.getAttribute('data-testid')).toBe('guide-step-change-password');
  });

  it('an Oracle Health tenant shows the access log and the catalogue’s directions', async () => {
    const { container } = mount('?portal=oracle-health&host=barn-hs.iqhealth.com');
    await vi.waitFor(() => expect(container.querySelector('h1')?.textContent).toBe('Secure your Oracle Health Patient Portal (barn-hs) account'));
    expect(text(container, 'guide-access-log')).toContain('shows who has viewed your record');
    expect(text(container, 'guide-directions')).toContain('Profile (Switch User) menu → Settings → Reset Password');
    expect($(container, 'guide-open-change-password')?.getAttribute('href')).toBe('https://barn-hs.iqhealth.com/');
  });

  it('a host that belongs to another portal is not used', async () => {
    const { container } = mount('?portal=managemyhealth&host=mychart.clevelandclinic.org');
    await vi.waitFor(() => expect(container.querySelector('h1')).not.toBeNull());
    expect((await getGuide('managemyhealth'))?.host).toBeUndefined();
    expect(container.textContent).not.toContain('mychart.clevelandclinic.org');
  });

  it('an unknown portal says so', async () => {
    const { container } = mount('?portal=not-a-portal');
    await vi.waitFor(() => expect(container.querySelector('[role=alert]')?.textContent).toContain('does not know this portal'));
  });

  // An address utils/pages.ts refuses names no portal: the guide neither opens nor starts one.
  it.each([
    ['an unknown parameter', '?portal=managemyhealth&host=portal.managemyhealth.co.nz&step=change-password'],
    ['a host that is a URL', '?portal=managemyhealth&host=https%3A%2F%2Fportal.managemyhealth.co.nz.evil.example'],
    ['a portal id in capitals', '?portal=ManageMyHealth'],
  ])('refuses an address with %s', async (_name, search) => {
    const { container } = mount(search);
    await vi.waitFor(() => expect(container.querySelector('[role=alert]')?.textContent).toContain('does not know this portal'));
    expect(await getGuide('managemyhealth')).toBeUndefined();
  });

  it('updates live when the assistant marks step 1 done, or the well-known check arrives', async () => {
    const { container } = mount('?portal=managemyhealth&host=portal.managemyhealth.co.nz');
    await vi.waitFor(() => expect($(container, 'guide-step-change-password')).not.toBeNull());
    await updateGuide('managemyhealth', { type: 'probe', origin: 'https://portal.managemyhealth.co.nz', result: 'supported' }, NOW);
    await vi.waitFor(() => expect($(container, 'guide-open-change-password')?.getAttribute('href')).toBe('https://portal.managemyhealth.co.nz/.well-known/change-password'));
    await updateGuide('managemyhealth', { type: 'mark', step: 'change-password', status: 'done' }, NOW);
    await vi.waitFor(() => expect(text(container, 'guide-step-change-password-status')).toBe('✓ Done'));
    expect(container.querySelector('[aria-current="step"]')?.getAttribute('data-testid')).toBe('guide-step-two-step');
  });

  it('keeps reused sites by name, ticks them off, and lists the rest in the summary', async () => {
    const { container } = mount('?portal=managemyhealth&host=portal.managemyhealth.co.nz');
    await vi.waitFor(() => expect(container.querySelector('#reused-site')).not.toBeNull());
    for (const name of ['My email', 'Bank']) {
      const input = container.querySelector<HTMLInputElement>('#reused-site')!;
      input.value = name;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      container.querySelector<HTMLFormElement>('.inline-form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      await vi.waitFor(async () => expect((await getGuide('managemyhealth'))?.reusedSites.map((site) => site.name)).toContain(name));
    }
    await vi.waitFor(() => expect($(container, 'guide-sites')?.querySelectorAll('li')).toHaveLength(2));
    click($(container, 'guide-sites')!.querySelector('input[type=checkbox]'));
    await vi.waitFor(async () => expect((await getGuide('managemyhealth'))?.reusedSites).toEqual([{ name: 'My email', changed: true }, { name: 'Bank', changed: false }]));
  });

  it('finishes only when every step is decided, records the changed-on date, and shows a summary', async () => {
    const { container } = mount('?portal=managemyhealth&host=portal.managemyhealth.co.nz');
    await vi.waitFor(() => expect($(container, 'guide-finish')).not.toBeNull());
    expect(($(container, 'guide-finish') as HTMLButtonElement).disabled).toBe(true);
    for (const step of GUIDE_STEPS) {
      click($(container, step === 'reused-passwords' ? `guide-step-${step}-skip` : `guide-step-${step}-done`));
      await vi.waitFor(() => expect($(container, `guide-step-${step}-status`)).not.toBeNull());
    }
    expect(text(container, 'guide-progress')).toBe('Every step is done or skipped. Finish below.');
    expect(($(container, 'guide-finish') as HTMLButtonElement).disabled).toBe(false);
    click($(container, 'guide-finish'));
    await vi.waitFor(() => expect($(container, 'guide-summary')).not.toBeNull());
    expect(await getPasswordChangedOn('managemyhealth')).toBe('2026-11-28');
    expect(text(container, 'guide-summary-changed')).toBe('You changed your password on 28 Nov 2026. Breach notices about Manage My Health from before that date no longer show on the portal.');
    expect(text(container, 'guide-summary')).toContain('Skipped');
    // Finished: read-only steps.
    expect($(container, 'guide-step-two-step-done')).toBeNull();
  });

  describe('opt-ins: asked for at the click, and off unless granted', () => {
    it('turns the breach check on only when the browser grants the range API', async () => {
      const { container, optIns, grant } = mount('?portal=managemyhealth');
      await vi.waitFor(() => expect($(container, 'guide-breach-check')).not.toBeNull());
      expect(($(container, 'guide-breach-check') as HTMLInputElement).checked).toBe(false);
      grant(true);
      click($(container, 'guide-breach-check'));
      expect(optIns.requestRangeApi).toHaveBeenCalledTimes(1);
      await vi.waitFor(async () => expect((await readItem(settings)).breachCheck).toBe(true));
      await vi.waitFor(() => expect(($(container, 'guide-breach-check') as HTMLInputElement).checked).toBe(true));
      // Off again: the setting, then the permission is given back.
      click($(container, 'guide-breach-check'));
      await vi.waitFor(() => expect(optIns.removeRangeApi).toHaveBeenCalledTimes(1));
      expect((await readItem(settings)).breachCheck).toBe(false);
    });

    it('a refused permission leaves the breach check off and says why', async () => {
      const { container } = mount('?portal=managemyhealth', { granted: false });
      await vi.waitFor(() => expect($(container, 'guide-breach-check')).not.toBeNull());
      click($(container, 'guide-breach-check'));
      await vi.waitFor(() => expect(container.querySelector('[role=alert]')?.textContent).toContain('stays off'));
      expect((await readItem(settings)).breachCheck).toBe(false);
    });

    it.each([
      ['disallowed', false, false, 'Your organisation has turned this check off'],
      ['allowed', false, false, 'the browser needs your permission once'],
      ['allowed', true, true, undefined],
    ] as const)('a policy that says %s (granted: %s) shows the switch read-only, "Set by your organisation"', async (rule, rangeApiGranted, checked, says) => {
      const { container, optIns } = mount('?portal=managemyhealth', { policy: { pwnedPasswordsCheck: rule }, rangeApiGranted });
      await vi.waitFor(() => expect($(container, 'guide-breach-check-locked')).not.toBeNull());
      const box = $(container, 'guide-breach-check') as HTMLInputElement;
      expect(text(container, 'guide-breach-check-locked')).toBe('Set by your organisation');
      expect([box.disabled, box.checked]).toEqual([true, checked]);
      if (says) expect(text(container, 'guide-opt-ins')).toContain(says);
      // Only an organisation that turned it on offers the browser's permission prompt.
      const allow = $(container, 'guide-allow-range-api');
      expect(allow !== null).toBe(rule === 'allowed' && !rangeApiGranted);
      if (allow) {
        click(allow);
        expect(optIns.requestRangeApi).toHaveBeenCalledTimes(1);
      }
    });

    it('a policy that leaves it to the patient shows the patient’s own switch', async () => {
      const { container } = mount('?portal=managemyhealth', { policy: { pwnedPasswordsCheck: 'user-choice' } });
      await vi.waitFor(() => expect($(container, 'guide-breach-check')).not.toBeNull());
      expect(($(container, 'guide-breach-check') as HTMLInputElement).disabled).toBe(false);
      expect($(container, 'guide-breach-check-locked')).toBeNull();
    });

    it('turns the one-off reminder on with the notifications permission', async () => {
      const { container, optIns } = mount('?portal=managemyhealth');
      await vi.waitFor(() => expect($(container, 'guide-reminders')).not.toBeNull());
      click($(container, 'guide-reminders'));
      expect(optIns.requestNotifications).toHaveBeenCalledTimes(1);
      await vi.waitFor(async () => expect((await readItem(settings)).guideReminderDays).toBe(7));
    });
  });
});

describe('GuidePage on portals the catalogue does not list', () => {
  beforeEach(freshExtension);
  afterEach(() => document.body.replaceChildren());

  it('a clinic’s policy portal: its name, operator and the directions the organisation wrote', async () => {
    await fakeBrowser.storage.managed.set(RIVERSIDE_POLICY);
    const { container } = mount('?portal=riverside-myindici&host=riverside.myindici.co.nz');
    await vi.waitFor(() => expect(container.querySelector('h1')?.textContent).toBe('Secure your Riverside Medical Centre patient portal account'));
    expect(container.textContent).toContain('For riverside.myindici.co.nz, run by Riverside Medical Centre.');
    expect(text(container, 'guide-directions')).toContain('Profile → Change password');
    expect(text(container, 'guide-two-step')).toContain('Profile → Security → Two-step verification');
    expect(await getGuide('riverside-myindici')).toMatchObject({ startedAt: NOW, host: 'riverside.myindici.co.nz' });
    click($(container, 'guide-step-change-password-done'));
    await vi.waitFor(async () => expect((await getGuide('riverside-myindici'))?.steps['change-password']?.status).toBe('done'));
  });

  it('a portal id Portal Guard does not know now (a policy portal without its policy) gets the not-known message and starts nothing', async () => {
    const { container } = mount('?portal=riverside-myindici');
    await vi.waitFor(() => expect(container.querySelector('[role=alert]')?.textContent).toContain('does not know this portal'));
    expect(await getGuide('riverside-myindici')).toBeUndefined();
  });
});
