import { basename } from 'node:path';
import { z } from 'zod';
import { createPortalIndex } from '../../../utils/portals/match';
import type { Portal } from '../../../utils/portals/schema';
import { ImportRefused, parseStrictJson, replacePortal, type ImportResult, type Refusal } from './common';

/**
 * `npm run feed -- import 2fa-directory FILE|DIR…`: 2fa.directory entries
 * (2factorauth/twofactorauth `entries/<letter>/<domain>.json`) in the `health` category propose
 * `account.twoStep` for catalogue portals: the methods (added to what the entry already says) and,
 * where the entry has none, the documentation link as `helpUrl`.
 *
 * 2fa.directory says a site *offers* two-step sign-in, not that it is mandatory, so a new
 * `twoStep` is `optional`, a `mandatory` one stays mandatory, and a `not-offered` one is flagged
 * rather than changed. It is a third party's list: new facts are `secondary` and cite the entry.
 * Two-step facts are the platform's, so an entry that names one tenant is refused.
 */

const entrySchema = z.looseObject({
  domain: z.string(),
  url: z.string().optional(),
  'additional-domains': z.array(z.string()).optional(),
  tfa: z.array(z.string()).optional(),
  'custom-software': z.array(z.string()).optional(),
  documentation: z.string().optional(),
  categories: z.array(z.string()).optional(),
});
const fileSchema = z.record(z.string(), entrySchema).refine((record) => Object.keys(record).length === 1, 'a 2fa.directory entry file holds exactly one named entry');

/** 2fa.directory's `tfa` values and ours; `u2f` and `custom-software` have no method in the schema. */
const METHODS: Record<string, NonNullable<NonNullable<Portal['account']>['twoStep']>['methods'][number]> = {
  sms: 'sms-code',
  email: 'email-code',
  call: 'phone-code',
  totp: 'authenticator-app',
};

export const twoFactorSource = (file: string) => `https://github.com/2factorauth/twofactorauth/blob/master/entries/${basename(file).charAt(0)}/${basename(file)}`;

export function importTwoFactorDirectory(files: readonly { file: string; text: string }[], catalogue: readonly Portal[]): ImportResult {
  const index = createPortalIndex(catalogue);
  const refused: Refusal[] = [];
  const notes: string[] = [];
  const notInCatalogue: string[] = [];
  let otherCategories = 0;
  const proposals = new Map<string, { file: string; name: string; entry: z.infer<typeof entrySchema> }[]>();
  for (const { file, text } of files) {
    let parsed: z.infer<typeof fileSchema>;
    try {
      const result = fileSchema.safeParse(parseStrictJson(text, basename(file)));
      if (!result.success) throw new ImportRefused(`${basename(file)}: not a 2fa.directory entry: ${result.error.issues[0]?.message ?? 'wrong shape'}`);
      parsed = result.data;
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      refused.push({ item: basename(file), reason: error.message.replace(`${basename(file)}: `, '') });
      continue;
    }
    const [name, entry] = Object.entries(parsed)[0]!;
    if (!entry.categories?.includes('health')) {
      otherCategories++;
      continue;
    }
    const hosts = [entry.domain, ...(entry['additional-domains'] ?? []), ...(entry.url ? [hostOf(entry.url)] : [])].filter((host): host is string => host !== undefined);
    const matches = hosts.map((host) => index.lookupHost(host)).filter((match) => match !== undefined);
    const ids = [...new Set(matches.map((match) => match.portal.id))];
    if (ids.length === 0) {
      notInCatalogue.push(name);
      continue;
    }
    if (ids.length > 1) {
      refused.push({ item: `${name} (${basename(file)})`, reason: `its domains belong to ${ids.join(' and ')}; resolve it by hand` });
      continue;
    }
    const tenant = matches.find((match) => match.tenant)?.tenant;
    if (tenant) {
      refused.push({ item: `${name} (${basename(file)})`, reason: `${tenant.host} is one tenant of ${ids[0]}; two-step facts are recorded for the whole platform` });
      continue;
    }
    proposals.set(ids[0]!, [...(proposals.get(ids[0]!) ?? []), { file, name, entry }]);
  }

  let portals = [...catalogue];
  const changed = new Set<string>();
  let unchanged = 0;
  for (const [id, items] of proposals) {
    if (items.length > 1) {
      for (const item of items) refused.push({ item: `${item.name} (${basename(item.file)})`, reason: `${items.length} entries (${items.map((other) => basename(other.file)).join(', ')}) are about ${id}; resolve it by hand` });
      continue;
    }
    const [{ file, name, entry }] = items as [(typeof items)[number]];
    const portal = portals.find((item) => item.id === id)!;
    const current = portal.account?.twoStep;
    const unknown = (entry.tfa ?? []).filter((method) => !(method in METHODS));
    if (unknown.length > 0) notes.push(`${id}: ${name} also lists ${unknown.join(', ')}${entry['custom-software'] ? ` (${entry['custom-software'].join(', ')})` : ''}, which the schema has no method for`);
    const methods = [...(current?.methods ?? [])];
    for (const method of entry.tfa ?? []) {
      const ours = METHODS[method];
      if (ours && !methods.includes(ours)) methods.push(ours);
    }
    let helpUrl = current?.helpUrl;
    if (entry.documentation !== undefined) {
      const documentation = hostOf(entry.documentation) !== undefined ? new URL(entry.documentation) : undefined;
      if (!documentation || documentation.protocol !== 'https:') refused.push({ item: `${name} (${basename(file)}) documentation`, reason: `${entry.documentation} is not an https URL` });
      else if (helpUrl === undefined) helpUrl = entry.documentation;
      else if (helpUrl !== entry.documentation) notes.push(`${id}: the catalogue's help link ${helpUrl} is kept; ${name}'s documentation is ${entry.documentation}`);
    }
    if (current?.status === 'not-offered' && (entry.tfa?.length ?? 0) > 0) {
      notes.push(`${id}: the catalogue says two-step sign-in is not offered, ${name} lists ${entry.tfa!.join(', ')}; check by hand, nothing changed`);
      unchanged++;
      continue;
    }
    const status = current?.status === 'mandatory' ? 'mandatory' : methods.length > 0 ? 'optional' : (current?.status ?? 'unknown');
    const twoStep = { ...current, status, methods, ...(helpUrl ? { helpUrl } : {}), evidence: current?.evidence ?? 'secondary' } as const;
    if (JSON.stringify(twoStep) === JSON.stringify(current)) {
      unchanged++;
      continue;
    }
    const source = twoFactorSource(file);
    const sources = [...portal.sources, ...[source, ...(helpUrl === entry.documentation && helpUrl ? [helpUrl] : [])].filter((url) => !portal.sources.includes(url))];
    portals = replacePortal(portals, { ...portal, account: { ...portal.account, twoStep }, sources: [...new Set(sources)] });
    changed.add(id);
  }
  if (notInCatalogue.length > 0) notes.push(`health entries for sites the catalogue does not know (candidates to research): ${notInCatalogue.sort().join(', ')}`);
  return {
    portals,
    changed: [...changed].sort(),
    refused,
    notes,
    counts: [
      ['entries read', files.length],
      ['outside the health category', otherCategories],
      ['not in the catalogue', notInCatalogue.length],
      ['already in the catalogue', unchanged],
    ],
  };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
