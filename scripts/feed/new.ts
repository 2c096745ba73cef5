import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { noticeSchema } from '../../utils/feed/schema';
import { NOTICES_DIR, display } from './paths';

/**
 * `npm run feed -- new ID [--portal ID]...`: a notice file with every required field. The TODOs
 * make `validate` fail until each one is filled in from a source.
 */
export function scaffoldNotice(id: string, portals: readonly string[], today: string): Record<string, unknown> {
  const countries: Record<string, string> = { nz: 'NZ', au: 'AU', uk: 'UK', us: 'US', ca: 'CA' };
  return {
    $schema: '../notice.schema.json',
    id,
    portals: [...portals],
    portalInvolved: portals.length > 0,
    title: 'TODO: organisation and what happened, in a few words',
    summary: 'TODO: two or three plain sentences for patients: what happened, what was taken, what to do.',
    organization: 'TODO: the organisation patients know',
    country: countries[id.slice(0, 2)] ?? 'TODO',
    breach: { start: 'TODO', discovered: 'TODO' },
    disclosed: 'TODO',
    added: today,
    modified: today,
    affected: { count: 0, estimate: true, label: 'TODO', source: 'https://TODO.example/', unverified: true },
    dataClasses: ['TODO'],
    notAffected: [],
    status: 'investigating',
    severity: 'high',
    links: [{ title: 'TODO: official notice', url: 'https://TODO.example/', official: true }],
    sources: ['https://TODO.example/'],
  };
}

export function runNew({ id, portals = [], dir = NOTICES_DIR, today = new Date().toISOString().slice(0, 10), log = console.log }: { id: string; portals?: string[]; dir?: string; today?: string; log?: (line: string) => void }): number {
  const idCheck = noticeSchema.shape.id.safeParse(id);
  if (!idCheck.success) throw new Error(`notice id ${JSON.stringify(id)} ${idCheck.error.issues[0]?.message ?? 'is invalid'}`);
  const file = join(dir, `${id}.json`);
  if (existsSync(file)) throw new Error(`${display(file)} exists`);
  writeFileSync(file, `${JSON.stringify(scaffoldNotice(id, portals, today), null, 2)}\n`);
  log(`wrote ${display(file)}: fill in every TODO from official sources, then npm run feed -- validate`);
  return 0;
}
