import type { RequestOf, ResponseOf } from '../messaging/protocol';
import { CATALOGUE, type Portal } from '../portals';
import type { PlatformDetection } from '../portals/platform-detection';
import { signalTable, type SignalTable } from '../portals/platform-signals';
import { registrableDomainOf } from '../portals/registrable-domain';
import type { SessionState } from '../session/state';

/**
 * The background's side of platform detection: it holds the catalogue, so it builds the compact
 * signal table the page-side detector needs (for the popup's "Check this page", and in the reply to
 * a content script on a host the catalogue does not list), and it completes what a content script
 * reports: the host from the sender's URL, the registrable domain from tldts, the platform checked
 * against its own table. A page can make the detector see anything, so the result stays a hint.
 */

let table: SignalTable | undefined;
const catalogue = new Set<Portal>(CATALOGUE as readonly Portal[]);

/** The table from the bundled catalogue, built once per background start. */
export function platformSignalTable(): SignalTable {
  table ??= signalTable(CATALOGUE as readonly Portal[]);
  return table;
}

export function onPlatformSignals(_request: RequestOf<'ui-bg/platform-signals'>): ResponseOf<'ui-bg/platform-signals'> {
  return { platforms: platformSignalTable() };
}

/** True for a portal the bundled catalogue lists (its platform is already known). */
export const isCataloguePortal = (portal: Portal): boolean => catalogue.has(portal);

/**
 * Turn a content script's report into a `PlatformDetection`, or nothing when the platform or a
 * signal id is not in our table, or the sender's address is not a watchable name.
 */
export function completeDetection(reported: NonNullable<RequestOf<'cs-bg/session'>['detection']>, senderUrl: string, state: SessionState, known: SignalTable = platformSignalTable()): PlatformDetection | undefined {
  const entry = known.find((platform) => platform.id === reported.platformId);
  if (!entry) return undefined;
  const ids = new Set(entry.signals.map((signal) => signal.id));
  if (!reported.matched.every((id) => ids.has(id))) return undefined;
  let url: URL;
  try {
    url = new URL(senderUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  const registrableDomain = registrableDomainOf(url.hostname);
  if (!registrableDomain) return undefined;
  return { platformId: entry.id, platformName: entry.name, host: url.hostname, registrableDomain, state, matched: [...reported.matched] };
}
