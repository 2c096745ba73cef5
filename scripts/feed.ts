import { parseArgs } from 'node:util';
import { runBuild } from './feed/build';
import { runDiff } from './feed/diff';
import { runSchema } from './feed/json-schema';
import { runKeygen } from './feed/keys';
import { runNew } from './feed/new';
import { runNewPortal } from './feed/new-portal';
import { runCatalogue, runFormatPortals } from './feed/portals';
import { runImport } from './feed/import/run';
import { runCheckPublish, runReissue } from './feed/publish';
import { runSign } from './feed/sign';
import { runStats } from './feed/stats';
import { runTamper } from './feed/tamper';
import { runValidate } from './feed/validate';
import { readPinnedKeyFile, runVerify } from './feed/verify';
import { pinnedKeys, TEST_KEY } from '../utils/feed/keys';

/** The feed maintainers' CLI: `npm run feed -- <command>`. See docs/feed.md. */

const USAGE = `usage: npm run feed -- <command> [options]

  validate [--notices DIR] [--portals DIR]
                                check every feed/portals/*.json and feed/notices/*.json
                                (file, JSON path, reason), and that the generated catalogue is current
  stats [--notices DIR] [--additions FILE]
                                how far the notices reach: the "reach: N of M" line (docs/feed.md)
  new ID [--portal ID]...       scaffold feed/notices/ID.json
  new-portal ID [--kind portal|platform] [--country CC]
                                scaffold feed/portals/ID.json (a portal, or a platform with tenants)
  format-portals                rewrite feed/portals/*.json sorted, in the schema's key order
  catalogue [--check]           regenerate utils/portals/catalogue.ts from feed/portals/ (every
                                build does this too)
  import apple-change-password FILE [--write]
  import 2fa-directory FILE|DIR... [--write]
  import smart-brands FILE --platform ID [--write]
                                print a reviewable diff of what the file adds to feed/portals/,
                                and every refused item with its reason; --write writes the portal
                                files for review (never the module, a feed or a signature)
  import hhs-ocr FILE --out DIR [--notices DIR] [--additions FILE]
                                one draft notice file per breach in a regulator's list (the HHS
                                OCR breach portal CSV), de-duplicated against feed/notices/, with
                                a review report; malformed rows are reported by line and skipped
  build [--out FILE] [--sequence N [--force]] [--against SIGNED] [--notices DIR] [--additions FILE]
                                canonical unsigned payload (default feed/dist/feed.payload.json),
                                sequence above the last published feed (public/feed/feed.json);
                                at most 2^40, and a jump of more than 1,000,000 needs --force
  sign [--in FILE] [--out FILE] [--key PRIVATE.jwk] [--expires-in DAYS] [--editions DIR] [--publish DIR]
                                sign the payload into public/feed/feed.json, keep it as
                                feed/editions/<seq>.json, and write the folder to upload,
                                feed/dist/publish/ (index.json, snapshots/, deltas/), checked as a
                                client would; the index expires after DAYS (default 14); the key
                                comes from --key, $PORTAL_GUARD_FEED_SIGNING_KEY, or
                                ~/.config/portal-guard/feed-signing.private.jwk
  reissue [--against SIGNED] [--key PRIVATE.jwk] [--expires-in DAYS] [--editions DIR] [--publish DIR]
                                the same edition with a freshly signed index (new issuedAt and
                                expires), so a quiet feed is not shown as out of date
  check-publish [DIR] [--editions DIR] [--test-key] [--public-key FILE]
                                check a folder to upload (default feed/dist/publish/)
  verify [FILE] [--test-key] [--public-key FILE]
                                check a signed feed against the pinned production keys
  diff [--against SIGNED] [--payload FILE] [--notices DIR]
                                what changed since the last published feed
  schema [--check]              regenerate feed/notice.schema.json, feed/feed.schema.json and
                                feed/portal.schema.json
  keygen --key-id ID [--out FILE]
                                a new Ed25519 key pair, for rotation (see docs/feed.md)
  tamper --in SIGNED --out FILE for tests: change a signed feed but keep its signature`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      in: { type: 'string' },
      notices: { type: 'string' },
      additions: { type: 'string' },
      portals: { type: 'string' },
      platform: { type: 'string' },
      write: { type: 'boolean' },
      kind: { type: 'string' },
      country: { type: 'string' },
      out: { type: 'string' },
      key: { type: 'string' },
      'key-id': { type: 'string' },
      sequence: { type: 'string' },
      against: { type: 'string' },
      payload: { type: 'string' },
      portal: { type: 'string', multiple: true },
      'test-key': { type: 'boolean' },
      'public-key': { type: 'string' },
      check: { type: 'boolean' },
      force: { type: 'boolean' },
      'expires-in': { type: 'string' },
      editions: { type: 'string' },
      publish: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  const requireValue = (name: string, value: string | undefined) => {
    if (!value) throw new Error(`${command} needs ${name}`);
    return value;
  };
  const publishFolders = { ...(values.editions ? { editionsDir: values.editions } : {}), ...(values.publish ? { publishDir: values.publish } : {}) };
  switch (values.help ? 'help' : command) {
    case 'validate':
      return runValidate(values.notices, console.log, values.portals);
    case 'stats':
      return runStats({ ...(values.notices ? { noticesDir: values.notices } : {}), ...(values.additions ? { additionsFile: values.additions } : {}) });
    case 'new':
      return runNew({ id: requireValue('a notice id', rest[0]), portals: values.portal ?? [] });
    case 'new-portal':
      if (values.kind !== undefined && values.kind !== 'portal' && values.kind !== 'platform') throw new Error(`--kind must be portal or platform, not ${values.kind}`);
      return runNewPortal({ id: requireValue('a portal id', rest[0]), platform: values.kind === 'platform', ...(values.country ? { country: values.country } : {}) });
    case 'format-portals':
      return runFormatPortals(values.portals);
    case 'catalogue':
      return runCatalogue(values.check ?? false);
    case 'import':
      return runImport({ source: rest[0], paths: rest.slice(1), ...(values.platform ? { platform: values.platform } : {}), ...(values.out ? { out: values.out } : {}), ...(values.notices ? { noticesDir: values.notices } : {}), write: values.write ?? false });
    case 'build':
      return runBuild({ ...(values.notices ? { noticesDir: values.notices } : {}), ...(values.additions ? { additionsFile: values.additions } : {}), ...(values.out ? { out: values.out } : {}), ...(values.against ? { against: values.against } : {}), ...(values.sequence ? { sequence: Number(values.sequence) } : {}), force: values.force ?? false });
    case 'sign':
      return runSign({ ...(values.in ? { input: values.in } : {}), ...(values.out ? { out: values.out } : {}), ...(values.key ? { keyFile: values.key } : {}), ...publishFolders, ...(values['expires-in'] ? { expiresIn: values['expires-in'] } : {}) });
    case 'reissue':
    case 'refresh-index':
      return runReissue({ ...(values.against ? { published: values.against } : {}), ...(values.key ? { keyFile: values.key } : {}), ...publishFolders, ...(values['expires-in'] ? { expiresIn: values['expires-in'] } : {}) });
    case 'check-publish':
      return runCheckPublish({ ...(rest[0] ? { dir: rest[0] } : {}), ...(values.editions ? { editionsDir: values.editions } : {}), keys: [...pinnedKeys(values['test-key'] ? [TEST_KEY] : []), ...(values['public-key'] ? [readPinnedKeyFile(values['public-key'])] : [])] });
    case 'verify':
      return runVerify({ ...(rest[0] ? { file: rest[0] } : {}), testKey: values['test-key'] ?? false, extraKeys: values['public-key'] ? [readPinnedKeyFile(values['public-key'])] : [] });
    case 'diff':
      return runDiff({ ...(values.notices ? { noticesDir: values.notices } : {}), ...(values.against ? { against: values.against } : {}), ...(values.payload ? { payload: values.payload } : {}) });
    case 'schema':
      return runSchema(values.check ?? false);
    case 'keygen':
      return runKeygen({ keyId: requireValue('--key-id', values['key-id']), ...(values.out ? { out: values.out } : {}) });
    case 'tamper':
      return runTamper({ input: requireValue('--in', values.in), out: requireValue('--out', values.out) });
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      console.error(command ? `unknown command ${command}\n\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`feed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
