import type { TrackerEntry } from './schema';

/**
 * Matching a request's host and its parameter names against the tracker list. Pure, and only
 * ever given names: the content script sends the host and the query's parameter NAMES of each
 * request (utils/content/tracker-audit.ts), never a value, so nothing here can see one.
 *
 * Hand-written rather than a library: a list of about a hundred domains needs no trie; a host is
 * looked up by walking its parent domains in a Map (at most a handful of lookups).
 */

export interface TrackerMatcher {
  /** The entry whose domain is the host or one of its parents, if any. */
  match(host: string): TrackerEntry | undefined;
  /** Every domain on the list, for the content script's first, coarse filter. */
  domains: string[];
}

export function createTrackerMatcher(entries: readonly TrackerEntry[]): TrackerMatcher {
  const byDomain = new Map<string, TrackerEntry>();
  for (const entry of entries) for (const domain of entry.domains) byDomain.set(domain, entry);
  return {
    match(host) {
      let candidate = host.toLowerCase().replace(/\.$/, '');
      for (;;) {
        const found = byDomain.get(candidate);
        if (found) return found;
        const dot = candidate.indexOf('.');
        // Stop before a bare top-level label: no entry is one.
        if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) return undefined;
        candidate = candidate.slice(dot + 1);
      }
    },
    domains: [...byDomain.keys()].sort(),
  };
}

/** Whether `host` is `domain` or one of its subdomains (the content script's test, kept identical). */
export function hostInDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** `cd[*]` → /^cd\[.*\]$/: the one `*` stands for any run of characters; everything else is literal. */
function patternTest(pattern: string): (name: string) => boolean {
  const star = pattern.indexOf('*');
  if (star < 0) return (name) => name === pattern;
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 1);
  return (name) => name.length >= head.length + tail.length && name.startsWith(head) && name.endsWith(tail);
}

/**
 * The names among `names` that the entry lists as carrying page content, sorted, each once. A
 * request to a tracker with none of them still counts as a sighting (the request itself tells the
 * vendor the page's address through its Referer and the patient's IP address), with no names.
 */
export function contentParamNames(entry: Pick<TrackerEntry, 'contentParams'>, names: readonly string[]): string[] {
  const tests = (entry.contentParams ?? []).map(patternTest);
  return [...new Set(names.filter((name) => tests.some((test) => test(name))))].sort();
}

/**
 * The bundled list with the feed's entries applied: an entry with a bundled id replaces it, a new
 * id is added. A feed entry's domain that a bundled entry (one it does not replace) already
 * claims stays with the bundled entry.
 */
export function mergeTrackerLists(bundled: readonly TrackerEntry[], fromFeed: readonly TrackerEntry[] = []): TrackerEntry[] {
  const byId = new Map(bundled.map((entry) => [entry.id, entry]));
  for (const entry of fromFeed) byId.set(entry.id, entry);
  const merged = [...byId.values()];
  const claimed = new Map<string, string>();
  for (const entry of bundled) if (byId.get(entry.id) === entry) for (const domain of entry.domains) claimed.set(domain, entry.id);
  return merged
    .map((entry) => ({ ...entry, domains: entry.domains.filter((domain) => (claimed.get(domain) ?? entry.id) === entry.id) }))
    .filter((entry) => entry.domains.length > 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
