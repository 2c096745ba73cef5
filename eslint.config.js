import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers from './scripts/layers.json' with { type: 'json' };

const { layers: LAYERS, buildOnly: BUILD_ONLY, entrypointOnly: ENTRYPOINT_ONLY } = layers;

// Layers (scripts/layers.json): each folder may import its own layer and the ones below, never
// above, so a wrong import fails in the editor. test/layers.test.ts checks the resolved graph too.
const names = (folders) => folders.map((folder) => folder.replace(/^utils\//, '')).join('|');
/** A specifier into one of `folders` of utils/, written as `@/utils/x`, `../x`, `../../utils/x` or (from utils/*.ts) `./x`. */
const into = (folders, sibling = false) => `^(?:@/utils/|(?:\\.\\./)+(?:utils/)?${sibling ? '|\\./' : ''})(?:${names(folders)})(?:/|$)`;
const COMPONENTS = { regex: '^(?:@/components/|(?:\\.\\./)+components/)', message: 'utils/ never imports components/: put the code that needs Preact beside its component (docs/architecture.md, "Layers").' };
const ONLY_FROM_ENTRYPOINTS = { regex: into(ENTRYPOINT_ONLY), message: 'Only entrypoints import utils/background/. Move what you need into a lower layer.' };
const notBuild = (sibling = false) => ({ regex: into(BUILD_ONLY, sibling), message: 'utils/build/ is build-time only (wxt.config.ts); it must not reach the bundle.' });
const layerRules = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(index + 1).flatMap((higher) => higher.folders).filter((folder) => folder.startsWith('utils/'));
  const utilsFolders = layer.folders.filter((folder) => folder.startsWith('utils/'));
  if (utilsFolders.length === 0) return [];
  const patterns = (sibling) => [
    COMPONENTS,
    notBuild(sibling),
    ...(above.length > 0 ? [{ regex: into(above, sibling), message: `The ${layer.name} layer never imports a higher layer (${names(above)}): see docs/architecture.md, "Layers".` }] : []),
    ...(layer.folders.some((folder) => ENTRYPOINT_ONLY.includes(folder)) ? [] : [ONLY_FROM_ENTRYPOINTS]),
  ];
  return [
    { files: utilsFolders.map((folder) => `${folder}/**/*.{ts,tsx}`), ignores: ['**/*.test.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: patterns(false) }] } },
    { files: utilsFolders.map((folder) => `${folder}.ts`), rules: { 'no-restricted-imports': ['error', { patterns: patterns(true) }] } },
  ];
});

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Feed and page text must never become markup: see docs/architecture.md, "Untrusted text".
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Render untrusted text as text (textContent or JSX).' },
        { property: 'outerHTML', message: 'Render untrusted text as text.' },
        { property: 'insertAdjacentHTML', message: 'Render untrusted text as text.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render feed or page text as HTML.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerRules,
  { files: ['utils/**/*.test.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: [COMPONENTS] }] } },
  { files: ['components/**/*.{ts,tsx}'], ignores: ['**/*.test.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: [ONLY_FROM_ENTRYPOINTS, notBuild()] }] } },
  { files: ['entrypoints/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: [notBuild()] }] } },
);
