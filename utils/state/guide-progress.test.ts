import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getPasswordChangedOn, setPasswordChangedOn } from './patient-choices';
import { finishGuide, getGuide, updateGuide } from './guide-progress';
import { GUIDE_STEPS } from '../guide/steps';

const NOV_20 = Date.UTC(2026, 10, 20, 22, 30); // 21 Nov in Auckland, 20 Nov in UTC

async function decideAll(portalId: string, step1: 'done' | 'skipped', at: number) {
  await updateGuide(portalId, { type: 'open', host: 'portal.managemyhealth.co.nz' }, at);
  for (const step of GUIDE_STEPS) await updateGuide(portalId, { type: 'mark', step, status: step === 'change-password' ? step1 : 'done' }, at);
}

describe('guide progress in storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps each portal apart, and concurrent events all land', async () => {
    await Promise.all([
      updateGuide('managemyhealth', { type: 'add-site', name: 'Bank' }, 1),
      updateGuide('managemyhealth', { type: 'add-site', name: 'Email' }, 2),
      updateGuide('epic-mychart', { type: 'open', host: 'mychart.clevelandclinic.org' }, 3),
    ]);
    expect((await getGuide('managemyhealth'))?.reusedSites.map((site) => site.name)).toEqual(['Bank', 'Email']);
    expect((await getGuide('epic-mychart'))?.host).toBe('mychart.clevelandclinic.org');
  });

  it('finishing records the day step 1 was done, in the patient’s time zone, as the password change date', async () => {
    await decideAll('managemyhealth', 'done', NOV_20);
    const progress = await finishGuide('managemyhealth', { now: NOV_20 + 3_600_000, timeZone: 'Pacific/Auckland' });
    expect(progress.finishedAt).toBe(NOV_20 + 3_600_000);
    expect(await getPasswordChangedOn('managemyhealth')).toBe('2026-11-21');
  });

  it('finishing with step 1 skipped records no date: the password was not changed', async () => {
    await decideAll('managemyhealth', 'skipped', NOV_20);
    await finishGuide('managemyhealth', { now: NOV_20, timeZone: 'UTC' });
    expect(await getPasswordChangedOn('managemyhealth')).toBeUndefined();
  });

  it('keeps a later date the patient gave on a notice page', async () => {
    await setPasswordChangedOn('managemyhealth', '2026-11-25');
    await decideAll('managemyhealth', 'done', NOV_20);
    await finishGuide('managemyhealth', { now: NOV_20, timeZone: 'UTC' });
    expect(await getPasswordChangedOn('managemyhealth')).toBe('2026-11-25');
  });

  it('does not finish, or record anything, while a step is open', async () => {
    await updateGuide('managemyhealth', { type: 'mark', step: 'change-password', status: 'done' }, NOV_20);
    const progress = await finishGuide('managemyhealth', { now: NOV_20, timeZone: 'UTC' });
    expect(progress.finishedAt).toBeUndefined();
    expect(await getPasswordChangedOn('managemyhealth')).toBeUndefined();
  });
});
