// Finishes what wasm-pack built in pkg/: the npm package's manifest, README, widget script
// and stylesheet; then lays out dist/embed/ (what a docs host serves) with Subresource
// Integrity on every asset, and copies examples/ to dist/examples/.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const PKG = join(ROOT, 'pkg');
const EMBED = join(ROOT, 'dist', 'embed');
const GLUE = 'iam_policy_builder.js';
const WASM = 'iam_policy_builder_bg.wasm';
const TYPES = 'iam_policy_builder.d.ts';
const CSS = 'iam-policy-builder.css';
const WIDGET = 'widget.js';

const read = (...path) => readFileSync(join(...path));
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** The widget script with the wasm's hash in place of the unbuilt source's null. */
function stampedWidget(wasm) {
  const source = read(ROOT, 'embed', WIDGET).toString();
  const unstamped = 'const WASM_INTEGRITY = null;';
  if (!source.includes(unstamped)) throw new Error(`embed/${WIDGET} lacks "${unstamped}"`);
  return source.replace(unstamped, `const WASM_INTEGRITY = ${JSON.stringify(sri(wasm))};`);
}

/** Adds integrity="…" to every <link href> and <script src> of a file in dist/embed/. */
function withIntegrity(html) {
  return html.replace(
    /<(link|script)\b([^>]*?)\b(href|src)="([^":/?#]+)"([^>]*)>/g,
    (tag, name, before, attribute, file, after) => {
      if (/\bintegrity=/.test(tag)) throw new Error(`${file} already has an integrity attribute`);
      const hash = sri(read(EMBED, file));
      return `<${name}${before}${attribute}="${file}" integrity="${hash}"${after}>`;
    },
  );
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
      [`./${CSS}`]: `./${CSS}`,
      [`./${WASM}`]: `./${WASM}`,
      './package.json': './package.json',
    },
    files: [GLUE, TYPES, WASM, `${WASM}.d.ts`, WIDGET, CSS, 'README.md'],
    // Importing the widget mounts builders; the rest has no side effects.
    sideEffects: [`./${WIDGET}`],
  };
}

// The npm package.
writeFileSync(join(PKG, 'package.json'), `${JSON.stringify(packageManifest(), null, 2)}\n`);
cpSync(join(ROOT, 'embed', 'README.md'), join(PKG, 'README.md'));
cpSync(join(ROOT, 'embed', WIDGET), join(PKG, WIDGET));
cpSync(join(ROOT, 'styles', 'ipb.css'), join(PKG, CSS));

// dist/embed/: stable names, so the README's snippets keep working across releases.
rmSync(EMBED, { recursive: true, force: true });
mkdirSync(EMBED, { recursive: true });
const wasm = read(PKG, WASM);
cpSync(join(PKG, GLUE), join(EMBED, GLUE));
cpSync(join(PKG, WASM), join(EMBED, WASM));
cpSync(join(ROOT, 'styles', 'ipb.css'), join(EMBED, CSS));
cpSync(join(ROOT, 'assets', 'favicon.svg'), join(EMBED, 'favicon.svg'));
writeFileSync(join(EMBED, WIDGET), stampedWidget(wasm));
writeFileSync(join(EMBED, 'embed.html'), withIntegrity(read(ROOT, 'embed', 'embed.html').toString()));

// The examples, next to the files they load.
const EXAMPLES = join(ROOT, 'dist', 'examples');
rmSync(EXAMPLES, { recursive: true, force: true });
cpSync(join(ROOT, 'examples'), EXAMPLES, { recursive: true });

console.log(`pkg/ and dist/embed/ written; wasm ${wasm.length} bytes, ${sri(wasm)}`);
