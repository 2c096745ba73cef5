import { readFileSync, writeFileSync } from 'node:fs';
import { canonicalJson } from '../../utils/feed/canonical';
import { readEnvelope, serializeEnvelope } from '../../utils/feed/envelope';
import { display } from './paths';

/**
 * `npm run feed -- tamper --in SIGNED --out FILE`: for tests only. Copies a signed feed and changes
 * the first notice's title inside the payload while keeping the signature, which gives "a valid
 * signature over different bytes": the extension must refuse it and keep its last good feed.
 */
export function tamperWith(signedText: string): string {
  const read = readEnvelope(signedText);
  if (!read.ok) throw new Error(read.reason);
  const payload = JSON.parse(read.envelope.payload) as { notices: { title: string }[] };
  const first = payload.notices[0];
  if (!first) throw new Error('the feed has no notice to tamper with');
  first.title = `TAMPERED: ${first.title}`.slice(0, 200);
  return serializeEnvelope({ ...read.envelope, payload: canonicalJson(payload) });
}

export function runTamper({ input, out, log = console.log }: { input: string; out: string; log?: (line: string) => void }): number {
  writeFileSync(out, tamperWith(readFileSync(input, 'utf8')));
  log(`wrote ${display(out)}: ${display(input)} with its first notice's title changed and the old signature kept`);
  return 0;
}
