import { z } from 'zod';
import { compileFn } from 'zod/v4/core';
import { createFeedParser, FEED_PARSER_SOURCE_HASH } from './feed-parser.generated';
import { feedSchema, type Feed } from './schema';

/**
 * The feed schema, compiled ahead of time (issue 13: verify and parse 10,000 notices within 5×
 * `JSON.parse`). zod's jitless interpreter, which extension pages and MV3 service workers must use
 * because their CSP forbids `new Function`, spent most of that budget walking the schema node by
 * node. zod 4.6's own compiler (`compileFn`, the engine behind `z.compile`) turns a schema into one
 * straight-line function, but evaluates its source with `new Function`. So the source is generated
 * at build time instead: `npm run feed -- schema` writes it to `feed-parser.generated.ts` (a test
 * fails when it is stale), and it ships as ordinary code.
 *
 * The generated function closes over values only the live schema has: its regular expressions, its
 * refinements (the text rules, the public-suffix checks, the catalogue-addition checks) and zod's
 * helpers. At run time zod's compiler is run again on the live schema with a stand-in for
 * `Function` that keeps those values instead of evaluating anything, and they are handed to the
 * generated function. The compiler also hands back the source it would have evaluated: only when
 * that source is the one generated at build time (same hash) is the compiled parser used. Any other
 * case (a schema edited without regenerating, a different zod) falls back to `feedSchema.safeParse`,
 * which is also what runs for every feed the compiled parser does not accept, so refusals keep
 * zod's exact messages. Accept/refuse equivalence with `feedSchema` is tested on the schema's own
 * cases, the hostile ones, and mutated real notices (compiled-parser.test.ts).
 */

export type FeedParser = (input: unknown) => Feed | typeof z.INVALID;

interface CompiledSource {
  /** The body zod would evaluate: `return (input) => {…}`. */
  source: string;
  /** Its parameters: `INVALID`, then one name per hoisted value. */
  names: string[];
  values: unknown[];
}

/**
 * zod's compiler, run with `Function` replaced for the duration of one synchronous call, so that
 * nothing is evaluated: the stand-in records the source, the parameter names and the values.
 */
export function compileWithoutEval(schema: z.ZodType): CompiledSource {
  let captured: CompiledSource | undefined;
  const realFunction = globalThis.Function;
  const standIn = function (...parameters: string[]) {
    const source = parameters.pop() ?? '';
    return (...values: unknown[]) => {
      captured = { source, names: parameters, values };
      return () => z.INVALID;
    };
  };
  globalThis.Function = standIn as unknown as FunctionConstructor;
  try {
    compileFn(schema);
  } finally {
    globalThis.Function = realFunction;
  }
  if (!captured) throw new Error('zod did not compile the schema');
  return captured;
}

/** FNV-1a over the source and parameter names: a staleness check between build and run time, not a defence. */
export function sourceHash({ source, names }: Pick<CompiledSource, 'source' | 'names'>): string {
  let hash = 0x811c9dc5;
  const text = `${names.join(',')}\n${source}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(16).padStart(8, '0')}-${text.length}`;
}

let parser: FeedParser | null | undefined;

/** The compiled feed parser, or undefined when it does not match the live schema (then use zod). */
export function compiledFeedParser(): FeedParser | undefined {
  if (parser === undefined) {
    try {
      const compiled = compileWithoutEval(feedSchema);
      parser = sourceHash(compiled) === FEED_PARSER_SOURCE_HASH ? (createFeedParser as (...values: unknown[]) => FeedParser)(...compiled.values) : null;
    } catch {
      parser = null;
    }
  }
  return parser ?? undefined;
}
