// ESLint over every JavaScript file of the project (`./scripts/test.sh lint`): ESLint's
// recommended rules, which catch what a typo or a refactor leaves behind (an undefined or
// unused name, unreachable code, a duplicate key). Each file is checked with the globals of
// where it runs, so a browser program naming a Node API, or a build step a browser one, is
// an error.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    ignores: [
      // What the build and the generators write.
      'dist/',
      'pkg/',
      'target/',
      'bench/*/target/',
      'bench/hello-world/dist/',
      'fuzz/',
      'tests/e2e/output/',
      'sites/docusaurus/node_modules/',
      'sites/docusaurus/build/',
      'sites/docusaurus/.docusaurus/',
    ],
  },
  js.configs.recommended,
  {
    // `const { left, ...kept } = object` is how this code leaves a key out of a copy.
    rules: { 'no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    // Node: the build steps, the servers, the benchmarks and the tests' own code.
    files: ['**/*.mjs', 'sites/docusaurus/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // Programs that run in the page: the widget, the React component, the examples, the
    // page's start script.
    files: ['embed/**/*.js', 'examples/**/*.js', 'scripts/page-start.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Tests and tools that drive a browser pass functions to it (Playwright's
    // page.evaluate, WebDriver's execute): those run in the page.
    files: ['tests/**/*.mjs', 'bench/**/*.mjs', 'scripts/screenshots.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
