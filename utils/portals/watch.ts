import { CATALOGUE } from './catalogue';
import { marksOf, parseCustomHost, type CustomPortalInput } from './custom';
import type { Imitation } from './imitation';
import { hostImitation } from './imitation';
import type { PortalIndex } from './match';
import { registrableDomainOf } from './registrable-domain';
import type { Portal } from './schema';

/**
 * Whether the page at `url` may become the patient's watched portal ("Watch this portal", issue
 * 12), and the short form it is stored in. Pure: the popup's tab status and the background's
 * watch handler both ask here, so the button is offered exactly where the request is accepted.
 *
 * Only an https page at a host that nothing recognises may be watched, and never one that imitates
 * a catalogue portal's address: that one gets the look-alike warning instead.
 */
export type WatchCandidate =
  | { kind: 'watchable'; host: string; registrableDomain: string }
  | { kind: 'imitation'; host: string; imitation: Imitation }
  | { kind: 'no'; reason: string };

export function watchCandidate(url: string, index: PortalIndex, catalogue: readonly Portal[] = CATALOGUE as readonly Portal[]): WatchCandidate {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'no', reason: 'not a web address' };
  }
  if (parsed.protocol !== 'https:') return { kind: 'no', reason: 'Portal Guard watches secure (https://) addresses only' };
  const found = index.lookupUrl(url);
  if (found.kind === 'portal') return { kind: 'no', reason: `${found.match.host} is already recognised as ${found.match.displayName}` };
  if (found.kind === 'lookalike') return { kind: 'imitation', host: found.host, imitation: { imitates: found.imitates, reason: `${found.host} is a known look-alike of ${found.imitates.name}` } };
  if (found.reason !== 'unknown-host') return { kind: 'no', reason: `${parsed.hostname} cannot be watched (${found.reason})` };
  const host = parsed.hostname;
  const imitation = hostImitation(host, marksOf(catalogue));
  if (imitation) return { kind: 'imitation', host, imitation };
  const checked = parseCustomHost(host, index, catalogue, 'user');
  if ('problem' in checked) return { kind: 'no', reason: checked.problem };
  const registrableDomain = registrableDomainOf(host);
  if (!registrableDomain) return { kind: 'no', reason: `${host} is not under a known public suffix` };
  return { kind: 'watchable', host, registrableDomain };
}

/** The origin "Watch this portal" asks the browser for: that host only, https only. */
export const watchOrigin = (host: string) => `https://${host}/*`;

/**
 * The patient's portal a watch stores: named after the platform and the address's owner
 * (`MyChart (uwhealth.org)`), never after an organisation Portal Guard has not confirmed.
 */
export function watchedPortalInput(host: string, registrableDomain: string, platform: Portal, takenIds: ReadonlySet<string>): CustomPortalInput {
  const base = `watch-${host.replace(/[^a-z0-9]+/g, '-')}`.slice(0, 55).replace(/-+$/, '');
  let id = base;
  for (let n = 2; takenIds.has(id); n++) id = `${base}-${n}`;
  return {
    id,
    name: `${platform.name} (${registrableDomain})`,
    operator: `the owner of ${registrableDomain}, using ${platform.name}`,
    country: platform.country,
    hosts: [host],
    homeUrl: `https://${host}/`,
    platform: platform.id,
  };
}
