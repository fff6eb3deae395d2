// Finishes the page Trunk wrote in dist/: the same strictness as the iframe embed page.
// Trunk starts the wasm from an inline module script, which rules out a Content Security
// Policy without 'unsafe-inline', and gives the JS glue and the wasm no integrity. This
// moves the start into a file of its own, puts Subresource Integrity on everything the
// page loads (the wasm's hash is checked by fetch, as the widget does) and adds the
// policy as a <meta> element, so it holds on any static host. The stylesheet goes into the
// page itself, allowed by its hash: the first paint waited for its request (≈ 35 ms on
// loopback here, a round trip on a real network).
//
//   node scripts/finish-page.mjs [PRERENDER]   (step 3 of scripts/build.sh, right after
//   `trunk build`, with the pre-rendered builder's HTML)
//
// Each step below reads the page with the parser of scripts/html.mjs and edits it in place.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { edit, elements, localFile, only, removal, sri, withIntegrity } from './html.mjs';
import { stamp } from './stamp.mjs';
import { pageCsp } from './static-server.mjs';

const DIST = resolve(import.meta.dirname, '..', 'dist');
const INDEX = join(DIST, 'index.html');
// The start script, a browser program of its own (linted with the rest): this fills in its
// constants.
const START = resolve(import.meta.dirname, 'page-start.js');

const read = (file) => readFileSync(join(DIST, file));
/** The one element of Trunk's page that `found` holds, or a failure that says Trunk may have changed. */
const fromTrunk = (found, what) => only(found, what, 'dist/index.html (has Trunk changed its output?)');
const named = (name, attributes = {}) => (element) =>
  element.name === name && Object.entries(attributes).every(([key, value]) => element.attributes.get(key) === value);

/**
 * The builder for the empty form, rendered at build time (src/bin/prerender.rs, whose output
 * scripts/build.sh passes as the first argument), in Trunk's empty <main id="app">: on screen
 * and typeable before the wasm arrives, which then hydrates it.
 */
function withPrerender(html, prerendered) {
  const app = fromTrunk(elements(html).filter(named('main', { id: 'app' })), '<main id="app">');
  if (app.startTag.end !== app.endTag?.start) throw new Error('dist/index.html: <main id="app"> is not empty');
  return edit(html, [{ from: app.startTag.end, to: app.startTag.end, text: prerendered }]);
}

/**
 * Trunk's inline start (`import init from './x.js'; … init({ module_or_path: './x_bg.wasm' })`)
 * replaced by scripts/page-start.js, stamped with this build's glue and wasm and their hashes,
 * in a file of its own: returns the page, the file's name and its text. Trunk's preloads of
 * the wasm and the glue go: the start script fetches both after the first paint instead (the
 * glue's preload alone cost the first paint ≈ 10 ms here: it is parsed and compiled while
 * the page is still to be painted).
 */
function withStartScript(html) {
  const all = elements(html);
  const trunkStart = fromTrunk(all.filter((e) => named('script', { type: 'module' })(e) && !e.attributes.has('src')), 'inline module script');
  const gluePreload = fromTrunk(all.filter(named('link', { rel: 'modulepreload' })), 'glue module preload');
  const wasmPreload = fromTrunk(all.filter(named('link', { rel: 'preload', type: 'application/wasm' })), 'wasm preload');
  const glue = localFile(gluePreload.attributes.get('href'));
  const wasm = localFile(wasmPreload.attributes.get('href'));
  for (const file of [glue, wasm]) {
    if (!file || !trunkStart.text.includes(file)) throw new Error(`dist/index.html: Trunk's start script does not load ${file}, which it preloads`);
  }
  const source = stamp(
    readFileSync(START, 'utf8'),
    {
      GLUE: `./${glue}`,
      GLUE_INTEGRITY: sri(read(glue)),
      WASM: `./${wasm}`,
      WASM_INTEGRITY: sri(read(wasm)),
    },
    'scripts/page-start.js',
  );
  const file = `start-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.js`;
  const script = `<script type="module" src="./${file}" integrity="${sri(source)}"></script>`;
  return {
    html: edit(html, [{ from: trunkStart.start, to: trunkStart.end, text: script }, removal(html, gluePreload), removal(html, wasmPreload)]),
    file,
    source,
  };
}

/**
 * The stylesheet, inline: the page paints once its HTML is in, with no request between.
 * Returns the page, the stylesheet's file (no longer needed) and its hash for the policy.
 */
function withInlineStylesheet(html) {
  const link = fromTrunk(elements(html).filter(named('link', { rel: 'stylesheet' })), 'stylesheet link');
  const file = localFile(link.attributes.get('href'));
  const css = read(file).toString();
  if (/<\/style/i.test(css)) throw new Error(`${file} contains "</style", which would end the inline stylesheet`);
  return {
    html: edit(html, [{ from: link.start, to: link.end, text: `<style>${css}</style>` }]),
    file,
    hash: `sha256-${createHash('sha256').update(css).digest('base64')}`,
  };
}

/** The Content Security Policy as a <meta> element, right after the charset's. */
function withPolicy(html, styleHash) {
  const charset = fromTrunk(elements(html).filter((e) => e.name === 'meta' && e.attributes.get('charset')?.toLowerCase() === 'utf-8'), '<meta charset="utf-8">');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${pageCsp(styleHash)}">`;
  return edit(html, [{ from: charset.end, to: charset.end, text: `\n    ${meta}` }]);
}

let html = readFileSync(INDEX, 'utf8');
if (elements(html).some(named('meta', { 'http-equiv': 'Content-Security-Policy' }))) throw new Error('dist/index.html is already finished');
if (process.argv[2]) html = withPrerender(html, readFileSync(process.argv[2], 'utf8'));
const start = withStartScript(html);
writeFileSync(join(DIST, start.file), start.source);
// Integrity on every <link> and <script> to a file of dist/ that has none yet (Trunk gives
// the stylesheet and icon theirs). The glue and the wasm have no link left: the start script
// checks their hashes.
html = withIntegrity(start.html, (file) => sri(read(file)));
const stylesheet = withInlineStylesheet(html);
rmSync(join(DIST, stylesheet.file));
html = withPolicy(stylesheet.html, stylesheet.hash);
writeFileSync(INDEX, html);
console.log(`dist/index.html finished: ${start.file}, integrity on every asset, CSP meta`);
