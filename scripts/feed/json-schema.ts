import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { DATA_CLASSES, FEED_FORMAT_MAJOR, feedSchema, noticeDomainSchema, noticeSchema, tolerantDataClassSchema } from '../../utils/feed/schema';
import { portalSchema } from '../../utils/portals/schema';
import { trackerListSchema } from '../../utils/trackers/schema';
import { compiledFeedParserModule } from './compiled-parser';
import { COMPILED_FEED_PARSER_FILE, FEED_SCHEMA_FILE, NOTICE_SCHEMA_FILE, PORTAL_SCHEMA_FILE, TRACKERS_SCHEMA_FILE, display } from './paths';

/**
 * JSON Schemas generated from the zod schema, so editors complete and check the files:
 * - `feed/notice.schema.json` for `feed/notices/*.json`. It is strict (no unknown keys), like
 *   `validate`, because an unknown key in a source file is a typo.
 * - `feed/feed.schema.json` for the published payload, as written (before defaults). It keeps
 *   format 1's tolerance of unknown optional fields and data classes, like the extension.
 * - `feed/portal.schema.json` for `feed/portals/*.json`, the catalogue's data files; strict.
 * - `feed/trackers.schema.json` for `feed/trackers.json`, the tracker list; strict.
 * A test checks that all four are up to date; `npm run feed -- schema` rewrites them, and with them
 * the compiled feed parser (`utils/feed/feed-parser.generated.ts`, see scripts/feed/compiled-parser.ts).
 */

const DOMAIN_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$';

function generate(schema: z.ZodType, options: { title: string; strict: boolean }): string {
  const json = z.toJSONSchema(schema, {
    // Both describe files as written, before zod applies defaults or drops unknown data classes.
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      if (options.strict && jsonSchema.type === 'object' && jsonSchema.additionalProperties !== undefined) jsonSchema.additionalProperties = false;
      // The public-suffix check cannot be written as JSON Schema; the shape can, for editors.
      if (zodSchema === noticeDomainSchema) {
        Object.assign(jsonSchema, { pattern: DOMAIN_PATTERN, description: 'A registrable domain (eTLD+1) of the organisation, lowercase ASCII, such as uwhealth.org; npm run feed -- validate checks it against the public-suffix list.' });
      }
      // Sources use the vocabulary only; the published feed tolerates classes from a newer one.
      if (options.strict && zodSchema === tolerantDataClassSchema) {
        delete jsonSchema.anyOf;
        Object.assign(jsonSchema, { type: 'string', enum: Object.keys(DATA_CLASSES) });
      }
    },
  }) as Record<string, unknown> & { properties?: Record<string, unknown> };
  if (options.strict && json.properties) json.properties = { $schema: { type: 'string' }, ...json.properties };
  return `${JSON.stringify({ $schema: json.$schema, title: options.title, ...json }, null, 2)}\n`;
}

export function noticeJsonSchema(): string {
  return generate(noticeSchema, { title: `Portal Guard breach notice (feed format ${FEED_FORMAT_MAJOR})`, strict: true });
}

export function feedJsonSchema(): string {
  return generate(feedSchema, { title: `Portal Guard breach-notice feed payload (format ${FEED_FORMAT_MAJOR})`, strict: false });
}

export function portalJsonSchema(): string {
  return generate(portalSchema, { title: 'Portal Guard catalogue entry (one portal or platform)', strict: true });
}

export function trackersJsonSchema(): string {
  return generate(trackerListSchema, { title: 'Portal Guard tracker list (docs/trackers.md)', strict: true });
}

export function runSchema(check: boolean, log: (line: string) => void = console.log): number {
  let stale = 0;
  for (const [file, text] of [[NOTICE_SCHEMA_FILE, noticeJsonSchema()], [FEED_SCHEMA_FILE, feedJsonSchema()], [PORTAL_SCHEMA_FILE, portalJsonSchema()], [TRACKERS_SCHEMA_FILE, trackersJsonSchema()], [COMPILED_FEED_PARSER_FILE, compiledFeedParserModule()]] as const) {
    const current = (() => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    })();
    if (current === text) continue;
    if (check) {
      stale++;
      log(`${display(file)} is out of date: run npm run feed -- schema`);
    } else {
      writeFileSync(file, text);
      log(`wrote ${display(file)}`);
    }
  }
  return stale === 0 ? 0 : 1;
}
