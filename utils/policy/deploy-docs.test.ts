import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROME_DEV_ID, GECKO_ID } from '../manifest-config';
import { RIVERSIDE_POLICY } from './fixtures';
import { parsePolicy } from './schema';

/** Every `<!-- policy-example: … -->` block in docs/deploy.md must be a policy Portal Guard accepts whole. */
const doc = readFileSync(join(import.meta.dirname, '../../docs/deploy.md'), 'utf8');
const examples = [...doc.matchAll(/<!-- policy-example: ([\w-]+) -->\n```json\n([\s\S]*?)\n```/g)].map(([, name, json]) => [name!, JSON.parse(json!) as Record<string, unknown>] as const);

describe('docs/deploy.md policy examples', () => {
  it('has the plain, Linux Chrome and Firefox examples', () => {
    expect(examples.map(([name]) => name)).toEqual(['plain', 'chrome-linux', 'firefox']);
  });

  it('shows the fixture policy the e2e tests deploy, as it is', () => {
    expect(examples[0]![1]).toEqual(RIVERSIDE_POLICY);
  });

  const policyOf = (name: string, json: Record<string, unknown>): unknown => {
    if (name === 'chrome-linux') return (json['3rdparty'] as { extensions: Record<string, unknown> }).extensions[CHROME_DEV_ID];
    if (name === 'firefox') return ((json.policies as Record<string, unknown>)['3rdparty'] as { Extensions: Record<string, unknown> }).Extensions[GECKO_ID];
    return json;
  };

  it.each(examples)('%s parses without a problem, under the right extension id', (name, json) => {
    const policy = policyOf(name, json);
    expect(policy).toBeDefined();
    expect(parsePolicy(policy).problems).toEqual([]);
  });

  it('names the development id the manifest key gives', () => {
    expect(doc).toContain(CHROME_DEV_ID);
  });
});
