import { z } from 'zod';
import { t } from '../i18n/t';
import { describeZodIssue, toCustomPortal, type CustomPortalInput } from '../portals/custom';
import { customPortalInputSchema } from '../portals/custom-input';
import type { CurrentPortals } from '../state/current-portals';
import { createPortalIndex } from '../portals/match';
import type { Portal } from '../portals/schema';
import { MAX_USER_PORTALS, customPortals, readItem, settings, settingsSchema, sharedComputer, sharedComputerSchema, updateItem, writeItem } from '../state/storage';

/**
 * The settings file a patient exports and imports on the options page (moving to a new computer,
 * or a practice preparing several). It holds preferences and the patient's own portals, nothing
 * else: no password (Portal Guard stores none), no browsing, no dismissed notices or dates, and no
 * switch that needs a browser permission to mean anything (the breach check, the guide's reminder).
 * A file is checked whole before anything is written, and each portal is checked like one typed
 * in; what is refused is listed with its reason.
 */

export const SETTINGS_FILE_FORMAT = 'portal-guard-settings';
/** A settings file is a few kilobytes; anything far larger is not one. */
export const MAX_SETTINGS_FILE_BYTES = 256 * 1024;

export const settingsFileSchema = z.strictObject({
  format: z.literal(SETTINGS_FILE_FORMAT),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  noticeWindowMonths: settingsSchema.shape.noticeWindowMonths,
  sharedComputer: sharedComputerSchema,
  customPortals: z.array(z.unknown()).max(MAX_USER_PORTALS),
});
export type SettingsFile = Omit<z.infer<typeof settingsFileSchema>, 'customPortals'> & { customPortals: CustomPortalInput[] };

export async function exportSettings(now = new Date()): Promise<SettingsFile> {
  const [prefs, shared, portals] = await Promise.all([readItem(settings), readItem(sharedComputer), readItem(customPortals)]);
  return { format: SETTINGS_FILE_FORMAT, version: 1, exportedAt: now.toISOString(), noticeWindowMonths: prefs.noticeWindowMonths, sharedComputer: shared, customPortals: portals };
}

export interface ImportPlan {
  noticeWindowMonths: number;
  sharedComputer: { enabled: boolean; clearSiteData: boolean };
  portals: CustomPortalInput[];
  /** What is not imported, and why. */
  refused: string[];
}

/** Check a file's text; nothing is written. `current` is what the browser recognises now. */
export function planImport(text: string, current: CurrentPortals, stored: readonly CustomPortalInput[], { browsingDataGranted = false } = {}): { plan: ImportPlan } | { problems: string[] } {
  if (text.length > MAX_SETTINGS_FILE_BYTES) return { problems: [t('options.transfer.tooLarge')] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problems: [t('options.transfer.notJson')] };
  }
  const parsed = settingsFileSchema.safeParse(json);
  if (!parsed.success) {
    const format = (json as { format?: unknown } | null)?.format;
    if (format !== SETTINGS_FILE_FORMAT) return { problems: [t('options.transfer.notSettings')] };
    return { problems: parsed.error.issues.slice(0, 8).map((issue) => `${issue.path.join('.') || 'file'}: ${describeZodIssue(issue)}`) };
  }
  const file = parsed.data;
  const refused: string[] = [];
  const portals: CustomPortalInput[] = [];
  const entries = file.customPortals.map((entry) => customPortalInputSchema.safeParse(entry));
  // An entry with the id of one of the patient's portals replaces it, so that one does not block it.
  const replaced = new Set(entries.flatMap((entry) => (entry.success && stored.some((portal) => portal.id === entry.data.id) ? [entry.data.id] : [])));
  const accepted: Portal[] = current.index.portals.filter((portal) => !replaced.has(portal.id));
  entries.forEach((input, position) => {
    if (!input.success) {
      refused.push(`customPortals[${position}]: ${input.error.issues.map(describeZodIssue).join('; ')}`);
      return;
    }
    const { portal, problems } = toCustomPortal(input.data, 'user', { index: createPortalIndex(accepted) });
    if (!portal || problems.length > 0 || accepted.some((known) => known.id === input.data.id)) {
      refused.push(t('options.transfer.refusedPortal', { name: input.data.name, reason: problems[0]?.reason ?? t('options.transfer.idTaken', { id: input.data.id }) }));
      return;
    }
    portals.push(input.data);
    accepted.push(portal.portal);
  });
  const clearSiteData = file.sharedComputer.clearSiteData && browsingDataGranted;
  if (file.sharedComputer.clearSiteData && !clearSiteData) refused.push(t('options.transfer.clearNeedsPermission'));
  return { plan: { noticeWindowMonths: file.noticeWindowMonths, sharedComputer: { enabled: file.sharedComputer.enabled, clearSiteData }, portals, refused } };
}

/** Apply a checked plan: preferences replaced, the file's portals added to (or replacing by id) the patient's own. */
export async function applyImport(plan: ImportPlan): Promise<void> {
  await updateItem(settings, (current) => ({ ...current, noticeWindowMonths: plan.noticeWindowMonths }));
  await writeItem(sharedComputer, plan.sharedComputer);
  await updateItem(customPortals, (list) => {
    const ids = new Set(plan.portals.map((portal) => portal.id));
    return [...list.filter((portal) => !ids.has(portal.id)), ...plan.portals].slice(0, MAX_USER_PORTALS);
  });
}
