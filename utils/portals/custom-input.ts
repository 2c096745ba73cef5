import { z } from 'zod';
import { countrySchema } from './schema';
import { PROTOTYPE_NAME_REASON, notPrototypeName } from '../own-keys';

/**
 * The short form in which an administrator (policy `additionalPortals`) or a patient (the options
 * page, a settings file) writes a portal the catalogue does not list. Kept apart from `custom.ts`
 * so the storage registry can use it without the public-suffix list; `toCustomPortal` checks the
 * hosts and turns an entry into a catalogue-shaped portal.
 */

export const MAX_CUSTOM_HOSTS = 20;
const MAX_TEXT = 300;

/** `portal.clinic.example` (that host only) or `*.clinic.example` (the domain and every host below it). */
export const customHostSchema = z.string().min(1).max(260);

const httpsUrl = z.string().max(2048).regex(/^https:\/\/[^\s]+$/, 'must be an https:// URL');
const text = z.string().trim().min(1).max(MAX_TEXT);

/** The short form an administrator or a patient writes (docs/deploy.md, "additionalPortals"). */
export const customPortalInputSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case, like riverside-myindici').max(60).refine(notPrototypeName, PROTOTYPE_NAME_REASON),
  name: text.max(100),
  country: countrySchema,
  operator: text.max(100).optional(),
  hosts: z.array(customHostSchema).min(1, 'needs at least one host').max(MAX_CUSTOM_HOSTS, `at most ${MAX_CUSTOM_HOSTS} hosts`),
  homeUrl: httpsUrl.optional(),
  /** Where "sign out" is, for the shared-computer reminder; the home page is used without it. */
  signOutUrl: httpsUrl.optional(),
  changePasswordUrl: httpsUrl.optional(),
  changePasswordDirections: text.optional(),
  twoStepLocation: text.optional(),
  exportDirections: text.optional(),
});
export type CustomPortalInput = z.infer<typeof customPortalInputSchema>;

