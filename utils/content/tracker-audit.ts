import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { RequestOf } from '../messaging/protocol';
import { sendMessage } from '../messaging/send';

/**
 * The tracker audit's page half (issue 16, docs/trackers.md). On a signed-in portal page, with the
 * audit on, the session reply carries the tracker list's domains; this reads the page's own
 * resource-timing entries (a buffered `PerformanceObserver`, so requests made before we started
 * count too, then each new one), keeps requests to those domains, and sends the background each
 * host with its query's parameter NAMES, once per host and set of names. It never sends or keeps
 * a URL or a value, and it needs no permission: resource timing is the page's own record of what
 * it loaded (images, scripts, fetch/XHR, `sendBeacon`, iframes as elements), which our isolated
 * world can read. It cannot see request bodies (a POST's payload) or what a cross-origin iframe
 * loads inside itself.
 *
 * Kept small, since it is part of the content script every portal page loads: the list and the
 * matching live in the background (utils/background/tracker-audit.ts), which checks everything again.
 */

type TrackerRequest = RequestOf<'cs-bg/trackers'>['requests'][number];

/** Batch what a page loads in a burst into one message. */
const FLUSH_MS = 1_000;
/** The protocol's caps: requests per message, names per request. */
const MAX_BATCH = 50;
const MAX_PARAMS = 40;
/** The names the protocol accepts; anything else is dropped here rather than refused there. */
const PARAM_NAME = /^[A-Za-z0-9_.[\]-]{1,81}$/;

/** Calls `take` with the URLs of the page's resource entries, buffered first; returns a stop function. */
export type ObserveResources = (take: (urls: string[]) => void) => () => void;

const observeResources: ObserveResources = (take) => {
  const observer = new PerformanceObserver((list) => take(list.getEntries().map((entry) => entry.name)));
  observer.observe({ type: 'resource', buffered: true });
  return () => observer.disconnect();
};

export interface TrackerAuditDeps {
  send?: (requests: TrackerRequest[]) => Promise<unknown>;
  observe?: ObserveResources;
  /** The page's own host, whose requests are first-party. */
  host?: () => string;
  /** Bench builds only: measure each batch's main-thread time as `portal-guard:audit`. */
  timed?: boolean;
}

export function createTrackerAudit(
  ctx: ContentScriptContext,
  { send = (requests) => sendMessage('cs-bg/trackers', { requests }), observe = observeResources, host = () => location.hostname, timed = false }: TrackerAuditDeps = {},
) {
  let stop: (() => void) | undefined;
  let domains: readonly string[] = [];
  const seen = new Set<string>();
  const queue: TrackerRequest[] = [];
  let timer: number | undefined;

  const flush = () => {
    timer = undefined;
    if (ctx.isInvalid) return;
    const batch = queue.splice(0, MAX_BATCH);
    if (batch.length) void send(batch).catch(() => {});
    if (queue.length) timer = ctx.setTimeout(flush, FLUSH_MS);
  };

  const take = (urls: string[]) => {
    const started = timed ? performance.now() : 0;
    const own = host();
    for (const name of urls) {
      let url: URL;
      try {
        url = new URL(name);
      } catch {
        continue;
      }
      const requestHost = url.hostname;
      if (!/^https?:$/.test(url.protocol) || requestHost === own || !domains.some((domain) => requestHost === domain || requestHost.endsWith(`.${domain}`))) continue;
      // forEach, not keys(): in Firefox the content script's URL is the page's, seen through an Xray
      // wrapper, and its iterators are not iterable from our side ("keys() is not iterable").
      const names = new Set<string>();
      url.searchParams.forEach((_value, key) => names.add(key));
      const params = [...names].filter((key) => PARAM_NAME.test(key)).sort().slice(0, MAX_PARAMS);
      const key = `${requestHost} ${params.join('&')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push({ host: requestHost, params });
    }
    if (queue.length) timer ??= ctx.setTimeout(flush, FLUSH_MS);
    if (timed) performance.measure('portal-guard:audit', { start: started });
  };

  const halt = () => {
    stop?.();
    stop = undefined;
  };
  ctx.onInvalidated(halt);

  return {
    /** The session reply's tracker domains: a list starts (or keeps) watching, none stops it. */
    update(list: readonly string[] | undefined): void {
      if (ctx.isInvalid) return;
      if (!list || list.length === 0) return halt();
      domains = list;
      stop ??= observe(take);
    },
  };
}
