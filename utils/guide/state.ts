import { GUIDE_STEPS, type GuideStepId } from './steps';

/**
 * The password guide's progress for one portal, and the one pure function that changes it.
 * Storage (utils/state/storage.ts `guideProgress`) keeps one of these per portal id; every change, from
 * the guide page, the in-page assistant or the background, goes through `reduceGuide`, so the
 * rules below are the whole story and are table-tested in `state.test.ts`.
 *
 *   (none) ──any event──► in progress ──finish (every step done or skipped)──► finished
 *                            ▲                                                   │
 *                            └──────────────────────── restart ◄─────────────────┘
 *
 * - A step is open, done or skipped; `reopen` makes it open again.
 * - Finishing needs every step decided. Skipping is always allowed, so it never blocks anyone.
 * - A finished guide ignores step and site changes: its summary stays as it was. `restart`
 *   begins a new run (a later password change), keeping the host.
 * - Reused sites are names only ("my email", "Bank"), never a password. They are trimmed,
 *   de-duplicated case-insensitively and capped, so a stuck key cannot fill storage.
 */

export type StepStatus = 'done' | 'skipped';

/** What the content script found at the portal's `/.well-known/change-password` (see well-known.ts). */
export type ProbeResult = 'supported' | 'unreliable' | 'missing' | 'failed';

export interface ReusedSite {
  name: string;
  changed: boolean;
}

export interface GuideProgress {
  startedAt: number;
  updatedAt: number;
  /** The portal host the patient uses (a tenant such as mychart.clevelandclinic.org). */
  host?: string;
  steps: Partial<Record<GuideStepId, { status: StepStatus; at: number }>>;
  reusedSites: ReusedSite[];
  probe?: { origin: string; result: ProbeResult; at: number };
  finishedAt?: number;
  /** When the one reminder for this run was shown; never a second time. */
  reminderSentAt?: number;
}

export type GuideEvent =
  | { type: 'open'; host?: string }
  | { type: 'mark'; step: GuideStepId; status: StepStatus }
  | { type: 'reopen'; step: GuideStepId }
  | { type: 'add-site'; name: string }
  | { type: 'tick-site'; name: string; changed: boolean }
  | { type: 'remove-site'; name: string }
  | { type: 'probe'; origin: string; result: ProbeResult }
  | { type: 'finish' }
  | { type: 'restart' }
  | { type: 'reminder-sent' };

export const MAX_SITES = 30;
export const MAX_SITE_NAME = 80;

export function newProgress(now: number, host?: string): GuideProgress {
  return { startedAt: now, updatedAt: now, ...(host ? { host } : {}), steps: {}, reusedSites: [] };
}

/** Trim, collapse spaces and cap a site name; empty means "not a name". */
export function cleanSiteName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_SITE_NAME).trim();
}

const sameName = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

/** Apply one event. Returns the same object when the event changes nothing. */
export function reduceGuide(current: GuideProgress | undefined, event: GuideEvent, now: number): GuideProgress {
  const progress = current ?? newProgress(now);
  const touch = (next: Omit<GuideProgress, 'updatedAt'>): GuideProgress => ({ ...next, updatedAt: now });
  const finished = progress.finishedAt !== undefined;

  switch (event.type) {
    case 'open':
      if (!current) return newProgress(now, event.host);
      return event.host && event.host !== progress.host ? touch({ ...progress, host: event.host }) : progress;
    case 'probe':
      return touch({ ...progress, probe: { origin: event.origin, result: event.result, at: now } });
    case 'reminder-sent':
      return { ...progress, reminderSentAt: now };
    case 'restart':
      return finished ? newProgress(now, progress.host) : progress;
    default:
      break;
  }
  if (finished) return progress;

  switch (event.type) {
    case 'mark':
      return touch({ ...progress, steps: { ...progress.steps, [event.step]: { status: event.status, at: now } } });
    case 'reopen': {
      if (!progress.steps[event.step]) return progress;
      const { [event.step]: _old, ...steps } = progress.steps;
      return touch({ ...progress, steps });
    }
    case 'add-site': {
      const name = cleanSiteName(event.name);
      if (!name || progress.reusedSites.length >= MAX_SITES || progress.reusedSites.some((site) => sameName(site.name, name))) return progress;
      return touch({ ...progress, reusedSites: [...progress.reusedSites, { name, changed: false }] });
    }
    case 'tick-site': {
      const index = progress.reusedSites.findIndex((site) => sameName(site.name, event.name));
      if (index < 0 || progress.reusedSites[index]!.changed === event.changed) return progress;
      return touch({ ...progress, reusedSites: progress.reusedSites.map((site, at) => (at === index ? { ...site, changed: event.changed } : site)) });
    }
    case 'remove-site': {
      const reusedSites = progress.reusedSites.filter((site) => !sameName(site.name, event.name));
      return reusedSites.length === progress.reusedSites.length ? progress : touch({ ...progress, reusedSites });
    }
    case 'finish':
      return canFinish(progress) ? touch({ ...progress, finishedAt: now }) : progress;
  }
}

/** Every step is done or skipped. */
export function canFinish(progress: GuideProgress): boolean {
  return GUIDE_STEPS.every((step) => progress.steps[step] !== undefined);
}

/** The first step still open, or `finish` when all are decided, or `finished`. */
export function currentStep(progress: GuideProgress | undefined): GuideStepId | 'finish' | 'finished' {
  if (progress?.finishedAt !== undefined) return 'finished';
  return GUIDE_STEPS.find((step) => progress?.steps[step] === undefined) ?? 'finish';
}

/** When the patient said the password itself was changed (step 1 done), if they did. */
export function passwordChangedAt(progress: GuideProgress | undefined): number | undefined {
  const step = progress?.steps['change-password'];
  return step?.status === 'done' ? step.at : undefined;
}

export interface GuideSummary {
  done: GuideStepId[];
  skipped: GuideStepId[];
  open: GuideStepId[];
  sites: { total: number; changed: number; stillToChange: string[] };
  passwordChanged: boolean;
}

export function summariseGuide(progress: GuideProgress | undefined): GuideSummary {
  const of = (status: StepStatus | undefined) => GUIDE_STEPS.filter((step) => progress?.steps[step]?.status === status);
  const sites = progress?.reusedSites ?? [];
  return {
    done: of('done'),
    skipped: of('skipped'),
    open: of(undefined),
    sites: { total: sites.length, changed: sites.filter((site) => site.changed).length, stillToChange: sites.filter((site) => !site.changed).map((site) => site.name) },
    passwordChanged: passwordChangedAt(progress) !== undefined,
  };
}

/** Unfinished for at least `days` since the last change, and not reminded yet in this run. */
export function reminderDue(progress: GuideProgress, now: number, days: number): boolean {
  return progress.finishedAt === undefined && progress.reminderSentAt === undefined && now - progress.updatedAt >= days * 86_400_000;
}
