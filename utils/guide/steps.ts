/**
 * The password guide's steps, in order, with a rough time each. The content of each step is
 * written per portal from the catalogue (`portal-facts.ts`); this file only names them.
 */

export const GUIDE_STEPS = ['change-password', 'two-step', 'reused-passwords', 'account-access', 'stay-alert'] as const;
export type GuideStepId = (typeof GUIDE_STEPS)[number];

export interface GuideStepInfo {
  id: GuideStepId;
  title: string;
  /** A rough estimate for a patient who is not technical, shown as "about N minutes". */
  minutes: number;
}

export const STEP_INFO: Record<GuideStepId, GuideStepInfo> = {
  'change-password': { id: 'change-password', title: 'Change your password', minutes: 5 },
  'two-step': { id: 'two-step', title: 'Turn on two-step verification', minutes: 5 },
  'reused-passwords': { id: 'reused-passwords', title: 'Change the same password on other sites', minutes: 3 },
  'account-access': { id: 'account-access', title: 'Check who can get into your account', minutes: 5 },
  'stay-alert': { id: 'stay-alert', title: 'Stay alert for scams', minutes: 2 },
};

/** "about 5 minutes", "about 1 minute". */
export function aboutMinutes(minutes: number): string {
  return `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
