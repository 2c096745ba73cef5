import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue';
import { toCustomPortal, type CustomPortalOrigin } from './custom';
import type { Portal } from './schema';

const base = { id: 'user-uwhealth', name: 'UW Health MyChart', country: 'US' as const, hosts: ['mychart.uwhealth.org'] };
const mychart = (CATALOGUE as readonly Portal[]).find((portal) => portal.id === 'epic-mychart')!;

describe('a patient’s portal (options page, settings file, "Watch this portal")', () => {
  it.each<[string, Record<string, unknown>, { where: string; reason: string }]>([
    // The wildcards a settings file could add before (issue 12): patients give exact hosts only.
    ['*.google.com', { hosts: ['*.google.com'] }, { where: 'hosts[0]', reason: '*.google.com: a portal you add names one exact address, such as portal.clinic.example; an address with * would cover every site under it' }],
    ['*.amazonaws.com', { hosts: ['*.amazonaws.com'] }, { where: 'hosts[0]', reason: '*.amazonaws.com: a portal you add names one exact address, such as portal.clinic.example; an address with * would cover every site under it' }],
    ['*.okta.com', { hosts: ['*.okta.com'] }, { where: 'hosts[0]', reason: '*.okta.com: a portal you add names one exact address, such as portal.clinic.example; an address with * would cover every site under it' }],
    ['*.microsoftonline.com', { hosts: ['*.microsoftonline.com'] }, { where: 'hosts[0]', reason: '*.microsoftonline.com: a portal you add names one exact address, such as portal.clinic.example; an address with * would cover every site under it' }],
    ['*.uwhealth.org', { hosts: ['*.uwhealth.org'] }, { where: 'hosts[0]', reason: '*.uwhealth.org: a portal you add names one exact address, such as portal.clinic.example; an address with * would cover every site under it' }],
    // A catalogue portal's name on a look-alike host: the name is refused first.
    [
      'Manage My Health on managemyhealth-login.co.nz',
      { name: 'Manage My Health', country: 'NZ', hosts: ['managemyhealth-login.co.nz'] },
      { where: 'name', reason: '“Manage My Health” is the name of a portal Portal Guard has reviewed (Manage My Health); a portal you or your organisation add must have its own name' },
    ],
    [
      'a look-alike host under its own name',
      { name: 'My health portal', country: 'NZ', hosts: ['managemyhealth-login.co.nz'] },
      { where: 'hosts[0]', reason: 'managemyhealth-login.co.nz looks like the address of Manage My Health, a portal Portal Guard has reviewed: managemyhealth-login.co.nz carries the name “managemyhealth” of Manage My Health in an address that is not Manage My Health’s' },
    ],
    [
      'mychart-uwhealth.org',
      { hosts: ['mychart-uwhealth.org'] },
      { where: 'hosts[0]', reason: 'mychart-uwhealth.org looks like the address of MyChart, a portal Portal Guard has reviewed: mychart-uwhealth.org carries the name “mychart” of MyChart in an address that is not MyChart’s' },
    ],
    [
      'a catalogue operator',
      { operator: 'Kaiser Foundation Health Plan' },
      { where: 'operator', reason: '“Kaiser Foundation Health Plan” is the name of a portal Portal Guard has reviewed (Kaiser Foundation Health Plan); a portal you or your organisation add must have its own name' },
    ],
    [
      'a Cyrillic Manage My Health',
      { name: '\u041Canage My Health', country: 'NZ', hosts: ['portal.greenlaneclinic.co.nz'] },
      { where: 'name', reason: '“\u041Canage My Health” is the name of a portal Portal Guard has reviewed (Manage My Health); a portal you or your organisation add must have its own name' },
    ],
    ['a zero-width space in the name', { name: 'UW\u200BHealth MyChart' }, { where: 'name', reason: 'The name contains an invisible character (U+200B), which can make a name read differently from what it is' }],
    ['a bidi override in the name', { name: 'UW Health \u202Etrahcym' }, { where: 'name', reason: 'The name contains a right-to-left/left-to-right control (U+202E), which can make a name read differently from what it is' }],
    ['a bidi isolate in the operator', { operator: 'UW Health\u2066' }, { where: 'operator', reason: 'The operator contains a right-to-left/left-to-right control (U+2066), which can make a name read differently from what it is' }],
    ['a platform that is not a platform', { platform: 'managemyhealth' }, { where: 'platform', reason: "managemyhealth is not a platform in Portal Guard's reviewed list" }],
    ['an unknown platform', { platform: 'epic-mychart-2' }, { where: 'platform', reason: "epic-mychart-2 is not a platform in Portal Guard's reviewed list" }],
  ])('refuses %s, with the reason', (_name, change, problem) => {
    const { portal, problems } = toCustomPortal({ ...base, ...change }, 'user');
    // A host problem drops that host and then the whole portal, which has no other.
    expect(problems[0]).toEqual(problem);
    expect(portal).toBeUndefined();
  });

  it('accepts an exact host of a health system’s own domain, marked as the patient’s', () => {
    const { portal, problems } = toCustomPortal(base, 'user');
    expect(problems).toEqual([]);
    expect(portal?.portal).toMatchObject({ id: 'user-uwhealth', addedBy: 'user', hosts: [{ host: 'mychart.uwhealth.org', match: 'exact' }] });
    expect(portal?.portal.notes?.[0]).toBe('Added by you, not reviewed by Portal Guard.');
  });

  it('gets its platform’s password guide, two-step and export directions and session hints', () => {
    const { portal, problems } = toCustomPortal({ ...base, name: 'MyChart (uwhealth.org)', platform: 'epic-mychart' }, 'user');
    expect(problems).toEqual([]);
    expect(portal?.portal.platform).toBe('epic-mychart');
    expect(portal?.portal.account).toEqual(mychart.account);
    expect(portal?.portal.signals).toEqual(mychart.signals);
    // The platform's own home (mychart.org) is not this portal's address.
    expect(portal?.portal.homeUrl).toBeUndefined();
  });

  it('keeps the patient’s own directions over the platform’s', () => {
    const { portal } = toCustomPortal({ ...base, platform: 'epic-mychart', changePasswordDirections: 'Account → Security → Password' }, 'user');
    expect(portal?.portal.account?.changePassword?.directions).toBe('Account → Security → Password');
    expect(portal?.portal.account?.twoStep).toEqual(mychart.account?.twoStep);
  });
});

describe('an organisation’s portal (policy)', () => {
  it.each<[CustomPortalOrigin, string[], string[]]>([
    // Wildcards stay for clinic policy.
    ['policy', ['*.greenlaneclinic.co.nz'], ['greenlaneclinic.co.nz']],
    ['user', ['portal.greenlaneclinic.co.nz'], ['portal.greenlaneclinic.co.nz']],
  ])('%s may give %j', (origin, hosts, expected) => {
    const { portal, problems } = toCustomPortal({ ...base, id: 'greenlane', name: 'Greenlane Clinic portal', country: 'NZ', hosts }, origin);
    expect(problems).toEqual([]);
    expect(portal?.portal.hosts.map((rule) => rule.host)).toEqual(expected);
    expect(portal?.portal.addedBy).toBe(origin);
  });

  it.each([
    ['the name of a catalogue portal', { name: 'NHS App and NHS login', country: 'UK', hosts: ['portal.greenlaneclinic.co.nz'] }, 'name'],
    ['a look-alike host', { hosts: ['rnychart.org'] }, 'hosts[0]'],
    ['a zero-width joiner in the name', { name: 'Greenlane\u200DClinic' }, 'name'],
  ])('refuses %s as well', (_name, change, where) => {
    const { portal, problems } = toCustomPortal({ ...base, ...change }, 'policy');
    expect(portal).toBeUndefined();
    expect(problems[0]?.where).toBe(where);
  });
});
