import type { PlatformSignal, Portal } from './schema';

/**
 * Which multi-tenant platform a page belongs to, from signals a copy cannot fake cheaply all at
 * once. It runs in the page (the content script on watched hosts, and "Check this page" through
 * `activeTab`), so it is small, carries no zod, no tldts and no catalogue: it gets a compact table
 * of signals (`SignalTable`, built from the catalogue by `signalTable()` in the background) and
 * reads only the page it is given.
 *
 * The rule (docs/catalogue.md, "Platform signals"): each signal has a kind (host, path, asset,
 * meta, form), and the kinds are controlled by different parts of a site. A platform is named only
 * when its matched signals cover `requiredKinds()` different kinds: three, or every kind its data
 * has when that is two. A platform whose data has a single kind is never named. So a look-alike
 * that copies the path, or the scripts, or the form, is not named; it must copy all of them (and a
 * host signal it cannot copy at all). When two platforms qualify, none is named.
 *
 *   table ──► per platform: which signals match (host, path + query, script/link paths, meta, field names)
 *         ──► distinct kinds ≥ required? ──► the best platform, or nothing
 *
 * The result names a platform and an address, never an organisation: the page controls what it
 * shows, so the popup presents it as a hint about an address Portal Guard has not reviewed.
 *
 * Written by hand rather than with a library: the work is a handful of native selector queries and
 * regular-expression tests, and a page-fingerprinting library (Wappalyzer's format, say) would
 * bring a large generic rule set into every watched page.
 */

export type SignalKind = PlatformSignal['kind'];

/** One platform's signals, without their sources: what the page-side detector needs. */
export interface SignalTableEntry {
  readonly id: string;
  readonly name: string;
  readonly signals: readonly { readonly id: string; readonly kind: SignalKind; readonly pattern: string }[];
}
export type SignalTable = readonly SignalTableEntry[];

/** What the page side can tell: the registrable domain needs the public-suffix list, so the popup or background adds it. */
export interface PageDetection {
  platformId: string;
  platformName: string;
  host: string;
  matched: string[];
}

/** The compact table for the page side: every platform with signals, sources and notes left behind. */
export function signalTable(portals: readonly Portal[]): SignalTable {
  return portals
    .filter((portal) => (portal.platformSignals?.length ?? 0) > 0)
    .map((portal) => ({
      id: portal.id,
      name: portal.name,
      signals: (portal.platformSignals ?? []).map(({ id, kind, pattern }) => ({ id, kind, pattern })),
    }));
}

/** How many different kinds must match before a platform is named: 3, or all of them when its data has 2; never with 1. */
export function requiredKinds(entry: SignalTableEntry): number {
  const available = new Set(entry.signals.map((signal) => signal.kind)).size;
  return available < 2 ? Number.POSITIVE_INFINITY : Math.min(3, available);
}

// Bounds that keep a huge or hostile page cheap: only the first elements of each kind are read,
// and every string is cut before a pattern sees it.
const MAX_ELEMENTS = 300;
const MAX_STRING = 512;
const MAX_PATH = 2048;

/** What the page offers, per kind; assets from other origins apart (see `values`). */
type Observed = Record<SignalKind, string[]> & { foreignAsset: string[] };

function observe(doc: Document, url: URL): Observed {
  const assets: string[] = [];
  const foreign: string[] = [];
  const addAsset = (raw: string | null) => {
    if (!raw || assets.length + foreign.length >= MAX_ELEMENTS) return;
    let resolved: URL;
    try {
      resolved = new URL(raw.slice(0, MAX_PATH), url);
    } catch {
      return;
    }
    // Same-origin assets are matched by path. Others are kept apart as `//host/path`, so a copy that
    // merely links to the real tenant's files does not match a path pattern.
    if (resolved.origin === url.origin) assets.push(resolved.pathname.slice(0, MAX_STRING));
    else foreign.push(`//${resolved.host}${resolved.pathname}`.slice(0, MAX_STRING));
  };
  for (const script of first(doc, 'script')) addAsset(script.getAttribute('src'));
  for (const link of first(doc, 'link')) addAsset(link.getAttribute('href'));

  const meta: string[] = [];
  for (const tag of first(doc, 'meta')) {
    const content = tag.getAttribute('content');
    if (content === null) continue;
    const key = tag.getAttribute('name') ?? tag.getAttribute('property') ?? tag.getAttribute('http-equiv') ?? '';
    meta.push(`${key}=${content}`.slice(0, MAX_STRING));
  }
  const form: string[] = [];
  for (const tag of ['input', 'select', 'textarea', 'button']) {
    for (const field of first(doc, tag)) {
      const name = field.getAttribute('name');
      if (name) form.push(name.slice(0, MAX_STRING));
    }
  }

  return {
    host: [url.hostname],
    path: [`${url.pathname}${url.search}`.slice(0, MAX_PATH)],
    asset: assets,
    foreignAsset: foreign,
    meta,
    form,
  };
}

/** The strings a signal is tested against: an asset pattern that starts with `^//` is for another origin's files. */
function values(observed: Observed, kind: SignalKind, pattern: string): string[] {
  return kind === 'asset' && pattern.startsWith('^//') ? observed.foreignAsset : observed[kind];
}

/**
 * The first MAX_ELEMENTS elements with this tag, in document order. A live collection read by index
 * stops where we stop; `querySelectorAll` (or reading `.length`) would walk the whole document
 * first, which on a 1 MB page costs several milliseconds per query.
 */
function* first(doc: Document, tag: string): Generator<Element> {
  const live = doc.getElementsByTagName(tag);
  for (let i = 0; i < MAX_ELEMENTS; i++) {
    const element = live[i];
    if (!element) return;
    yield element;
  }
}

// Compiled once per table: the content script checks again on every (throttled) DOM change.
const compiled = new WeakMap<SignalTable, { entry: SignalTableEntry; signals: { id: string; kind: SignalKind; pattern: string; test: RegExp | undefined }[] }[]>();

function compile(table: SignalTable) {
  let result = compiled.get(table);
  if (!result) {
    result = table.map((entry) => ({
      entry,
      signals: entry.signals.map(({ id, kind, pattern }) => {
        let test: RegExp | undefined;
        try {
          test = new RegExp(pattern, 'i');
        } catch {
          // A bad pattern (from a future feed update, say) matches nothing rather than breaking detection.
          test = undefined;
        }
        return { id, kind, pattern, test };
      }),
    }));
    compiled.set(table, result);
  }
  return result;
}

/**
 * Which platform this page belongs to, or `undefined`. Only https pages on a DNS name are
 * considered: a portal is never served from a bare IP address, and an address that is not a
 * name cannot be watched or shown to a patient as one.
 */
export function detectPlatform(doc: Document, url: URL, table: SignalTable): PageDetection | undefined {
  if (url.protocol !== 'https:' || !isDnsName(url.hostname)) return undefined;
  const observed = observe(doc, url);
  let named: { entry: SignalTableEntry; matched: string[] } | undefined;
  for (const { entry, signals } of compile(table)) {
    const matched: string[] = [];
    const kinds = new Set<SignalKind>();
    for (const signal of signals) {
      const test = signal.test;
      if (test && values(observed, signal.kind, signal.pattern).some((value) => test.test(value))) {
        matched.push(signal.id);
        kinds.add(signal.kind);
      }
    }
    if (kinds.size < requiredKinds(entry)) continue;
    // Real platforms do not share their own paths, assets and field names: a page that carries
    // two platforms' signals in full is a copy of something, so it is named neither.
    if (named) return undefined;
    named = { entry, matched };
  }
  return named && { platformId: named.entry.id, platformName: named.entry.name, host: url.hostname, matched: named.matched };
}

/** A hostname with at least two labels and a letter in its last one: not an IPv4 or IPv6 literal. */
function isDnsName(host: string): boolean {
  if (host.startsWith('[') || !host.includes('.')) return false;
  const last = host.slice(host.lastIndexOf('.') + 1);
  return /[a-z]/i.test(last);
}
