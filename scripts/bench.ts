/**
 * `npm run bench` runs every registered benchmark; `npm run bench -- hostname` runs only those
 * whose name contains "hostname". Add a bench by writing `scripts/bench/<name>.ts` that exports a
 * `Bench` (see `scripts/bench/harness.ts`) and listing it in BENCHES.
 *
 * Figures are printed next to a baseline measured in the same run, because absolute ops/s depend
 * on the machine; the ratio is what a goal is judged on. Goals are reported as PASS or MISS; pass
 * `--strict` to make a MISS fail the process (for CI on a quiet machine).
 */
// First: gives the benches that run extension code in Node a `browser.i18n` (see the file).
import { i18nReady } from './bench/i18n-shim';
import { formatOps, sinkValue, type Bench } from './bench/harness';
import { contentScriptBench } from './bench/content-script';
import { exportReviewBench } from './bench/export-review';
import { feedDeltaBench } from './bench/feed-delta';
import { feedVerifyBench } from './bench/feed-verify';
import { hostnameLookupBench } from './bench/hostname-lookup';
import { passwordStrengthBench } from './bench/password-strength';
import { platformDetectBench } from './bench/platform-detect';
import { popupRenderBench } from './bench/popup-render';

const BENCHES: readonly Bench[] = [hostnameLookupBench, feedVerifyBench, feedDeltaBench, exportReviewBench, contentScriptBench, passwordStrengthBench, platformDetectBench, popupRenderBench];

async function main(args: readonly string[]): Promise<number> {
  await i18nReady;
  const strict = args.includes('--strict');
  const filters = args.filter((arg) => !arg.startsWith('--'));
  const selected = BENCHES.filter((bench) => filters.length === 0 || filters.some((filter) => bench.name.includes(filter)));
  if (selected.length === 0) {
    console.error(`No bench matches ${filters.join(', ')}. Known: ${BENCHES.map((bench) => bench.name).join(', ')}`);
    return 2;
  }

  let missed = 0;
  for (const bench of selected) {
    console.log(`\n▶ ${bench.name}: ${bench.description}`);
    const started = performance.now();
    const result = await bench.run();
    const width = Math.max(...result.lines.map((line) => line.label.length));
    for (const line of result.lines) {
      console.log(`  ${line.label.padEnd(width)}  ${formatOps(line.opsPerSecond).padStart(20)}${line.note ? `  ${line.note}` : ''}`);
    }
    for (const note of result.notes ?? []) console.log(`  · ${note}`);
    for (const goal of result.goals) {
      console.log(`  goal: ${goal.description}: ${goal.measured} → ${goal.met ? 'PASS' : 'MISS'}`);
      if (!goal.met) missed++;
    }
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  // Printing the sink keeps every measured result observable, so no loop can be optimised away.
  console.log(`\n${missed === 0 ? 'All goals met.' : `${missed} goal(s) missed.`} [sink ${sinkValue()}]`);
  return strict && missed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
