import { createRequire } from 'node:module';
import { describe, expect } from 'vitest';
import { CHROMIUM_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { DriverPage } from './support/driver';
import { definePortalSuite } from './support/portal-suite';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core in the popup page: no violations, and any found are printed in full. */
async function expectNoAxeViolations(popup: DriverPage, name: string): Promise<void> {
  const { violations, passes } = await popup.evaluateScript<{ violations: AxeViolation[]; passes: number }>(`${axeSource}\n;axe.run(document).then((result) => ({ violations: result.violations, passes: result.passes.length }))`);
  expect(passes, 'axe-core ran its rules').toBeGreaterThan(10);
  if (violations.length > 0) {
    console.error(`axe-core violations in the popup (${name}):\n${violations.map((violation) => `- ${violation.id} [${violation.impact}] ${violation.help}\n${violation.nodes.map((node) => `    ${JSON.stringify(node.target)}: ${node.failureSummary ?? ''}`).join('\n')}`).join('\n')}`);
  }
  expect(violations.map((violation) => violation.id)).toEqual([]);
}

describe.skipIf(!browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'))('Chromium (Debian chromium, Playwright)', () => {
  definePortalSuite({ launch: () => launchChromium(e2eContext()), checkPopup: expectNoAxeViolations });
});
