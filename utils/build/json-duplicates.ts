import { parse, type ValueNode } from '@humanwhocodes/momoa';

/**
 * Keys that occur twice in one object of a JSON source file, with their lines. `JSON.parse` keeps
 * the last of two keys without a word, so `build` would sign the second `title` while a reviewer
 * reading the diff may have read the first (issue 13). Momoa (the JSON parser behind ESLint's JSON
 * support) gives every key its position, so the walk below only has to compare names.
 * Call it on text that JSON.parse accepted: malformed text is reported there, with its own reason.
 */
export interface DuplicateKey {
  /** The JSON path of the later twin: `["links", 0, "url"]`. */
  path: (string | number)[];
  key: string;
  firstLine: number;
  line: number;
}

export function duplicateJsonKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const walk = (node: ValueNode, path: (string | number)[]): void => {
    if (node.type === 'Array') {
      node.elements.forEach((element, index) => walk(element.value, [...path, index]));
      return;
    }
    if (node.type !== 'Object') return;
    const firstLines = new Map<string, number>();
    for (const member of node.members) {
      const key = member.name.type === 'String' ? member.name.value : member.name.name;
      const line = member.name.loc.start.line;
      const firstLine = firstLines.get(key);
      if (firstLine === undefined) firstLines.set(key, line);
      else found.push({ path: [...path, key], key, firstLine, line });
      walk(member.value, [...path, key]);
    }
  };
  walk(parse(text, { mode: 'json' }).body, []);
  return found;
}

/** The reason `validate` prints for one duplicate. */
export const describeDuplicateKey = ({ key, firstLine, line }: DuplicateKey) => `the key ${JSON.stringify(key)} is listed twice (lines ${firstLine} and ${line}): JSON.parse would keep only the last`;

/** "Expected ',' … at position 11" becomes "… (line 3, column 2)". */
export function describeJsonError(text: string, error: Error): string {
  const position = /at position (\d+)/.exec(error.message)?.[1];
  const message = error.message.replace(/ in JSON at position \d+.*$/, '');
  if (position === undefined) return message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

/**
 * The start of every source-file check (portal and notice files): parse, report malformed text
 * with its line and column, and report each duplicate key. Undefined when the text is not JSON.
 */
export function readJsonSource(text: string, problem: (path: readonly PropertyKey[], reason: string) => void): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    problem([], `not valid JSON: ${describeJsonError(text, error as Error)}`);
    return undefined;
  }
  for (const twin of duplicateJsonKeys(text)) problem(twin.path, describeDuplicateKey(twin));
  return { value };
}
