import { distance } from 'fastest-levenshtein';
import { getDomain, getDomainWithoutSuffix } from 'tldts';
import unhomoglyph from 'unhomoglyph';
import type { Portal } from './schema';

/**
 * "Never vouch for an unreviewed address": the checks that keep a portal the patient adds (the
 * options page, a settings file, "Watch this portal") or an organisation's policy portal from
 * taking the name, the operator or the address of a reviewed catalogue portal, or imitating one.
 *
 * "Imitating" follows Unicode TR39 (https://www.unicode.org/reports/tr39/#Confusable_Detection):
 * two strings are confusable when their skeletons are equal. The skeleton is NFD, then each
 * character mapped through Unicode's confusables.txt, then NFD again; the mapping comes from the
 * `unhomoglyph` package (nodeca, generated from confusables.txt), so no table is hand-written here.
 * On top of that, an edit distance (Levenshtein, `fastest-levenshtein`) of 2 or less counts as an
 * imitation for names and domain labels of 10 characters or more; shorter ones allow 1 edit (6–9
 * characters) or none (under 6). The scale is deliberate: two edits turn `uwhealth` into
 * `iqhealth` (Oracle Health's domain) and `health` into `healow`, so a flat 2 would refuse real
 * health systems' own addresses.
 *
 * Only the background, the options page and the build carry this (with the public-suffix list and
 * the confusables table); the content script never does.
 */

/** Bidi controls and zero-width characters: they make text read differently from what it is. */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u180E\u00AD]/u;
/** Any other format character (Unicode category Cf) is refused the same way. */
const FORMAT = /\p{Cf}/u;

/** Why a portal's name or operator can't be used as written, or undefined when it can. */
export function hiddenCharacterProblem(text: string): string | undefined {
  const found = INVISIBLE.exec(text) ?? FORMAT.exec(text);
  if (!found) return undefined;
  const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  const kind = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(found[0]) ? 'a right-to-left/left-to-right control' : 'an invisible character';
  return `contains ${kind} (U+${code}), which can make a name read differently from what it is`;
}

/** TR39 skeleton, lowercased, with spaces and punctuation dropped so `Manage My-Health` meets `managemyhealth`. */
export function skeleton(text: string): string {
  // Mapped before lowercasing (a capital I passes for an l) and again after (confusables.txt
  // maps the lowercase m to rn, and not the capital M), so the comparison ignores case.
  const mapped = unhomoglyph(text.normalize('NFD')).normalize('NFD').toLowerCase();
  return unhomoglyph(mapped)
    .normalize('NFD')
    .replace(/[\p{M}\p{P}\p{Z}\p{S}\s]+/gu, '');
}

/** How many edits still count as the same name, for a protected string of this length. */
export function editAllowance(length: number): number {
  if (length >= 10) return 2;
  if (length >= 6) return 1;
  return 0;
}

export interface ProtectedMark {
  /** What is protected, as shown to the patient: `Manage My Health`, `mychart.org`. */
  text: string;
  skeleton: string;
  /** The catalogue portal it belongs to. */
  portal: Portal;
}

/**
 * What a catalogue protects: its names (portal names, operators, tenant organisations), its
 * registrable domains (tldts, with private suffixes), and its brands, the registrable domain's own
 * label for a portal's hosts (`managemyhealth`, `mychart`), which a look-alike address puts inside
 * another domain (`managemyhealth-login.co.nz`, `mychart-uwhealth.org`).
 */
export interface ProtectedMarks {
  names: ProtectedMark[];
  domains: ProtectedMark[];
  brands: ProtectedMark[];
}

/** Brands shorter than this are ordinary words or initials (`kp`, `nhs`, `mygp`) and are only compared whole. */
const MIN_BRAND = 6;

export function protectedMarks(catalogue: readonly Portal[]): ProtectedMarks {
  const names: ProtectedMark[] = [];
  const domains: ProtectedMark[] = [];
  const brands: ProtectedMark[] = [];
  const seen = new Set<string>();
  const add = (list: ProtectedMark[], text: string, portal: Portal, key = skeleton(text)) => {
    const id = `${list === names ? 'n' : list === domains ? 'd' : 'b'}:${key}`;
    if (key === '' || seen.has(id)) return;
    seen.add(id);
    list.push({ text, skeleton: key, portal });
  };
  for (const portal of catalogue) {
    // A custom portal already in the list is not itself reviewed, so it protects nothing.
    if (portal.addedBy) continue;
    add(names, portal.name, portal);
    add(names, portal.operator, portal);
    for (const tenant of portal.tenants ?? []) add(names, tenant.organization, portal);
    const own = [...portal.hosts.map((rule) => rule.host), ...(portal.tenantSuffixes ?? []).map((rule) => rule.suffix)];
    for (const host of [...own, ...(portal.tenants ?? []).map((tenant) => tenant.host)]) {
      const domain = getDomain(host, { allowPrivateDomains: true });
      if (domain) add(domains, domain, portal);
    }
    for (const host of own) {
      const label = getDomainWithoutSuffix(host, { allowPrivateDomains: true });
      const key = label ? skeleton(label) : '';
      if (key.length >= MIN_BRAND) add(brands, label!, portal, key);
    }
  }
  return { names, domains, brands };
}

export interface Imitation {
  /** The catalogue portal imitated. */
  imitates: Portal;
  /** Why, in a sentence fragment: `is the name of a reviewed portal (Manage My Health)`. */
  reason: string;
}

const near = (value: string, mark: ProtectedMark) => value === mark.skeleton || distance(value, mark.skeleton) <= editAllowance(mark.skeleton.length);

/** Does a name or operator take or imitate a catalogue portal's name, operator or organisation? */
export function nameImitation(text: string, marks: ProtectedMarks): Imitation | undefined {
  const value = skeleton(text);
  if (value === '') return undefined;
  for (const mark of marks.names) {
    if (value === mark.skeleton) return { imitates: mark.portal, reason: `is the name of a portal Portal Guard has reviewed (${mark.text})` };
  }
  for (const mark of marks.names) {
    if (near(value, mark)) return { imitates: mark.portal, reason: `looks like the name of a portal Portal Guard has reviewed (${mark.text})` };
  }
  return undefined;
}

/**
 * Does an address imitate a catalogue portal's? A host under a catalogue domain belongs to that
 * domain's owner and is not an imitation (the index decides whether it is recognised). Otherwise
 * its registrable domain must not be confusable with, or within the edit allowance of, a catalogue
 * domain; it must not carry a catalogue brand as one of its words (`mychart-uwhealth.org`); and a
 * catalogue domain must not appear whole among its labels (`managemyhealth.co.nz.example.com`).
 * A brand in a subdomain (`mychart.uwhealth.org`) is how tenants are named, so it is allowed.
 */
export function hostImitation(host: string, marks: ProtectedMarks): Imitation | undefined {
  const domain = getDomain(host, { allowPrivateDomains: true });
  if (!domain) return undefined;
  if (marks.domains.some((mark) => mark.text === domain)) return undefined;
  const domainKey = skeleton(domain);
  for (const mark of marks.domains) {
    if (domainKey === mark.skeleton) return { imitates: mark.portal, reason: `${domain} is written to look like ${mark.text}, the address of ${mark.portal.name}` };
  }
  for (const mark of marks.domains) {
    // The allowance follows the domain's own label: `uwhealth.com` is two edits from `iqhealth.com`.
    const label = getDomainWithoutSuffix(mark.text, { allowPrivateDomains: true }) ?? mark.text;
    if (distance(domain, mark.text) <= editAllowance(label.length)) return { imitates: mark.portal, reason: `${domain} is one or two letters away from ${mark.text}, the address of ${mark.portal.name}` };
  }
  const label = getDomainWithoutSuffix(host, { allowPrivateDomains: true }) ?? '';
  const whole = skeleton(label);
  const words = label.split('-').map(skeleton);
  for (const mark of marks.brands) {
    if (whole === mark.skeleton || words.some((word) => word === mark.skeleton || (word.length >= MIN_BRAND && near(word, mark)))) {
      return { imitates: mark.portal, reason: `${domain} carries the name “${mark.text}” of ${mark.portal.name} in an address that is not ${mark.portal.name}’s` };
    }
  }
  const padded = `.${host}.`;
  for (const mark of marks.domains) {
    if (padded.includes(`.${mark.text}.`)) return { imitates: mark.portal, reason: `${host} starts with ${mark.text}, the address of ${mark.portal.name}, but belongs to ${domain}` };
  }
  return undefined;
}
