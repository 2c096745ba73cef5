/**
 * The password guide's steps, in order, with a rough time each. The content of each step is
 * written per portal from the catalogue (`portal-facts.ts`); this file only names them.
 */

import { formatNumber } from '../i18n/format';
import { t, type PlainKey } from '../i18n/t';

export const GUIDE_STEPS = ['change-password', 'two-step', 'reused-passwords', 'account-access', 'stay-alert'] as const;
export type GuideStepId = (typeof GUIDE_STEPS)[number];

export interface GuideStepInfo {
  id: GuideStepId;
  /** The message key of the step's title (utils/i18n/locales/): `t(info.title)`. */
  title: PlainKey;
  /** A rough estimate for a patient who is not technical, shown as "about N minutes". */
  minutes: number;
}

export const STEP_INFO: Record<GuideStepId, GuideStepInfo> = {
  'change-password': { id: 'change-password', title: 'guide.step.changePassword', minutes: 5 },
  'two-step': { id: 'two-step', title: 'guide.step.twoStep', minutes: 5 },
  'reused-passwords': { id: 'reused-passwords', title: 'guide.step.reusedPasswords', minutes: 3 },
  'account-access': { id: 'account-access', title: 'guide.step.accountAccess', minutes: 5 },
  'stay-alert': { id: 'stay-alert', title: 'guide.step.stayAlert', minutes: 2 },
};

/** "about 5 minutes", "about 1 minute". */
export function aboutMinutes(minutes: number): string {
  return t('guide.aboutMinutes', minutes, { count: formatNumber(minutes) });
}
