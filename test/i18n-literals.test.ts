import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Meta test: no user-facing English is written into the UI code; it comes from `t()`
 * (utils/i18n/t.ts). It reads each file's syntax tree, so it sees what a lint rule would, without a
 * plugin: JSX text with a letter in it, a string given to an attribute people read (title,
 * aria-label, placeholder, alt, label), and any string literal that reads like words (a letter and
 * a space) anywhere else in the file, such as `busy ? 'Checking…' : 'Check this page'`. Strings
 * given to `t()`, `keep()` or an import, and class names, data-testids and other attributes no
 * one reads, are not text. A line can opt out with `// i18n-ignore: why`, for text that is data.
 */

const root = join(import.meta.dirname, '..');

/**
 * Code outside components/ that writes text a patient reads: badge tooltips, notifications, the
 * popup's status, the reasons the options page and the popup quote, the guide's catalogue facts and
 * the review mark. Add a file here when it starts writing such text.
 */
const UI_FILES_IN_UTILS = [
  'utils/background/guide-reminders.ts',
  'utils/background/shared-computer.ts',
  'utils/background/watch-portal.ts',
  'utils/options/clinic-data.ts',
  'utils/options/settings-file.ts',
  'utils/guide/portal-facts.ts',
  'utils/portals/review-mark.ts',
  // The checks of a portal the patient adds or watches. Their reasons are shown on the options
  // page and in the popup, and also by the feed CLI to maintainers, so they are still English.
  'utils/portals/custom.ts',
  'utils/portals/imitation.ts',
  'utils/portals/watch.ts',
];

/**
 * Files not converted yet, each still holding English. The list only shrinks: a listed file that
 * is clean fails the test, so it has to come off. See docs/i18n.md.
 */
const NOT_YET_CONVERTED = new Set<string>([
  'utils/portals/custom.ts',
  'utils/portals/imitation.ts',
  'utils/portals/watch.ts',
]);

const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder', 'aria-valuetext', 'placeholder', 'alt', 'label']);
const NOT_TEXT_ATTRIBUTES = /^(class|className|id|for|htmlFor|href|src|type|rel|target|role|name|value|accept|autocomplete|inputMode|pattern|lang|dir|key|method|action|download|data-.*|aria-(labelledby|describedby|controls|live|current|hidden|busy|expanded|invalid|checked|pressed|selected|disabled|readonly|required|modal|haspopup|owns|atomic|relevant))$/;
const NOT_TEXT_CALLS = new Set(['t', 'keep', 'require', 'querySelector', 'querySelectorAll', 'closest', 'matches', 'getURL', 'sendMessage', 'addEventListener', 'removeEventListener', 'createElement', 'setAttribute', 'getAttribute', 'hasAttribute', 'removeAttribute', 'Error', 'TypeError', 'RangeError', 'reject']);
const WORDS = /[A-Za-z]{2,}.*\s.*[A-Za-z]|^[A-Z][a-z]+[.!?…:]?$/s;
/** A style sheet or code in a string (a shadow root's CSS): braces and semicolons, not a sentence. */
const CODE = /[{}].*;|;.*[{}]/s;

export interface Finding { file: string; line: number; text: string }

/** User-facing literals in one file's source. */
export function findLiterals(file: string, source: string): Finding[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lines = source.split('\n');
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line;
    if (/i18n-ignore/.test(lines[line] ?? '') || /i18n-ignore/.test(lines[line - 1] ?? '')) return;
    findings.push({ file, line: line + 1, text: text.trim().slice(0, 80) });
  };
  const calleeName = (call: ts.CallExpression | ts.NewExpression) => {
    const callee = call.expression;
    if (ts.isIdentifier(callee)) return callee.text;
    if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
    return '';
  };
  const isNotText = (node: ts.Node): boolean => {
    for (let parent = node.parent; parent; parent = parent.parent) {
      if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isImportTypeNode(parent) || ts.isLiteralTypeNode(parent)) return true;
      if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && NOT_TEXT_CALLS.has(calleeName(parent))) return true;
      if (ts.isJsxAttribute(parent)) return NOT_TEXT_ATTRIBUTES.test(parent.name.getText());
      if (ts.isPropertyAssignment(parent) && parent.initializer !== node && !isWithin(node, parent.initializer)) return true;
      if (ts.isElementAccessExpression(parent) && isWithin(node, parent.argumentExpression)) return true;
      if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(parent.operatorToken.kind)) return true;
      if (ts.isCaseClause(parent) && isWithin(node, parent.expression)) return true;
    }
    return false;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /[A-Za-z]/.test(node.text)) report(node, node.text);
    else if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (/[A-Za-z]/.test(node.initializer.text)) report(node, node.initializer.text);
      return;
    }
    else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && WORDS.test(node.text) && !CODE.test(node.text) && !isNotText(node)) report(node, node.text);
    else if (ts.isTemplateExpression(node) && !isNotText(node)) {
      const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
      if (WORDS.test(text) && !CODE.test(text) && /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

function isWithin(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}

/**
 * Folders of utils/ whose every file is covered, so a new one is too. The export review's worker
 * (utils/export-review/) has no `browser.i18n`: it returns message codes with numbers and the
 * file's own data (`review-message.ts`), and the page words them (`review-text.ts`), so no file
 * there writes English. Test fixtures are sample records, not text we show.
 */
const UI_FOLDERS_IN_UTILS = ['utils/export-review'];

const uiFiles = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'components', ...UI_FOLDERS_IN_UTILS], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !/\/fixtures\//.test(file))
  .concat(UI_FILES_IN_UTILS);

describe('no user-facing literal in UI code', () => {
  it.each(uiFiles.filter((file) => !NOT_YET_CONVERTED.has(file)))('%s takes its text from t()', (file) => {
    expect(findLiterals(file, readFileSync(join(root, file), 'utf8'))).toEqual([]);
  });

  it.each([...NOT_YET_CONVERTED])('%s is still to convert (take it off the list once it is clean)', (file) => {
    expect(findLiterals(file, readFileSync(join(root, file), 'utf8')).length).toBeGreaterThan(0);
  });
});

describe('the scan itself', () => {
  it.each([
    { source: '<h1>Not a known health portal</h1>', want: ['Not a known health portal'] },
    { source: '<button title="Close">{t("popup.close")}</button>', want: ['Close'] },
    { source: '<input placeholder="portal.example.org" />', want: ['portal.example.org'] },
    { source: "<p>{busy ? 'Checking…' : 'Check this page'}</p>", want: ['Checking…', 'Check this page'] },
    { source: 'const WORDS = { login: "a password field" };', want: ['a password field'] },
    { source: 'const why = `${n} people affected`;', want: [' people affected'] },
    // The export review's worker, as it was: English built in a utils file the page showed as is.
    { source: "collector.warn(`This export also holds ${n} ECG recording${n === 1 ? '' : 's'}.`);", want: ['This export also holds   ECG recording .'] },
    { source: "throw new ReviewError('empty', 'This file is empty.');", want: ['This file is empty.'] },
  ])('finds $want in $source', ({ source, want }) => {
    expect(findLiterals('x.tsx', source).map((finding) => finding.text)).toEqual(want.map((text) => text.trim()));
  });

  it.each([
    '<p class="muted small" data-testid="feed-status">{t("popup.feed.notLoaded")}</p>',
    "import { t } from '@/utils/i18n/t';",
    "<a href={url} target=\"_blank\" rel=\"noopener noreferrer\">{t('popup.notice.official')}</a>",
    "if (state === 'signed in') return;",
    "const KEYS = { login: 'popup.session.login' } as const;",
    "document.querySelector('[data-testid=\"notice\"] a')",
    '<p>{notice.title}</p>',
    '<p>{" "}</p>',
    "const PREFIX = 'portal-guard-signout:';",
    'const STYLES = `:host { display: block !important; } .banner { margin: 0 auto; }`;',
    "// i18n-ignore: a sample address, not a sentence\nconst SAMPLE = 'portal.example.org or Mychart tenant';",
    // What the worker writes now: a message code and its numbers.
    "collector.warn({ code: 'apple-ecgs', count: n });",
  ])('leaves alone %s', (source) => {
    expect(findLiterals('x.tsx', source)).toEqual([]);
  });
});
