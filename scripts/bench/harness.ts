/**
 * The small shared part of our benchmarks: a bench module exports one `Bench`, the runner
 * (`scripts/bench.ts`) lists it, and `measure` times a loop the same way for every bench.
 */

export interface BenchLine {
  label: string;
  opsPerSecond: number;
  note?: string;
}

export interface BenchGoal {
  description: string;
  met: boolean;
  /** What was measured against the goal, e.g. "3.1× Map.get". */
  measured: string;
}

export interface BenchResult {
  lines: BenchLine[];
  goals: BenchGoal[];
  /** Extra facts worth printing (setup time, sizes). */
  notes?: string[];
}

export interface Bench {
  /** Short kebab-case name; `npm run bench -- <name>` runs only the benches whose name contains it. */
  name: string;
  description: string;
  /** Most benches are synchronous loops; the ones that drive a real browser are async. */
  run(): BenchResult | Promise<BenchResult>;
}

// Results are folded into this so the optimiser cannot drop a loop whose result is unused.
let sink = 0;
export const consume = (value: unknown): void => {
  sink = (sink + (value === undefined ? 1 : 3)) | 0;
};
export const sinkValue = (): number => sink;

export interface Contender<T> {
  inputs: readonly T[];
  op: (input: T) => unknown;
}

/**
 * Operations per second of each contender's `op` over its inputs, cycling through them.
 *
 * Rounds are interleaved (A, B, C, A, B, C …) so every contender runs under the same conditions:
 * on a shared 2-core machine the load changes from second to second, and timing A's block and
 * then B's block turns that change into a false ratio. Each contender keeps its best round, since
 * slower rounds measure the machine's other load (GC, other processes), not the code.
 */
export function race<T>(contenders: readonly Contender<T>[], { rounds = 12, roundMs = 100, warmup = 200_000 } = {}): number[] {
  // Warm-up: let the JIT settle on each hot loop before timing it.
  for (const { inputs, op } of contenders) {
    for (let i = 0; i < Math.min(inputs.length * 2, warmup); i++) consume(op(inputs[i % inputs.length] as T));
  }
  const best = contenders.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    contenders.forEach(({ inputs, op }, which) => {
      let done = 0;
      let elapsed = 0;
      const start = performance.now();
      // Check the clock once per pass so the timer is not part of what we measure.
      while (elapsed < roundMs) {
        for (let i = 0; i < inputs.length; i++) consume(op(inputs[i] as T));
        done += inputs.length;
        elapsed = performance.now() - start;
      }
      best[which] = Math.max(best[which] ?? 0, (done / elapsed) * 1000);
    });
  }
  return best;
}

/** Deterministic pseudo-random numbers, so every run benchmarks the same inputs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const formatOps = (ops: number): string => `${Math.round(ops).toLocaleString('en-NZ')} ops/s`;
