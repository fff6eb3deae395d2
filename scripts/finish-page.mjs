// Finishes the page Trunk wrote in dist/: the same strictness as the iframe embed page.
// Trunk starts the wasm from an inline module script, which rules out a Content Security
// Policy without 'unsafe-inline', and gives the JS glue and the wasm no integrity. This
// moves the start into a file of its own, puts Subresource Integrity on everything the
// page loads (the wasm's hash is checked by fetch, as the widget does) and adds the
// policy as a <meta> element, so it holds on any static host. The stylesheet goes into the
// page itself, allowed by its hash: the first paint waited for its request (≈ 35 ms on
// loopback here, a round trip on a real network).
//
//   node scripts/finish-page.mjs [PRERENDER]   (scripts/build.sh runs it right after
//   `trunk build`, with the pre-rendered builder's HTML)
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pageCsp } from './static-server.mjs';

const DIST = resolve(import.meta.dirname, '..', 'dist');
const INDEX = join(DIST, 'index.html');

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const read = (file) => readFileSync(join(DIST, file));

/** The one thing in `text` that `pattern` finds, or a clear failure naming `what`. */
function only(text, pattern, what) {
  const found = [...text.matchAll(pattern)];
  if (found.length !== 1) {
    throw new Error(`dist/index.html: expected one ${what}, found ${found.length}. Has Trunk changed its output?`);
  }
  return found[0];
}

let html = readFileSync(INDEX, 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) throw new Error('dist/index.html is already finished');

// The builder for the empty form, rendered at build time (src/bin/prerender.rs, whose
// output scripts/build.sh passes as the first argument): on screen and typeable before the
// wasm arrives, which then hydrates it.
const prerendered = process.argv[2] && readFileSync(process.argv[2], 'utf8');
if (prerendered) {
  const [emptyApp, attributes] = only(html, /<main id="app"([^>]*)><\/main>/g, 'empty <main id="app">');
  html = html.replace(emptyApp, `<main id="app"${attributes}>${prerendered}</main>`);
}

// Trunk's start: `import init, * as bindings from '/x.js'; … init({ module_or_path: '/x_bg.wasm' })`.
const [inline, startCode] = only(html, /<script type="module">([\s\S]*?)<\/script>/g, 'inline module script');
const [, glue] = only(startCode, /from\s+'\.?\/?([^']+\.js)'/g, 'JS glue import');
const [, wasm] = only(startCode, /module_or_path:\s*'\.?\/?([^']+\.wasm)'/g, 'wasm path');

const start = `// Starts the builder (written by scripts/finish-page.mjs). The page arrives pre-rendered:
// its form takes typing and shows the empty form's documents with no script, so the wasm
// and its JS glue (everything else) are not part of the first screen. Both are fetched,
// each checked against its Subresource Integrity hash, when the browser is first idle
// after the first paint — or at once when the reader first touches, clicks or types — and
// then hydrate the form, keeping what was typed. A button pressed before then is held,
// said, and pressed again once live.
const app = document.getElementById('app');
const busy = () => app?.hasAttribute('aria-busy');

// The glue, preloaded with its hash: the import that follows runs the checked copy.
function preloadGlue() {
  const link = Object.assign(document.createElement('link'), {
    rel: 'modulepreload',
    href: './${glue}',
    integrity: '${sri(read(glue))}',
  });
  return new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', () => reject(new Error('its JS glue did not load, or did not match its integrity hash')), { once: true });
    document.head.append(link);
  });
}

let started = false;
async function start() {
  if (started) return;
  started = true;
  try {
    const wasm = fetch('./${wasm}', { integrity: '${sri(read(wasm))}' });
    await preloadGlue();
    const { default: init } = await import('./${glue}');
    await init({ module_or_path: wasm });
  } catch (error) {
    console.error('iam-policy-builder: the builder could not load.', error);
    note?.remove();
    const alert = document.createElement('p');
    alert.setAttribute('role', 'alert');
    alert.textContent = 'The IAM policy builder could not load in this browser. It needs JavaScript and WebAssembly; reload the page to try again.';
    app?.replaceChildren(alert);
  }
}

// A button has no listener until the builder is live. Its press is held, and said in a
// status note fixed to the window's edge (the form does not move), then made again on the
// live button — found by its text, which the hydrated form shares with the pre-rendered one.
let held = null;
let note = null;
const name = (button) => button.textContent.replace(/\\s+/g, ' ').trim();
app?.addEventListener('click', (event) => {
  const button = busy() && event.target instanceof Element && event.target.closest('button');
  if (!button) return;
  event.preventDefault();
  const same = [...app.querySelectorAll('button')].filter((b) => name(b) === name(button));
  held = { name: name(button), nth: same.indexOf(button) };
  note ??= Object.assign(document.createElement('p'), { className: 'ipb ipb--starting' });
  note.setAttribute('role', 'status');
  document.body.append(note);
  // Set after the note is in the page, so screen readers announce the change.
  requestAnimationFrame(() => { note.textContent = \`\${held.name}: one moment, the builder is starting.\`; });
  start();
}, { capture: true });
if (app) {
  new MutationObserver((_, observer) => {
    if (busy()) return;
    observer.disconnect();
    note?.remove();
    if (!held) return;
    const live = [...app.querySelectorAll('button')].filter((b) => name(b) === held.name)[held.nth];
    live?.click();
  }).observe(app, { attributes: true, attributeFilter: ['aria-busy'] });
}

for (const type of ['pointerdown', 'keydown', 'focusin', 'touchstart']) {
  addEventListener(type, start, { capture: true, once: true, passive: true });
}
// Once the first frame is on screen (a frame after it has begun), so the pre-rendered form
// paints before anything else is fetched.
requestAnimationFrame(() => requestAnimationFrame(() => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 1000 });
  else setTimeout(start, 100);
}));
`;
const startFile = `start-${createHash('sha256').update(start).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(DIST, startFile), start);

html = html.replace(inline, `<script type="module" src="./${startFile}" integrity="${sri(start)}"></script>`);

// Trunk preloads the wasm and the glue; the start script fetches both after the first
// paint instead (the glue's preload alone cost the first paint ≈ 10 ms here: it is parsed
// and compiled while the page is still to be painted).
for (const [pattern, what] of [
  [/\s*<link rel="preload" href="\.?\/?[^"]+\.wasm"[^>]*>/g, 'wasm preload'],
  [/\s*<link rel="modulepreload"[^>]*href="\.?\/?[^"]+\.js"[^>]*>/g, 'glue module preload'],
]) {
  const [preload] = only(html, pattern, what);
  html = html.replace(preload, '');
}

// Integrity on every <link> and <script> to a file of dist/ that has none yet (Trunk gives
// the stylesheet and icon theirs). The glue and the wasm have no link left: the start
// script checks their hashes.
html = html.replace(/<(link|script)\b[^>]*?\b(?:href|src)="\.?\/?([^":?#]+)"[^>]*>/g, (tag, name, file) => {
  if (/\bintegrity=/.test(tag)) return tag;
  const attribute = name === 'link' ? 'href' : 'src';
  return tag.replace(new RegExp(`\\b${attribute}="`), `integrity="${sri(read(file))}" ${attribute}="`);
});

// The stylesheet, inline: the page paints once its HTML is in, with no request between.
const [stylesheetLink, stylesheetFile] = only(html, /<link rel="stylesheet" href="\.?\/?([^"]+\.css)"[^>]*\/?>/g, 'stylesheet link');
const css = read(stylesheetFile).toString();
if (/<\/style/i.test(css)) throw new Error(`${stylesheetFile} contains "</style", which would end the inline stylesheet`);
html = html.replace(stylesheetLink, () => `<style>${css}</style>`);
rmSync(join(DIST, stylesheetFile));
const styleHash = `sha256-${createHash('sha256').update(css).digest('base64')}`;

const meta = `<meta http-equiv="Content-Security-Policy" content="${pageCsp(styleHash)}">`;
html = html.replace(/<meta charset="utf-8"\s*\/?>/, (charset) => `${charset}\n    ${meta}`);
if (!html.includes(meta)) throw new Error('dist/index.html has no <meta charset="utf-8"> to put the policy after');

writeFileSync(INDEX, html);
console.log(`dist/index.html finished: ${startFile}, integrity on every asset, CSP meta`);
