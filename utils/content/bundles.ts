import type { Estimate } from '../password/strength';
import type { MountBanner } from './banner';
import { defineLazyBundle } from './lazy-bundle';
import type { MountAssistant } from './password-assistant';

/**
 * The three lazy bundles, each defined once for both sides: the content script loads them
 * (banner.ts, password-assistant.ts, through load-bundle.ts) and the bundles register themselves
 * (components/banner/mount.ts, components/assistant/mount.ts, entrypoints/password-strength.ts).
 * Only types come from the content script's side, so a bundle that imports this file carries no
 * loader.
 */

/** `banner.js`: the breach-notice banner (Preact), loaded when a notice is relevant. */
export const bannerBundle = defineLazyBundle<MountBanner>('banner', Symbol.for('portal-guard.banner'));

/** `password-assistant.js`: the new-password assistant, loaded when a new-password form shows up. */
export const assistantBundle = defineLazyBundle<MountAssistant>('password-assistant', Symbol.for('portal-guard.password-assistant'));

/**
 * `password-strength.js`: the estimator factory (utils/password/strength-engine.ts), loaded once
 * the assistant's UI shows. The content script loads it and hands the assistant a function that
 * does so (`MountAssistant`), so the assistant's bundle loads nothing itself.
 */
export const strengthBundle = defineLazyBundle<() => Estimate>('password-strength', Symbol.for('portal-guard.password-strength'));
