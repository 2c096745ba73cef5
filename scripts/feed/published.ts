import { existsSync, readFileSync } from 'node:fs';
import { readEnvelope, type FeedEnvelope } from '../../utils/feed/envelope';
import { parseFeedPayload } from '../../utils/feed/parse';
import type { Feed } from '../../utils/feed/schema';
import { display } from './paths';

/**
 * Read a signed feed file without checking its signature: enough to learn the last published
 * sequence and notices. `verify` is the command that checks signatures.
 */
export function readSignedFeed(file: string): { envelope: FeedEnvelope; feed: Feed } | undefined {
  if (!existsSync(file)) return undefined;
  const read = readEnvelope(readFileSync(file, 'utf8'));
  if (!read.ok) throw new Error(`${display(file)}: ${read.reason}`);
  const parsed = parseFeedPayload(read.envelope.payload);
  if (!parsed.ok) throw new Error(`${display(file)}: ${parsed.reason}`);
  return { envelope: read.envelope, feed: parsed.feed };
}

/** Read an unsigned payload written by `build`. */
export function readPayloadFile(file: string): { text: string; feed: Feed } {
  const text = readFileSync(file, 'utf8');
  const parsed = parseFeedPayload(text);
  if (!parsed.ok) throw new Error(`${display(file)}: ${parsed.reason}`);
  return { text, feed: parsed.feed };
}
