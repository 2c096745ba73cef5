import { z } from 'zod';
import { sessionStateSchema } from '../session/schema';
import type { SessionState } from '../session/state';

/**
 * What the platform detector (`platform-signals.ts`) says about a page: which multi-tenant platform
 * it looks like, at which address, and nothing more. It never names an organisation or claims an
 * identity: a page that copies a platform's signals looks the same, so the popup shows this as a
 * hint about an address Portal Guard has not reviewed, and the patient decides whether to watch it.
 *
 * This is the contract between the detector (in the page, through `activeTab` or the content
 * script) and the popup's "Watch this portal" flow. It crosses a process boundary, so the popup
 * parses it with `platformDetectionSchema` before use.
 */
export interface PlatformDetection {
  /** The catalogue entry of the platform, for example `epic-mychart`. */
  platformId: string;
  /** The platform's name as patients know it, for example `MyChart`. */
  platformName: string;
  /** The page's host, lowercase ASCII (punycode stays punycode, so a look-alike stays visible). */
  host: string;
  /** The host's registrable domain (eTLD+1), for example `uwhealth.org`. */
  registrableDomain: string;
  /** The session state the generic classifier gave the page. */
  state: SessionState;
  /** Ids of the signals that matched, for the popup's "why" and for tests. */
  matched: string[];
}

const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80);
// Lowercase ASCII with at least one dot; tldts checks the rest where the registrable domain is computed.
const hostSchema = z.string().max(253).regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/);

/**
 * What the page side returns (`PageDetection` in platform-signals.ts): no registrable domain and no
 * state yet, since the first needs the public-suffix list and the second comes from the classifier.
 */
export const pageDetectionSchema = z.strictObject({
  platformId: idSchema,
  platformName: z.string().min(1).max(100),
  host: hostSchema,
  matched: z.array(idSchema).min(1).max(40),
});

export const platformDetectionSchema = pageDetectionSchema.extend({
  registrableDomain: hostSchema,
  state: sessionStateSchema,
}) satisfies z.ZodType<PlatformDetection>;
