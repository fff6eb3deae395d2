// Starts the page's builder, in the browser. The page arrives pre-rendered: its form takes
// typing and shows the empty form's documents with no script, so the wasm and its JS glue
// (everything else) are not part of the first screen. Both are fetched, each checked against
// its Subresource Integrity hash, when the browser is first idle after the first paint — or
// at once when the reader first touches, clicks or types — and then hydrate the form,
// keeping what was typed. A button pressed before then is held, said, and pressed again
// once live.
// This build's glue and wasm, and their hashes: filled in by scripts/finish-page.mjs.
const GLUE = null;
const GLUE_INTEGRITY = null;
const WASM = null;
const WASM_INTEGRITY = null;

const app = document.getElementById('app');
const busy = () => app?.hasAttribute('aria-busy');

// The glue, preloaded with its hash: the import that follows runs the checked copy.
function preloadGlue() {
  const link = Object.assign(document.createElement('link'), {
    rel: 'modulepreload',
    href: GLUE,
    integrity: GLUE_INTEGRITY,
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
    const wasm = fetch(WASM, { integrity: WASM_INTEGRITY });
    await preloadGlue();
    const { default: init } = await import(GLUE);
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
const name = (button) => button.textContent.replace(/\s+/g, ' ').trim();
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
  requestAnimationFrame(() => { note.textContent = `${held.name}: one moment, the builder is starting.`; });
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
