import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import managedSchema from '../../public/managed-schema.json';
import { CHROME_DEV_ID, GECKO_ID } from '../build/manifest-config';
import { RIVERSIDE_POLICY } from './fixtures';
import { parsePolicy } from './schema';

/** Every `<!-- policy-example: … -->` block in docs/deploy.md must be a policy Portal Guard accepts whole. */
const doc = readFileSync(join(import.meta.dirname, '../../docs/deploy.md'), 'utf8');
const blocks = [...doc.matchAll(/<!-- policy-example: ([\w-]+) -->\n```(\w+)\n([\s\S]*?)\n```/g)].map(([, name, language, text]) => ({ name: name!, language: language!, text: text! }));
const examples = blocks.filter((block) => block.language === 'json').map(({ name, text }) => [name, JSON.parse(text) as Record<string, unknown>] as const);
const block = (name: string) => blocks.find((candidate) => candidate.name === name)!.text;

type SchemaType = 'object' | 'array' | 'string' | 'boolean' | 'integer';
const schemaTypes = Object.fromEntries(Object.entries(managedSchema.properties).map(([key, value]) => [key, (value as { type: SchemaType }).type]));

/**
 * A `.reg` file read the way Chrome reads its `3rdparty` registry policy: each value under the
 * key, converted by the type the extension's managed schema gives it (objects and lists are JSON
 * text in a REG_SZ, booleans a REG_DWORD). Returns the key path and the policy.
 */
function readRegFile(text: string): { key: string; policy: Record<string, unknown> } {
  const lines = text.split('\n').map((line) => line.trimEnd());
  expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
  const key = lines.find((line) => line.startsWith('['))!.slice(1, -1);
  const policy: Record<string, unknown> = {};
  for (const line of lines.filter((candidate) => candidate.startsWith('"'))) {
    const match = /^"([^"]+)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/.exec(line);
    if (!match) throw new Error(`not a REG_SZ or REG_DWORD line: ${line}`);
    const [, name, sz, dword] = match;
    const type = schemaTypes[name!];
    if (!type) throw new Error(`${name} is not in the managed schema`);
    if (dword !== undefined) {
      if (type !== 'boolean' && type !== 'integer') throw new Error(`${name}: a REG_DWORD for a ${type}`);
      policy[name!] = type === 'boolean' ? Number.parseInt(dword, 16) !== 0 : Number.parseInt(dword, 16);
      continue;
    }
    const value = sz!.replace(/\\(.)/g, '$1');
    policy[name!] = type === 'object' || type === 'array' ? JSON.parse(value) : value;
  }
  return { key, policy };
}

/** An XML property list (the payload of a macOS configuration profile) as plain JSON values. */
function readPlist(text: string): unknown {
  const parser = new SaxesParser();
  type Frame = { tag: string; value: unknown[]; text: string };
  const stack: Frame[] = [{ tag: 'root', value: [], text: '' }];
  parser.on('opentag', (tag) => stack.push({ tag: tag.name, value: [], text: '' }));
  parser.on('text', (chunk) => (stack.at(-1)!.text += chunk));
  parser.on('closetag', () => {
    const frame = stack.pop()!;
    const parent = stack.at(-1)!;
    const converted: Record<string, () => unknown> = {
      plist: () => frame.value[0],
      dict: () => {
        const entries: [string, unknown][] = [];
        for (let at = 0; at < frame.value.length; at += 2) entries.push([(frame.value[at] as { key: string }).key, frame.value[at + 1]]);
        return Object.fromEntries(entries);
      },
      key: () => ({ key: frame.text }),
      array: () => frame.value,
      string: () => frame.text,
      integer: () => Number.parseInt(frame.text, 10),
      true: () => true,
      false: () => false,
    };
    if (!converted[frame.tag]) throw new Error(`unexpected plist element <${frame.tag}>`);
    parent.value.push(converted[frame.tag]!());
  });
  parser.write(text).close();
  return stack[0]!.value[0];
}

describe('docs/deploy.md policy examples', () => {
  it('has the plain, Linux Chrome, Firefox, Windows and macOS examples', () => {
    expect(blocks.map(({ name }) => name)).toEqual(['plain', 'chrome-linux', 'firefox', 'chrome-windows', 'chrome-macos']);
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

  describe('the examples not run on their own systems in CI', () => {
    const linux = policyOf('chrome-linux', examples.find(([name]) => name === 'chrome-linux')![1]);

    it('Windows: the .reg file sits under Chrome’s 3rdparty key and reads, as Chrome reads it, as the Linux policy', () => {
      const { key, policy } = readRegFile(block('chrome-windows'));
      expect(key).toBe('HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\EXTENSION_ID\\policy');
      expect(policy).toEqual(linux);
      expect(parsePolicy(policy).problems).toEqual([]);
    });

    it('macOS: the plist payload reads as the Linux policy', () => {
      const policy = readPlist(block('chrome-macos'));
      expect(policy).toEqual(linux);
      expect(parsePolicy(policy).problems).toEqual([]);
    });

    it('the readers are strict: a wrong type in either is caught, not passed through', () => {
      const reg = block('chrome-windows').replace('"sharedComputerMode"=dword:00000001', '"sharedComputerMode"="1"');
      expect(parsePolicy(readRegFile(reg).policy).problems.map((problem) => problem.key)).toEqual(['sharedComputerMode']);
      expect(() => readRegFile(block('chrome-windows').replace('"pwnedPasswordsCheck"="disallowed"', '"pwnedPasswordsCheck"=dword:00000000'))).toThrow('a REG_DWORD for a string');
      const plist = block('chrome-macos').replace('<key>sharedComputerMode</key><true/>', '<key>sharedComputerMode</key><string>yes</string>');
      expect(parsePolicy(readPlist(plist)).problems.map((problem) => problem.key)).toEqual(['sharedComputerMode']);
    });
  });
});
