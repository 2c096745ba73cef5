import { describe, expect, it } from 'vitest';
import { MAX_SITES, canFinish, currentStep, newProgress, passwordChangedAt, reduceGuide, reminderDue, summariseGuide, type GuideEvent, type GuideProgress } from './state';
import { GUIDE_STEPS } from './steps';

const T0 = Date.UTC(2026, 10, 20, 9, 0);
const DAY = 86_400_000;

/** Apply events one after another, one minute apart. */
function run(events: GuideEvent[], from?: GuideProgress): GuideProgress {
  return events.reduce<GuideProgress | undefined>((progress, event, index) => reduceGuide(progress, event, T0 + index * 60_000), from)!;
}

const allDecided: GuideEvent[] = [
  { type: 'mark', step: 'change-password', status: 'done' },
  { type: 'mark', step: 'two-step', status: 'done' },
  { type: 'mark', step: 'reused-passwords', status: 'skipped' },
  { type: 'mark', step: 'account-access', status: 'done' },
  { type: 'mark', step: 'stay-alert', status: 'done' },
];

describe('the guide state machine', () => {
  it('starts on open, keeping the portal host', () => {
    const progress = run([{ type: 'open', host: 'mychart.clevelandclinic.org' }]);
    expect(progress).toEqual({ startedAt: T0, updatedAt: T0, host: 'mychart.clevelandclinic.org', steps: {}, reusedSites: [] });
    expect(currentStep(progress)).toBe('change-password');
  });

  it('starts implicitly when the first event is not an open (the assistant marked step 1)', () => {
    const progress = run([{ type: 'mark', step: 'change-password', status: 'done' }]);
    expect(progress.steps).toEqual({ 'change-password': { status: 'done', at: T0 } });
    expect(currentStep(progress)).toBe('two-step');
  });

  it('re-opening the guide changes nothing, unless the host is new', () => {
    const progress = run([{ type: 'open', host: 'portal.managemyhealth.co.nz' }]);
    expect(reduceGuide(progress, { type: 'open' }, T0 + DAY)).toBe(progress);
    expect(reduceGuide(progress, { type: 'open', host: 'portal.managemyhealth.co.nz' }, T0 + DAY)).toBe(progress);
    expect(reduceGuide(progress, { type: 'open', host: 'managemyhealth.co.nz' }, T0 + DAY).host).toBe('managemyhealth.co.nz');
  });

  it.each(['done', 'skipped'] as const)('marks a step %s, and reopen makes it open again', (status) => {
    const marked = run([{ type: 'open' }, { type: 'mark', step: 'two-step', status }]);
    expect(marked.steps['two-step']?.status).toBe(status);
    const reopened = reduceGuide(marked, { type: 'reopen', step: 'two-step' }, T0 + DAY);
    expect(reopened.steps['two-step']).toBeUndefined();
    expect(reduceGuide(reopened, { type: 'reopen', step: 'two-step' }, T0 + 2 * DAY)).toBe(reopened);
  });

  it('walks the steps in order, then offers finish', () => {
    const seen: string[] = [];
    let progress = run([{ type: 'open' }]);
    for (const event of allDecided) {
      seen.push(currentStep(progress));
      progress = reduceGuide(progress, event, T0);
    }
    expect(seen).toEqual([...GUIDE_STEPS]);
    expect(currentStep(progress)).toBe('finish');
    expect(canFinish(progress)).toBe(true);
  });

  it('refuses to finish while a step is open', () => {
    const progress = run([{ type: 'open' }, ...allDecided.slice(0, 4)]);
    expect(canFinish(progress)).toBe(false);
    expect(reduceGuide(progress, { type: 'finish' }, T0 + DAY)).toBe(progress);
  });

  it('finishes, then ignores step and site changes until restarted', () => {
    const finished = run([{ type: 'open', host: 'portal.managemyhealth.co.nz' }, ...allDecided, { type: 'finish' }]);
    expect(finished.finishedAt).toBe(T0 + 6 * 60_000);
    expect(currentStep(finished)).toBe('finished');
    for (const event of [{ type: 'mark', step: 'two-step', status: 'skipped' }, { type: 'reopen', step: 'two-step' }, { type: 'add-site', name: 'Bank' }, { type: 'finish' }] as GuideEvent[]) {
      expect(reduceGuide(finished, event, T0 + DAY)).toBe(finished);
    }
    const again = reduceGuide(finished, { type: 'restart' }, T0 + 30 * DAY);
    expect(again).toEqual({ startedAt: T0 + 30 * DAY, updatedAt: T0 + 30 * DAY, host: 'portal.managemyhealth.co.nz', steps: {}, reusedSites: [] });
  });

  it('restart does nothing to a guide in progress', () => {
    const progress = run([{ type: 'open' }, allDecided[0]!]);
    expect(reduceGuide(progress, { type: 'restart' }, T0 + DAY)).toBe(progress);
  });

  describe('reused sites: names only, tidy and bounded', () => {
    it.each([
      ['trims and collapses spaces', ['  My   email  '], ['My email']],
      ['ignores an empty name', ['   '], []],
      ['de-duplicates case-insensitively', ['Gmail', 'gmail', 'GMAIL '], ['Gmail']],
      ['caps a long name at 80 characters', ['x'.repeat(200)], ['x'.repeat(80)]],
    ])('%s', (_name, names, expected) => {
      const progress = run([{ type: 'open' }, ...names.map((name) => ({ type: 'add-site', name }) as GuideEvent)]);
      expect(progress.reusedSites.map((site) => site.name)).toEqual(expected);
    });

    it(`keeps at most ${MAX_SITES}`, () => {
      const progress = run([{ type: 'open' }, ...Array.from({ length: MAX_SITES + 5 }, (_, index) => ({ type: 'add-site', name: `Site ${index}` }) as GuideEvent)]);
      expect(progress.reusedSites).toHaveLength(MAX_SITES);
    });

    it('ticks a site off, and removes one', () => {
      const progress = run([{ type: 'open' }, { type: 'add-site', name: 'Bank' }, { type: 'add-site', name: 'My email' }, { type: 'tick-site', name: 'my email', changed: true }]);
      expect(progress.reusedSites).toEqual([{ name: 'Bank', changed: false }, { name: 'My email', changed: true }]);
      expect(reduceGuide(progress, { type: 'tick-site', name: 'Nowhere', changed: true }, T0)).toBe(progress);
      expect(reduceGuide(progress, { type: 'tick-site', name: 'Bank', changed: false }, T0)).toBe(progress);
      expect(reduceGuide(progress, { type: 'remove-site', name: 'BANK' }, T0).reusedSites).toEqual([{ name: 'My email', changed: true }]);
    });
  });

  it('records the well-known probe even on a finished guide (it is a fact about the portal)', () => {
    const finished = run([{ type: 'open' }, ...allDecided, { type: 'finish' }]);
    const probed = reduceGuide(finished, { type: 'probe', origin: 'https://portal.managemyhealth.co.nz', result: 'unreliable' }, T0 + DAY);
    expect(probed.probe).toEqual({ origin: 'https://portal.managemyhealth.co.nz', result: 'unreliable', at: T0 + DAY });
  });

  it('summarises what was done, skipped and still open, and the sites still to change', () => {
    const progress = run([{ type: 'open' }, allDecided[0]!, { type: 'mark', step: 'two-step', status: 'skipped' }, { type: 'add-site', name: 'Bank' }, { type: 'add-site', name: 'Email' }, { type: 'tick-site', name: 'Email', changed: true }]);
    expect(summariseGuide(progress)).toEqual({
      done: ['change-password'],
      skipped: ['two-step'],
      open: ['reused-passwords', 'account-access', 'stay-alert'],
      sites: { total: 2, changed: 1, stillToChange: ['Bank'] },
      passwordChanged: true,
    });
    expect(summariseGuide(undefined).open).toEqual([...GUIDE_STEPS]);
  });

  it('knows when the password itself was changed: step 1 done, not skipped', () => {
    expect(passwordChangedAt(run([{ type: 'open' }, { type: 'mark', step: 'change-password', status: 'done' }]))).toBe(T0 + 60_000);
    expect(passwordChangedAt(run([{ type: 'open' }, { type: 'mark', step: 'change-password', status: 'skipped' }]))).toBeUndefined();
    expect(passwordChangedAt(undefined)).toBeUndefined();
  });

  describe('reminders: one, after N quiet days, only while unfinished', () => {
    const started = newProgress(T0);
    it.each([
      ['not yet: 6 of 7 days', started, 6, false],
      ['due: 7 of 7 days', started, 7, true],
      ['never for a finished guide', { ...started, finishedAt: T0 }, 30, false],
      ['never twice', { ...started, reminderSentAt: T0 + 7 * DAY }, 30, false],
    ])('%s', (_name, progress, days, due) => {
      expect(reminderDue(progress, T0 + days * DAY, 7)).toBe(due);
    });

    it('a change to the guide restarts the quiet period', () => {
      const touched = reduceGuide(started, { type: 'add-site', name: 'Bank' }, T0 + 5 * DAY);
      expect(reminderDue(touched, T0 + 8 * DAY, 7)).toBe(false);
      expect(reminderDue(touched, T0 + 12 * DAY, 7)).toBe(true);
    });

    it('recording the reminder does not count as activity', () => {
      const reminded = reduceGuide(started, { type: 'reminder-sent' }, T0 + 7 * DAY);
      expect(reminded.updatedAt).toBe(T0);
      expect(reminded.reminderSentAt).toBe(T0 + 7 * DAY);
    });
  });
});
