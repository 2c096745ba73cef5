import { describe, expect, it } from 'vitest';
import { judgeLint, lintPassed, REVIEWED_WARNINGS, type LintMessage } from './web-ext-reviewed';

// Real warnings from `web-ext lint --output json` on the Firefox package (web-ext 10.7.0).
const zodProbe: LintMessage = { code: 'DANGEROUS_EVAL', message: 'The Function constructor is eval.', file: 'chunks/platform-detection-C4f4vBnM.js' };
// zod 4's probe as the production build writes it, and a `Function` of our own.
const ZOD_PROBE_SOURCE = 'const T=f(()=>{if(typeof navigator<`u`&&navigator?.userAgent?.includes(`Cloudflare`))return!1;try{return Function(``),!0}catch{return!1}});';
const read = (file: string) => (file.startsWith('chunks/ours-') ? 'export const run=(code)=>Function(code)();' : ZOD_PROBE_SOURCE);
const judge = (result: Parameters<typeof judgeLint>[0]) => judgeLint(result, read);
const preact = (file: string): LintMessage => ({ code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML', file });
const lazyImport = (file: string): LintMessage => ({ code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe call to import for argument 0', file });

/** Now: Firefox's content script asks the background to inject the lazy bundles (issue 17, item 4). */
const AFTER = [preact('banner.js'), preact('password-assistant.js'), preact('chunks/jsxRuntime-CNygstKk.js'), zodProbe];
/** Before that, the content script imported them by `runtime.getURL`. */
const IMPORTED = [...AFTER, lazyImport('content-scripts/portal.js')];
/** Before the split: every bundle carried the loader's `import(url)` too. */
const BEFORE = [...IMPORTED, lazyImport('banner.js'), lazyImport('password-assistant.js'), lazyImport('password-strength.js')];

describe('judgeLint', () => {
  it('passes the package as it is built now: every warning reviewed, none missing', () => {
    const verdict = judge({ errors: [], warnings: AFTER });
    expect(verdict).toEqual({ errors: [], unexpected: [], gone: [] });
    expect(lintPassed(verdict)).toBe(true);
  });

  it('refuses the package whose content script imported the bundles by a run-time URL', () => {
    const verdict = judge({ errors: [], warnings: IMPORTED });
    expect(verdict.unexpected).toEqual([lazyImport('content-scripts/portal.js')]);
    expect(lintPassed(verdict)).toBe(false);
  });

  it('refuses the package from before the split: the three bundles carried an import of a URL', () => {
    const verdict = judge({ errors: [], warnings: BEFORE });
    expect(verdict.unexpected).toEqual([lazyImport('content-scripts/portal.js'), lazyImport('banner.js'), lazyImport('password-assistant.js'), lazyImport('password-strength.js')]);
    expect(lintPassed(verdict)).toBe(false);
  });

  it.each([
    ['a new chunk hash for the same library chunk', [...AFTER.slice(0, 3), { ...zodProbe, file: 'chunks/platform-detection-Q9x_z-1A.js' }], true],
    ['zod moved to another shared chunk', [...AFTER.slice(0, 3), { ...zodProbe, file: 'chunks/_virtual_wxt-plugins-BDH78sxA.js' }], true],
    ['a Function constructor of our own in a chunk', [...AFTER.slice(0, 3), { ...zodProbe, file: 'chunks/ours-Ab12.js' }], false],
    ['the same warning in a file nobody reviewed', [...AFTER, preact('options.js')], false],
    ['a reviewed warning given twice for the same file', [...AFTER, preact('banner.js')], false],
    ['a chunk name that only contains a reviewed one', [...AFTER.slice(0, 3), { ...zodProbe, file: 'evil/chunks/platform-detection-C4f4vBnM.js' }], false],
  ] as const)('%s: passes = %s', (_name, warnings, passes) => {
    expect(lintPassed(judge({ errors: [], warnings }))).toBe(passes);
  });

  it('fails on any error, even with every warning reviewed', () => {
    const missingId: LintMessage = { code: 'EXTENSION_ID_REQUIRED', message: 'The extension ID is required in Manifest Version 3 and above.', file: 'manifest.json' };
    const verdict = judge({ errors: [missingId], warnings: AFTER });
    expect(verdict.errors).toEqual([missingId]);
    expect(lintPassed(verdict)).toBe(false);
  });

  it('names a reviewed warning that is gone, so the list and docs/store/README.md are corrected', () => {
    const verdict = judge({ errors: [], warnings: AFTER.filter((warning) => warning.file !== 'password-assistant.js') });
    expect(verdict.gone.map((entry) => entry.file.source)).toEqual(['^password-assistant\\.js$']);
    expect(lintPassed(verdict)).toBe(false);
  });

  it('says whose code each reviewed warning is, and none is ours', () => {
    for (const entry of REVIEWED_WARNINGS) expect(entry.whose).toMatch(/^(zod|Preact)\b/);
  });
});
