import { describe, expect, it } from 'vitest';
import { badgeFor } from './badge';

describe('badgeFor', () => {
  it.each([
    ['Manage My Health', 'signed-in', 1, '!1', 'Portal Guard: Manage My Health — Signed in. 1 breach notice.'],
    ['Manage My Health', 'login', 1, '!1', 'Portal Guard: Manage My Health — On the sign-in page. 1 breach notice.'],
    ['Cleveland Clinic’s MyChart', 'signed-in', 0, 'ON', 'Portal Guard: Cleveland Clinic’s MyChart — Signed in.'],
    ['Cleveland Clinic’s MyChart', 'login', 0, 'LOG', 'Portal Guard: Cleveland Clinic’s MyChart — On the sign-in page.'],
    ['Kaiser Permanente', 'signed-out', 0, 'OFF', 'Portal Guard: Kaiser Permanente — Signed out.'],
    ['myGov', 'unknown', 0, '?', 'Portal Guard: myGov — Session not determined.'],
    ['MyChart', 'signed-in', 3, '!3', 'Portal Guard: MyChart — Signed in. 3 breach notices.'],
    ['MyChart', 'signed-in', 250, '!99', 'Portal Guard: MyChart — Signed in. 250 breach notices.'],
  ] as const)('%s, %s, %i notices → %s', (name, state, count, text, title) => {
    const badge = badgeFor(name, state, count);
    expect(badge.text).toBe(text);
    expect(badge.title).toBe(title);
    // The text alone must carry the meaning; colour only reinforces it.
    expect(badge.text.length).toBeLessThanOrEqual(3);
  });

  it('uses a different colour for notices than for any session state', () => {
    const states = ['login', 'signed-in', 'signed-out', 'unknown'] as const;
    const notice = badgeFor('X', 'signed-in', 1).color;
    for (const state of states) expect(badgeFor('X', state, 0).color).not.toBe(notice);
  });
});
