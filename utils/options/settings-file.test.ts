import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RIVERSIDE_POLICY } from '../policy/fixtures';
import { parsePolicy } from '../policy/schema';
import { buildCurrentPortals } from '../state/current-portals';
import { customPortals, readItem, settings, sharedComputer, writeItem, DEFAULT_SETTINGS } from '../state/storage';
import { applyImport, exportSettings, planImport, MAX_SETTINGS_FILE_BYTES } from './settings-file';

const GREENLANE = { id: 'user-greenlane', name: 'Greenlane MyChart', country: 'NZ' as const, hosts: ['mychart.greenlaneclinic.co.nz'] };
const file = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'portal-guard-settings', version: 1, exportedAt: '2026-11-28T01:00:00.000Z', noticeWindowMonths: 24, sharedComputer: { enabled: true, clearSiteData: false }, customPortals: [GREENLANE], ...overrides });
const current = (user = [] as (typeof GREENLANE)[]) => buildCurrentPortals(parsePolicy(RIVERSIDE_POLICY).policy, user);

describe('settings file: export', () => {
  beforeEach(() => fakeBrowser.reset());

  it('holds the notice window, shared-computer mode and the patient’s portals, and nothing else', async () => {
    await writeItem(settings, { ...DEFAULT_SETTINGS, noticeWindowMonths: 6, breachCheck: true, guideReminderDays: 7 });
    await writeItem(customPortals, [GREENLANE]);
    const exported = await exportSettings(new Date('2026-11-28T01:00:00Z'));
    expect(exported).toEqual({ format: 'portal-guard-settings', version: 1, exportedAt: '2026-11-28T01:00:00.000Z', noticeWindowMonths: 6, sharedComputer: { enabled: false, clearSiteData: false }, customPortals: [GREENLANE] });
    expect(JSON.stringify(exported)).not.toMatch(/breachCheck|guideReminder|password/i);
  });

  it('round-trips: an exported file imports into a fresh profile unchanged', async () => {
    await writeItem(settings, { ...DEFAULT_SETTINGS, noticeWindowMonths: 36 });
    await writeItem(customPortals, [GREENLANE]);
    await writeItem(sharedComputer, { enabled: true, clearSiteData: false });
    const text = JSON.stringify(await exportSettings());
    fakeBrowser.reset();
    const checked = planImport(text, current(), []);
    if (!('plan' in checked)) throw new Error(checked.problems.join('\n'));
    await applyImport(checked.plan);
    expect((await readItem(settings)).noticeWindowMonths).toBe(36);
    expect(await readItem(sharedComputer)).toEqual({ enabled: true, clearSiteData: false });
    expect(await readItem(customPortals)).toEqual([GREENLANE]);
  });
});

describe('settings file: import refuses bad files whole, with a reason, and writes nothing', () => {
  it.each([
    ['not JSON', '{"format": "portal-guard-settings",', ['This file is not a Portal Guard settings file (it is not JSON).']],
    ['another JSON file', JSON.stringify({ hello: 'world' }), ['This file is not a Portal Guard settings file.']],
    ['a newer version', file({ version: 2 }), ['version: must be 1']],
    ['a notice window out of range', file({ noticeWindowMonths: 600 }), ['noticeWindowMonths: Too big: expected number to be <=60']],
    ['an unknown field', file({ breachCheck: true }), ['file: unknown field "breachCheck"']],
    ['shared-computer mode as text', file({ sharedComputer: { enabled: 'yes', clearSiteData: false } }), ['sharedComputer.enabled: must be a boolean']],
    ['too many portals', file({ customPortals: Array.from({ length: 51 }, () => GREENLANE) }), ['customPortals: Too big: expected array to have <=50 items']],
    ['a huge file', ' '.repeat(MAX_SETTINGS_FILE_BYTES + 1), ['This file is too large to be a Portal Guard settings file.']],
  ])('%s', (_name, text, problems) => {
    expect(planImport(text, current(), [])).toEqual({ problems });
  });
});

describe('settings file: import checks each portal like one typed in', () => {
  it('imports the good portals and lists each refused one with its reason', () => {
    const checked = planImport(
      file({
        customPortals: [
          GREENLANE,
          { ...GREENLANE, id: 'user-co', name: 'Public suffix', hosts: ['co.nz'] },
          { ...GREENLANE, id: 'user-mmh', name: 'Not MMH', hosts: ['portal.managemyhealth.co.nz'] },
          { ...GREENLANE, id: 'user-riverside', name: 'Policy host', hosts: ['riverside.myindici.co.nz'] },
          { ...GREENLANE, id: 'user-copy', name: 'Same host twice', hosts: ['mychart.greenlaneclinic.co.nz'] },
          { id: 'Bad', name: 'x', hosts: [] },
        ],
      }),
      current(),
      [],
    );
    if (!('plan' in checked)) throw new Error(checked.problems.join('\n'));
    expect(checked.plan.portals).toEqual([GREENLANE]);
    expect(checked.plan.refused).toEqual([
      'Public suffix: co.nz is a public suffix',
      'Not MMH: portal.managemyhealth.co.nz is already recognised as Manage My Health',
      'Policy host: riverside.myindici.co.nz is already recognised as Riverside Medical Centre patient portal',
      'Same host twice: mychart.greenlaneclinic.co.nz is already recognised as Greenlane MyChart',
      'customPortals[5]: must be kebab-case, like riverside-myindici; must be one of "NZ", "AU", "UK", "US", "CA"; needs at least one host',
    ]);
  });

  // Issue 12: a settings file holds a patient's portals, so it follows the patient's rules.
  const STORED = { id: 'user-riverside-own', name: 'My practice', country: 'NZ' as const, hosts: ['portal.greenlaneclinic.co.nz'] };
  it.each([
    ['*.google.com', { name: 'Google', hosts: ['*.google.com'] }, 'Google: *.google.com: a portal you add names one exact address'],
    ['*.amazonaws.com', { name: 'Clinic files', hosts: ['*.amazonaws.com'] }, 'Clinic files: *.amazonaws.com: a portal you add names one exact address'],
    ['*.okta.com', { name: 'Clinic sign-in', hosts: ['*.okta.com'] }, 'Clinic sign-in: *.okta.com: a portal you add names one exact address'],
    ['*.microsoftonline.com', { name: 'Clinic email', hosts: ['*.microsoftonline.com'] }, 'Clinic email: *.microsoftonline.com: a portal you add names one exact address'],
    ['Manage My Health on managemyhealth-login.co.nz', { name: 'Manage My Health', hosts: ['managemyhealth-login.co.nz'] }, 'Manage My Health: “Manage My Health” is the name of a portal Portal Guard has reviewed'],
    ['a catalogue operator', { name: 'Greenlane', operator: 'Manage My Health Limited' }, 'Greenlane: “Manage My Health Limited” is the name of a portal Portal Guard has reviewed'],
    ['a look-alike MyChart host', { name: 'UW Health', country: 'US', hosts: ['mychart-uwhealth.org'] }, 'UW Health: mychart-uwhealth.org looks like the address of MyChart'],
    ['a zero-width space in the name', { name: 'Green\u200Blane' }, 'Green\u200Blane: The name contains an invisible character (U+200B)'],
    ['a bidi override in the name', { name: 'Greenlane \u202Etrahcym' }, 'Greenlane \u202Etrahcym: The name contains a right-to-left/left-to-right control (U+202E)'],
  ])('refuses %s with its reason, and nothing stored changes', async (_name, change, reason) => {
    fakeBrowser.reset();
    await writeItem(customPortals, [STORED]);
    await writeItem(settings, { ...DEFAULT_SETTINGS, noticeWindowMonths: 6 });
    const before = await fakeBrowser.storage.local.get();
    const checked = planImport(file({ customPortals: [{ ...GREENLANE, id: 'user-bad', ...change }] }), current([STORED]), [STORED]);
    if (!('plan' in checked)) throw new Error(checked.problems.join('\n'));
    expect(checked.plan.portals).toEqual([]);
    expect(checked.plan.refused).toHaveLength(1);
    expect(checked.plan.refused[0]!.startsWith(reason)).toBe(true);
    // Checking writes nothing: only the patient's confirmation (applyImport) does.
    expect(await fakeBrowser.storage.local.get()).toEqual(before);
    expect(await readItem(customPortals)).toEqual([STORED]);
  });

  it('lets a file replace the patient’s own portal of the same id', () => {
    const checked = planImport(file({ customPortals: [{ ...GREENLANE, name: 'Greenlane (new name)' }] }), current([GREENLANE]), [GREENLANE]);
    if (!('plan' in checked)) throw new Error(checked.problems.join('\n'));
    expect(checked.plan.portals.map((portal) => portal.name)).toEqual(['Greenlane (new name)']);
    expect(checked.plan.refused).toEqual([]);
  });

  it('does not switch on clearing site data without the browser’s permission', () => {
    const checked = planImport(file({ sharedComputer: { enabled: true, clearSiteData: true } }), current(), []);
    if (!('plan' in checked)) throw new Error(checked.problems.join('\n'));
    expect(checked.plan.sharedComputer).toEqual({ enabled: true, clearSiteData: false });
    expect(checked.plan.refused).toEqual(['Clearing a portal’s site data needs your permission: turn it on under “Shared computers”.']);
  });
});
