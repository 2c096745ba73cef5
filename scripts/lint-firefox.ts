import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { judgeLint, lintPassed, type LintMessage } from './lint/web-ext-reviewed';

/**
 * `npm run lint:firefox`: web-ext lint (addons-linter, as AMO runs it) on the built Firefox package,
 * judged against the reviewed warnings in scripts/lint/web-ext-reviewed.ts. web-ext's own exit
 * code fails only on errors, so a new warning from our code would pass unseen; this fails on it.
 */

const root = join(import.meta.dirname, '..');
const sourceDir = process.argv[2] ?? join(root, '.output/firefox-mv3');

let output: string;
try {
  output = execFileSync(join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', sourceDir, '--self-hosted', '--output', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
} catch (error) {
  // web-ext exits non-zero when the linter reports errors; its JSON is still on stdout.
  output = String((error as { stdout?: unknown }).stdout ?? '');
  if (!output.trim()) throw error;
}
const result = JSON.parse(output) as { summary: { errors: number; warnings: number; notices: number }; errors: LintMessage[]; warnings: LintMessage[] };
const verdict = judgeLint(result, (file) => readFileSync(join(sourceDir, file), 'utf8'));
const line = (message: LintMessage) => `  ${message.code} ${message.file ?? '(package)'}: ${message.message}`;

console.log(`web-ext lint: ${result.summary.errors} errors, ${result.summary.warnings} warnings (${result.warnings.length - verdict.unexpected.length} reviewed), ${result.summary.notices} notices`);
if (verdict.errors.length > 0) console.error(`Errors:\n${verdict.errors.map(line).join('\n')}`);
if (verdict.unexpected.length > 0) console.error(`Warnings nobody reviewed (fix them, or review them in scripts/lint/web-ext-reviewed.ts and docs/store/README.md):\n${verdict.unexpected.map(line).join('\n')}`);
if (verdict.gone.length > 0) console.error(`Reviewed warnings the linter no longer gives (remove them from scripts/lint/web-ext-reviewed.ts and docs/store/README.md):\n${verdict.gone.map((entry) => `  ${entry.code} ${entry.file}: ${entry.message}`).join('\n')}`);
if (!lintPassed(verdict)) process.exit(1);
