import { browser, type Browser } from 'wxt/browser';
import { hasBreachCheckPermission, type PermissionsApi as BreachCheckPermissions } from '../password/breach-check-permission';
import { sharedComputerSetting } from '../policy/effective';
import { currentPolicy } from '../policy/managed';
import type { ParsedPolicy } from '../policy/schema';
import { currentPortals, forgetCurrentPortals, watchCurrentPortals, type CurrentPortals } from '../state/current-portals';
import { portalOrigins, toCustomPortal, type CustomPortal, type CustomPortalInput } from '../portals/custom';
import type { Country } from '../portals/schema';
import { formatNumber } from '../i18n/format';
import { t } from '../i18n/t';
import { MAX_USER_PORTALS, customPortals, readItem, sharedComputer, signOutReminders, updateItem, type SharedComputerPrefs, type SignOutReminder } from '../state/storage';

/**
 * What the options page shows about the organisation's policy and the custom portals, and the
 * patient's changes to their own portals. The page only reads the policy; the background applies
 * it. A portal's hosts are asked for from the click that adds (or allows) it, naming only them.
 */

export type PermissionsApi = Pick<typeof browser.permissions, 'contains' | 'request' | 'remove'>;

export interface ClinicData {
  policy: ParsedPolicy;
  portals: CurrentPortals;
  /** The patient's own list, as stored (active or not). */
  userPortals: CustomPortalInput[];
  /** Custom portal id → whether the browser lets Portal Guard run on all of its hosts. */
  access: Record<string, boolean>;
  rangeApiGranted: boolean;
  sharedComputer: SharedComputerPrefs;
  notificationsGranted: boolean;
  browsingDataGranted: boolean;
  /** "You may still be signed in" reminders raised in this browser session, newest last. */
  reminders: SignOutReminder[];
}

export async function loadClinicData(permissions: PermissionsApi = browser.permissions): Promise<ClinicData> {
  const [policy, portals, userPortals, prefs, reminders] = await Promise.all([currentPolicy(), currentPortals(), readItem(customPortals), readItem(sharedComputer), readItem(signOutReminders)]);
  const has = (origins: string[]) => Promise.resolve(origins).then((list) => permissions.contains({ origins: list })).catch(() => false);
  const hasApi = (name: Browser.runtime.ManifestPermission) => Promise.resolve(name).then((api) => permissions.contains({ permissions: [api] })).catch(() => false);
  // Keyed by portal ids from the policy and the patient: no prototype, so no inherited names.
  const access: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  await Promise.all(
    portals.custom.map(async (portal) => {
      access[portal.portal.id] = await has(portalOrigins(portal));
    }),
  );
  const [rangeApiGranted, notificationsGranted, browsingDataGranted] = await Promise.all([Promise.resolve(permissions as unknown as BreachCheckPermissions).then((api) => hasBreachCheckPermission(api)).catch(() => false), hasApi('notifications'), hasApi('browsingData')]);
  return { policy, portals, userPortals, access, rangeApiGranted, sharedComputer: prefs, notificationsGranted, browsingDataGranted, reminders };
}

/** Reload when the policy, the patient's portals or the browser's grants change. Returns a stop function. */
export function watchClinicData(onChange: () => void, events = browser.permissions): () => void {
  const stopPortals = watchCurrentPortals(() => onChange());
  const stopItems = [sharedComputer, signOutReminders].map((registered) => registered.item.watch(() => onChange()));
  const changed = () => onChange();
  const listen = (action: () => void) => {
    try {
      action();
    } catch {
      // A browser (or test double) without permission events: the page reloads on its own changes.
    }
  };
  listen(() => events.onAdded.addListener(changed));
  listen(() => events.onRemoved.addListener(changed));
  return () => {
    stopPortals();
    stopItems.forEach((stop) => stop());
    listen(() => events.onAdded.removeListener(changed));
    listen(() => events.onRemoved.removeListener(changed));
  };
}

export interface NewPortalForm {
  name: string;
  /** What the patient typed: an address (`https://mychart.clinic.org/MyChart/`) or a host. */
  address: string;
  country: Country;
}

/**
 * Turn the add-portal form into a checked portal, synchronously, so the permission request can
 * follow in the same click (Firefox refuses a request made after an `await`).
 */
export function portalFromForm(form: NewPortalForm, current: CurrentPortals, stored: readonly CustomPortalInput[]): { portal: CustomPortal } | { problem: string } {
  const name = form.name.trim();
  if (!name) return { problem: t('options.portals.problem.noName') };
  if (stored.length >= MAX_USER_PORTALS) return { problem: t('options.portals.problem.tooMany', MAX_USER_PORTALS, { count: formatNumber(MAX_USER_PORTALS) }) };
  const typed = form.address.trim();
  if (!typed) return { problem: t('options.portals.problem.noAddress') };
  let host = typed;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(typed)) {
    let url: URL;
    try {
      url = new URL(typed);
    } catch {
      return { problem: t('options.portals.problem.notAddress', { address: typed }) };
    }
    if (url.protocol !== 'https:') return { problem: t('options.portals.problem.notHttps') };
    host = url.hostname;
  } else {
    host = typed.replace(/\/.*$/, '');
  }
  const base = `user-${host.replace(/^\*\./, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`.slice(0, 55).replace(/-+$/, '');
  const taken = new Set([...stored.map((portal) => portal.id), ...current.index.portals.map((portal) => portal.id)]);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const input: CustomPortalInput = { id, name, country: form.country, hosts: [host] };
  const { portal, problems } = toCustomPortal(input, 'user', { index: current.index });
  // One host was typed, so its reason is the one to show (not the "no usable host" that follows).
  if (!portal || problems.length > 0) return { problem: problems[0]?.reason ?? t('options.portals.problem.cannotAdd') };
  return { portal };
}

/**
 * Whether shared-computer mode is on (by policy or by the patient). The password guide asks before
 * giving back the `notifications` permission when its reminder is turned off, because the mode's
 * "You may still be signed in" notification needs the same permission.
 */
export async function sharedComputerOn(): Promise<boolean> {
  const [{ policy }, prefs] = await Promise.all([currentPolicy(), readItem(sharedComputer)]);
  return sharedComputerSetting(policy, prefs.enabled).on;
}

export const saveSharedComputer = (change: Partial<SharedComputerPrefs>) => updateItem(sharedComputer, (current) => ({ ...current, ...change }));

export const addUserPortal = (input: CustomPortalInput) => updateItem(customPortals, (list) => [...list.filter((portal) => portal.id !== input.id), input]);

/**
 * Remove one of the patient's portals, and give back its hosts (the background unregisters its
 * content script when the list changes). The hosts are only given back if no remaining portal
 * uses them.
 */
export async function removeUserPortal(id: string, permissions: PermissionsApi = browser.permissions): Promise<void> {
  const stored = await readItem(customPortals);
  const gone = stored.find((portal) => portal.id === id);
  await updateItem(customPortals, (list) => list.filter((portal) => portal.id !== id));
  forgetCurrentPortals();
  if (!gone) return;
  const origins = (await currentPortals()).custom.flatMap(portalOrigins);
  const removed = gone.hosts.map((host) => (host.startsWith('*.') ? [`https://${host}/*`, `https://${host.slice(2)}/*`] : [`https://${host.toLowerCase()}/*`])).flat();
  const release = removed.filter((origin) => !origins.includes(origin));
  if (release.length > 0) await permissions.remove({ origins: release }).catch(() => false);
}

