import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noticeSchema } from '../feed/schema';
import { customPortalInputSchema } from '../portals/custom';
import { countrySchema } from '../portals/schema';
import { POLICY_KEYS, PWNED_POLICY_VALUES } from './schema';

/**
 * public/managed-schema.json is Chrome's contract for the policy: Chrome silently drops any key
 * or field the schema does not describe, and refuses the whole schema if it uses a keyword its
 * policy-schema parser does not know. So the schema must name exactly what `parsePolicy` reads.
 */

interface SchemaNode {
  type: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  [keyword: string]: unknown;
}

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/managed-schema.json'), 'utf8')) as SchemaNode;
const props = (node: SchemaNode | undefined) => Object.keys(node?.properties ?? {}).sort();

/** Chrome's policy-schema keywords (components/policy/core/common/schema.cc). */
const CHROME_KEYWORDS = new Set(['type', 'properties', 'items', 'enum', 'title', 'description', 'additionalProperties', 'patternProperties', 'required', 'pattern', 'minimum', 'maximum', 'id', '$ref', 'sensitiveValue']);
const CHROME_TYPES = new Set(['null', 'boolean', 'integer', 'number', 'string', 'array', 'object']);

function* nodes(node: SchemaNode, path = '$'): Generator<[string, SchemaNode]> {
  yield [path, node];
  for (const [key, child] of Object.entries(node.properties ?? {})) yield* nodes(child, `${path}.${key}`);
  if (node.items) yield* nodes(node.items, `${path}[]`);
}

describe('public/managed-schema.json', () => {
  it('uses only keywords and types Chrome understands', () => {
    for (const [path, node] of nodes(schema)) {
      expect(Object.keys(node).filter((keyword) => !CHROME_KEYWORDS.has(keyword)), path).toEqual([]);
      expect(CHROME_TYPES.has(node.type), `${path}: ${node.type}`).toBe(true);
    }
  });

  it('names every policy key, and no other', () => {
    expect(props(schema)).toEqual([...POLICY_KEYS].sort());
  });

  it('describes every field of an additional portal', () => {
    expect(props(schema.properties!.additionalPortals!.items)).toEqual(Object.keys(customPortalInputSchema.shape).sort());
    expect(schema.properties!.additionalPortals!.items!.properties!.country!.enum).toEqual(countrySchema.options);
  });

  it('describes every field of a notice, so Chrome passes local notices through whole', () => {
    expect(props(schema.properties!.localNotices!.items)).toEqual(Object.keys(noticeSchema.shape).sort());
  });

  it('describes the organisation, the feed keys and the switches', () => {
    expect(props(schema.properties!.organization)).toEqual(['name', 'phone', 'supportUrl']);
    expect(props(schema.properties!.additionalFeedKeys!.items)).toEqual(['alg', 'keyId', 'publicKey']);
    expect(schema.properties!.pwnedPasswordsCheck!.enum).toEqual([...PWNED_POLICY_VALUES]);
    expect(schema.properties!.sharedComputerMode!.type).toBe('boolean');
    expect(schema.properties!.trackerAudit!.type).toBe('boolean');
    expect(schema.properties!.feedUrl!.type).toBe('string');
  });
});
