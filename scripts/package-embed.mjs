// Finishes what wasm-pack built in pkg/: the npm package's manifest, README, widget script
// and stylesheet; then lays out dist/embed/ (what a docs host serves) with Subresource
// Integrity on every asset, and copies examples/ to dist/examples/.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { edit, elements, only, sri, withIntegrity } from './html.mjs';
import { stamp } from './stamp.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const PKG = join(ROOT, 'pkg');
const EMBED = join(ROOT, 'dist', 'embed');
const GLUE = 'iam_policy_builder.js';
const WASM = 'iam_policy_builder_bg.wasm';
const TYPES = 'iam_policy_builder.d.ts';
const CSS = 'iam-policy-builder.css';
const WIDGET = 'widget.js';
// The iframe page's own script: it tells the framing page its height.
const FRAME_HEIGHT = 'frame-height.js';
// <IamPolicyBuilder />, for React sites (Docusaurus); React is the host's, a peer.
const REACT = 'react.js';
const REACT_TYPES = 'react.d.ts';
// The stylesheet's text as a module, for the React component: bundlers cannot be relied on
// to give a .css file a URL of its own.
const STYLES_MODULE = 'styles.js';

const read = (...path) => readFileSync(join(...path));

/**
 * The widget script with these constants (the glue's and the wasm's hashes, the builder's
 * introduction) in place of the source's nulls.
 */
const stampedWidget = (constants) => stamp(read(ROOT, 'embed', WIDGET).toString(), constants, `embed/${WIDGET}`);

/**
 * The iframe page with its builder rendered at build time (src/bin/prerender.rs, with the
 * settings of embed.html's element) into a declarative shadow root, styled as the live one
 * is: on screen and typeable before the wasm arrives. The widget's mount() then replaces
 * it with the live builder, giving that what was typed, and the focus.
 */
function withPrerenderedBuilder(html) {
  const main = only(
    elements(html).filter((e) => e.name === 'main' && e.attributes.has('data-iam-policy-builder') && e.startTag.end === e.endTag?.start),
    'empty <main data-iam-policy-builder>',
    'embed/embed.html',
  );
  // The element's attributes as written: the pre-render names them as the widget's
  // dataset does (src/host/widget_settings.rs), so no name is spelled twice.
  const settings = [...main.attributes]
    .filter(([name]) => name.startsWith('data-') && name !== 'data-iam-policy-builder')
    .map(([name, value]) => `${name}=${value}`);
  const run = spawnSync('cargo', ['run', '--quiet', '--locked', '--features', 'ssr', '--bin', 'prerender', '--', 'widget', ...settings], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`the iframe page's pre-render failed:\n${run.stderr}`);
  const builder = `<template shadowrootmode="open"><link rel="stylesheet" href="${CSS}" /><div data-ipb-prerendered>${run.stdout}</div></template>`;
  return edit(html, [{ from: main.startTag.end, to: main.startTag.end, text: builder }]);
}

function packageManifest() {
  const built = JSON.parse(read(PKG, 'package.json'));
  return {
    name: 'iam-policy-builder',
    version: built.version,
    description:
      'Builds the IAM trust and Secrets Manager policies for the Matillion agent on ECS Fargate, in the browser or in Node: build(), exportAs(), and a mountable widget.',
    license: built.license,
    repository: built.repository,
    keywords: ['aws', 'iam', 'policy', 'matillion', 'ecs', 'fargate', 'secrets-manager', 'webassembly', 'widget'],
    type: 'module',
    main: GLUE,
    module: GLUE,
    types: TYPES,
    exports: {
      '.': { types: `./${TYPES}`, default: `./${GLUE}` },
      './widget': `./${WIDGET}`,
      './react': { types: `./${REACT_TYPES}`, default: `./${REACT}` },
      [`./${CSS}`]: `./${CSS}`,
      [`./${WASM}`]: `./${WASM}`,
      './package.json': './package.json',
    },
    files: [GLUE, TYPES, WASM, `${WASM}.d.ts`, WIDGET, REACT, REACT_TYPES, STYLES_MODULE, CSS, 'README.md'],
    peerDependencies: { react: '>=18' },
    // Only the React component needs React.
    peerDependenciesMeta: { react: { optional: true } },
    // Importing the widget mounts builders; the rest has no side effects.
    sideEffects: [`./${WIDGET}`],
  };
}

// The npm package.
writeFileSync(join(PKG, 'package.json'), `${JSON.stringify(packageManifest(), null, 2)}\n`);
cpSync(join(ROOT, 'embed', 'README.md'), join(PKG, 'README.md'));
// What the widget draws before the wasm (its title and introduction), said by the builder.
const introRun = spawnSync('cargo', ['run', '--quiet', '--locked', '--features', 'ssr', '--bin', 'prerender', '--', 'intro'], { cwd: ROOT, encoding: 'utf8' });
if (introRun.status !== 0) throw new Error(`the widget's introduction could not be read:\n${introRun.stderr}`);
const INTRO = JSON.parse(introRun.stdout);
writeFileSync(join(PKG, WIDGET), stampedWidget({ INTRO }));
cpSync(join(ROOT, 'embed', REACT), join(PKG, REACT));
cpSync(join(ROOT, 'embed', REACT_TYPES), join(PKG, REACT_TYPES));
writeFileSync(
  join(PKG, STYLES_MODULE),
  `// ${CSS} as text, generated by scripts/package-embed.mjs.\nexport default ${JSON.stringify(read(ROOT, 'styles', 'ipb.css').toString())};\n`,
);
cpSync(join(ROOT, 'styles', 'ipb.css'), join(PKG, CSS));

// dist/embed/: stable names, so the README's snippets keep working across releases.
rmSync(EMBED, { recursive: true, force: true });
mkdirSync(EMBED, { recursive: true });
const wasm = read(PKG, WASM);
cpSync(join(PKG, GLUE), join(EMBED, GLUE));
cpSync(join(PKG, WASM), join(EMBED, WASM));
cpSync(join(ROOT, 'styles', 'ipb.css'), join(EMBED, CSS));
cpSync(join(ROOT, 'assets', 'favicon.svg'), join(EMBED, 'favicon.svg'));
cpSync(join(ROOT, 'embed', FRAME_HEIGHT), join(EMBED, FRAME_HEIGHT));
writeFileSync(join(EMBED, WIDGET), stampedWidget({ GLUE_INTEGRITY: sri(read(PKG, GLUE)), WASM_INTEGRITY: sri(wasm), INTRO }));
writeFileSync(
  join(EMBED, 'embed.html'),
  withIntegrity(withPrerenderedBuilder(read(ROOT, 'embed', 'embed.html').toString()), (file) => sri(read(EMBED, file))),
);

// The examples, next to the files they load.
const EXAMPLES = join(ROOT, 'dist', 'examples');
rmSync(EXAMPLES, { recursive: true, force: true });
cpSync(join(ROOT, 'examples'), EXAMPLES, { recursive: true });

console.log(`pkg/ and dist/embed/ written; wasm ${wasm.length} bytes, ${sri(wasm)}`);
