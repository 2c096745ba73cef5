import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from '../../utils/feed/canonical';
import { parseFeedPayload } from '../../utils/feed/parse';
import { FEED_FORMAT_VERSION, MAX_FEED_SEQUENCE, MAX_SEQUENCE_JUMP, type Notice } from '../../utils/feed/schema';
import { BUILT_PAYLOAD_FILE, NOTICES_DIR, PUBLISHED_FILE, display } from './paths';
import { readSignedFeed } from './published';
import { checkNotices, formatProblem, readNoticeFiles } from './validate';

/**
 * `npm run feed -- build`: the canonical, unsigned payload. Notices are sorted by id, keys are
 * sorted at every level, and the sequence is one more than the last published feed's (or a
 * `--sequence` above it), so a published sequence only ever increases. The last published feed is
 * `public/feed/feed.json`: publishing means committing that file and uploading it unchanged.
 */

/**
 * The next sequence: above the last published one, never equal or below, never above the schema's
 * cap, and (unless `force`) at most MAX_SEQUENCE_JUMP above it, so one mistyped `--sequence`
 * cannot spend the counter that every later feed must climb above.
 */
export function nextSequence(published: number | undefined, requested?: number, force = false): number {
  const floor = published ?? 0;
  if (floor >= MAX_FEED_SEQUENCE) throw new Error(`the last published sequence ${floor} is the largest a feed may have (2^40); see docs/feed.md, "Sequence rules"`);
  if (requested === undefined) return floor + 1;
  if (!Number.isInteger(requested) || requested <= floor) throw new Error(`--sequence ${requested} must be an integer greater than the last published sequence ${floor}`);
  if (requested > MAX_FEED_SEQUENCE) throw new Error(`--sequence ${requested} is above the largest sequence a feed may have, ${MAX_FEED_SEQUENCE} (2^40)`);
  if (requested - floor > MAX_SEQUENCE_JUMP && !force) throw new Error(`--sequence ${requested} jumps ${requested - floor} above the last published sequence ${floor}; more than ${MAX_SEQUENCE_JUMP} needs --force`);
  return requested;
}

export function buildPayload(notices: readonly Notice[], sequence: number, generatedAt: string, catalogue?: unknown): string {
  const cleaned = notices.map((notice) => {
    const { $schema: _editorHint, ...rest } = notice as Notice & { $schema?: unknown };
    return rest;
  });
  const payload = canonicalJson({ formatVersion: FEED_FORMAT_VERSION, sequence, generatedAt, notices: cleaned, ...(catalogue !== undefined ? { catalogue } : {}) });
  // The payload must read back as a valid feed: a build that the extension would refuse is a bug.
  const check = parseFeedPayload(payload);
  if (!check.ok) throw new Error(`the built feed does not parse: ${check.reason}`);
  return payload;
}

export interface BuildOptions {
  noticesDir?: string;
  /** A JSON file of catalogue additions (`{tenants, tenantSuffixes, signals}`), docs/feed.md. */
  additionsFile?: string;
  out?: string;
  against?: string;
  sequence?: number;
  /** Allow a jump of more than MAX_SEQUENCE_JUMP (never past MAX_FEED_SEQUENCE). */
  force?: boolean;
  now?: Date;
  log?: (line: string) => void;
}

export function runBuild({ noticesDir = NOTICES_DIR, additionsFile, out = BUILT_PAYLOAD_FILE, against = PUBLISHED_FILE, sequence, force = false, now = new Date(), log = console.log }: BuildOptions = {}): number {
  const { notices, problems } = checkNotices(readNoticeFiles(noticesDir), undefined, now.toISOString().slice(0, 10));
  if (problems.length > 0) {
    for (const problem of problems) log(formatProblem(problem));
    log('build stopped: fix the problems above (npm run feed -- validate)');
    return 1;
  }
  const published = readSignedFeed(against);
  const next = nextSequence(published?.feed.sequence, sequence, force);
  // Clients refuse an edition built before the one they have (issue 13), so a wrong clock stops here.
  if (published && now.getTime() < Date.parse(published.feed.generatedAt)) {
    throw new Error(`the clock says ${now.toISOString()}, before the last published feed was generated (${published.feed.generatedAt}): generatedAt never goes backwards`);
  }
  const additions: unknown = additionsFile ? JSON.parse(readFileSync(additionsFile, 'utf8')) : undefined;
  // The additions are checked by the same schema the extension uses, inside buildPayload.
  const payload = buildPayload(notices, next, now.toISOString(), additions);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, payload);
  log(`built ${display(out)}: sequence ${next} (last published: ${published ? published.feed.sequence : 'none'}), ${notices.length} notices, ${payload.length} bytes`);
  return 0;
}
