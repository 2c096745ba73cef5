import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the feed's files live, relative to the repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');
export const NOTICES_DIR = join(ROOT, 'feed/notices');
export const NOTICE_SCHEMA_FILE = join(ROOT, 'feed/notice.schema.json');
export const FEED_SCHEMA_FILE = join(ROOT, 'feed/feed.schema.json');
/** The portal catalogue's data files, one per portal, and their JSON Schema. */
export const PORTALS_DIR = join(ROOT, 'feed/portals');
export const PORTAL_SCHEMA_FILE = join(ROOT, 'feed/portal.schema.json');
/** The tracker list (docs/trackers.md) and its JSON Schema. */
export const TRACKERS_FILE = join(ROOT, 'feed/trackers.json');
export const TRACKERS_SCHEMA_FILE = join(ROOT, 'feed/trackers.schema.json');
/** The feed schema compiled to plain code at build time (utils/feed/compiled-parser.ts). */
export const COMPILED_FEED_PARSER_FILE = join(ROOT, 'utils/feed/feed-parser.generated.ts');
/** The unsigned canonical payload that `build` writes and `sign` reads (ignored by git). */
export const BUILT_PAYLOAD_FILE = join(ROOT, 'feed/dist/feed.payload.json');
/** The last published feed: bundled with the extension and uploaded, byte for byte, to the feed host. */
export const PUBLISHED_FILE = join(ROOT, 'public/feed/feed.json');
/** The signed snapshots of recently published editions, `<seq>.json`: the bases of the deltas (publish.ts). */
export const EDITIONS_DIR = join(ROOT, 'feed/editions');
/** The folder to upload: index.json, snapshots/, deltas/ (ignored by git; `sign` and `reissue` rebuild it). */
export const PUBLISH_DIR = join(ROOT, 'feed/dist/publish');
/** Kept outside the repository; see docs/feed.md, "Keys". */
export const DEFAULT_PRIVATE_KEY_FILE = join(homedir(), '.config/portal-guard/feed-signing.private.jwk');
/** The private key as JWK text, for CI, where a secret is an environment variable. */
export const PRIVATE_KEY_ENV = 'PORTAL_GUARD_FEED_SIGNING_KEY';

/** Paths in messages are relative to the repository, as maintainers type them. */
export function display(path: string): string {
  return path.startsWith(`${ROOT}/`) ? path.slice(ROOT.length + 1) : path;
}
