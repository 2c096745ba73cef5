import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PORTAL_SCHEMA_REF } from '../../utils/build/catalogue-files';
import { countrySchema, portalSchema } from '../../utils/portals/schema';
import { PORTALS_DIR, display } from './paths';

/**
 * `npm run feed -- new-portal ID [--kind platform] [--country NZ]`: a portal file with every required
 * field. The TODOs make `validate` fail until each one is filled in from a cited page; optional
 * facts (account, notes, homeUrl) are left out, because a field no source gives stays out.
 */
export function scaffoldPortal(id: string, { platform = false, country }: { platform?: boolean; country?: string } = {}): Record<string, unknown> {
  const todoHost = { host: 'TODO.example.org', match: 'exact', evidence: 'official' };
  return {
    $schema: PORTAL_SCHEMA_REF,
    id,
    name: 'TODO: the name patients know the portal by',
    operator: platform ? 'Each organisation, using TODO software' : 'TODO: who runs it',
    country: country ?? 'TODO',
    kind: platform ? 'platform' : 'portal',
    hosts: [todoHost],
    ...(platform ? { tenants: [{ host: 'TODO.example.org', organization: 'TODO: as its own page names it', evidence: 'official', sources: ['https://TODO.example/'] }] } : {}),
    sources: ['https://TODO.example/'],
  };
}

export function runNewPortal({ id, platform = false, country, dir = PORTALS_DIR, log = console.log }: { id: string; platform?: boolean; country?: string; dir?: string; log?: (line: string) => void }): number {
  const idCheck = portalSchema.shape.id.safeParse(id);
  if (!idCheck.success) throw new Error(`portal id ${JSON.stringify(id)} ${idCheck.error.issues[0]?.message ?? 'is invalid'}`);
  if (country !== undefined && !countrySchema.safeParse(country).success) throw new Error(`--country ${country} is not one of ${countrySchema.options.join(', ')}`);
  const file = join(dir, `${id}.json`);
  if (existsSync(file)) throw new Error(`${display(file)} exists`);
  writeFileSync(file, `${JSON.stringify(scaffoldPortal(id, { platform, ...(country ? { country } : {}) }), null, 2)}\n`);
  log(`wrote ${display(file)}: fill in every TODO from cited pages (docs/catalogue.md, "Adding a portal"), then npm run feed -- validate`);
  return 0;
}
