import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue';
import { editAllowance, hiddenCharacterProblem, hostImitation, nameImitation, protectedMarks, skeleton } from './imitation';
import type { Portal } from './schema';

const marks = protectedMarks(CATALOGUE as readonly Portal[]);

describe('skeleton (Unicode TR39, through confusables.txt)', () => {
  it.each([
    ['Manage My Health', 'rnanagernyhealth'],
    // Cyrillic capital Em (U+041C) for the Latin M.
    ['\u041Canage My Health', 'rnanagernyhealth'],
    // Greek capital Alpha for the Latin A in "Alberta".
    ['\u0391lberta Health Services', 'albertahealthservices'],
    // confusables.txt maps m to rn, so both spellings meet at rn.
    ['rnychart.org', 'rnychartorg'],
    ['MyChart', 'rnychart'],
    ['My-Chart', 'rnychart'],
    // A capital I passes for a lowercase l.
    ['CIeveland CIinic', 'clevelandclinic'],
  ])('%s → %s', (text, expected) => {
    expect(skeleton(text)).toBe(expected);
  });

  it('allows 2 edits for 10 characters or more, 1 for 6 to 9, none below', () => {
    expect([4, 5, 6, 9, 10, 14].map(editAllowance)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('hidden characters in a name', () => {
  it.each([
    ['zero-width space', 'Manage\u200BMy Health', 'an invisible character (U+200B)'],
    ['zero-width joiner', 'Greenlane\u200DMyChart', 'an invisible character (U+200D)'],
    ['right-to-left override', '\u202EhtlaeH yM eganaM', 'a right-to-left/left-to-right control (U+202E)'],
    ['first-strong isolate', 'Greenlane \u2068MyChart\u2069', 'a right-to-left/left-to-right control (U+2068)'],
    ['right-to-left mark', 'Riverside\u200F portal', 'a right-to-left/left-to-right control (U+200F)'],
    ['byte-order mark', '\uFEFFRiverside', 'an invisible character (U+FEFF)'],
    ['soft hyphen', 'River\u00ADside', 'an invisible character (U+00AD)'],
  ])('%s is refused', (_name, text, what) => {
    expect(hiddenCharacterProblem(text)).toBe(`contains ${what}, which can make a name read differently from what it is`);
  });

  it.each(['Greenlane Clinic MyChart', 'Te Whatu Ora – Waitematā', 'Clínica São Paulo', 'Riverside Medical Centre patient portal'])('%s is fine', (text) => {
    expect(hiddenCharacterProblem(text)).toBeUndefined();
  });
});

describe('a name that takes or imitates a catalogue portal’s', () => {
  it.each([
    ['Manage My Health', 'managemyhealth', 'is the name'],
    ['manage my health', 'managemyhealth', 'is the name'],
    ['\u041Canage My Health', 'managemyhealth', 'is the name'],
    ['Manage My Heath', 'managemyhealth', 'looks like the name'],
    ['Manage My Healht', 'managemyhealth', 'looks like the name'],
    ['MyChart', 'epic-mychart', 'is the name'],
    ['My Chart', 'epic-mychart', 'is the name'],
    ['MyCharts', 'epic-mychart', 'looks like the name'],
    // Operators and tenant organisations are protected too.
    ['Services Australia', 'mygov', 'is the name'],
    ['Manage My Health Limited', 'managemyhealth', 'is the name'],
    ['Cleveland Clinic', 'epic-mychart', 'is the name'],
    ['Cleveland Clinc', 'epic-mychart', 'looks like the name'],
    ['CIeveland CIinic', 'epic-mychart', 'is the name'],
    ['Kaiser Permanente', 'kaiser-permanente', 'is the name'],
    ['SystmOnline', 'systmonline', 'is the name'],
    ['Systm0nline', 'systmonline', 'is the name'],
  ])('%s imitates %s', (text, id, how) => {
    const found = nameImitation(text, marks);
    expect(found?.imitates.id).toBe(id);
    expect(found?.reason.startsWith(how)).toBe(true);
  });

  it.each(['Greenlane Clinic MyChart', 'UW Health MyChart', 'MyChart (uwhealth.org)', 'Riverside Medical Centre patient portal', 'Health', 'My GP surgery', 'Novant Health MyChart'])('%s is its own name', (text) => {
    expect(nameImitation(text, marks)).toBeUndefined();
  });
});

describe('an address that imitates a catalogue portal’s', () => {
  it.each([
    // A catalogue brand as a word of another registrable domain.
    ['managemyhealth-login.co.nz', 'managemyhealth', 'carries the name'],
    ['mychart-uwhealth.org', 'epic-mychart', 'carries the name'],
    ['login-mychart.com', 'epic-mychart', 'carries the name'],
    ['mychart.net', 'epic-mychart', 'carries the name'],
    ['kaiserpermanente.com', 'kaiser-permanente', 'carries the name'],
    ['followmyhealth-portal.com', 'followmyhealth', 'carries the name'],
    ['myathenahealth.com', 'athenahealth', 'is one or two letters away'],
    // Confusable spellings (TR39 skeleton) and near misses.
    ['rnychart.org', 'epic-mychart', 'is written to look like'],
    ['my-chart.org', 'epic-mychart', 'is written to look like'],
    ['managernyhealth.co.nz', 'managemyhealth', 'is written to look like'],
    ['managemyheatlh.co.nz', 'managemyhealth', 'is one or two letters away'],
    ['mychert.org', 'epic-mychart', 'is one or two letters away'],
    ['clevelandclinlc.org', 'epic-mychart', 'is one or two letters away'],
    ['healthengine.com.co', 'healthengine', 'is one or two letters away'],
    // A whole catalogue domain used as the start of another.
    ['portal.managemyhealth.co.nz.secure-login.com', 'managemyhealth', 'starts with'],
    ['my.gov.au.verify-account.net', 'mygov', 'starts with'],
  ])('%s imitates %s', (host, id, how) => {
    const found = hostImitation(host, marks);
    expect(found?.imitates.id).toBe(id);
    expect(found?.reason).toContain(how);
  });

  it.each([
    // A tenant names the platform in its subdomain, under the organisation's own domain.
    'mychart.uwhealth.org',
    'mychart.novanthealth.org',
    'mychart.iu.edu',
    'uwhealth.org',
    // Two edits from iqhealth.com (Oracle Health), but 8-letter labels allow only one.
    'uwhealth.com',
    // The catalogue's own domains belong to their owners.
    'app.managemyhealth.co.nz',
    'riverside.myindici.co.nz',
    'mychart.clevelandclinic.org',
    'portal.greenlaneclinic.co.nz',
    'secure.lifelabs.com',
  ])('%s is not an imitation', (host) => {
    expect(hostImitation(host, marks)).toBeUndefined();
  });
});
