// The drop-in widget: every element with a data-iam-policy-builder attribute becomes an
// independent builder, in a shadow root of its own, configured by its data-* attributes.
//
//   <link rel="stylesheet" href=".../iam-policy-builder.css">
//   <script type="module" src=".../widget.js"></script>
//   <div data-iam-policy-builder data-region="eu-west-1"></div>
//
// Elements added later (docs sites that swap pages without reloading) are mounted too,
// and builders whose element leaves the page are destroyed.

import init, { mount } from "./iam_policy_builder.js";

// The wasm's Subresource Integrity hash. scripts/package-embed.mjs writes it into
// dist/embed/widget.js; the npm package's copy keeps null (no check), because a bundler
// may serve the wasm from elsewhere under another name.
const WASM_INTEGRITY = null;

const SELECTOR = "[data-iam-policy-builder]";
// Element → its builder (null when it could not be mounted, so it is not retried).
const mounted = new Map();

// Each element's data-* attributes, as mount()'s options. An element with data-from-url
// (the iframe embed page) also takes settings from the page's address; mount() reads
// those itself and lets them fill the form and set the look, never hide or load anything:
// embed.html?region=eu-west-1&theme=dark.
function settingsOf(element) {
  const { iamPolicyBuilder, ...settings } = element.dataset;
  return settings;
}

function mountAll(root) {
  for (const element of root.querySelectorAll(SELECTOR)) {
    if (mounted.has(element)) continue;
    try {
      mounted.set(element, mount(element, settingsOf(element)));
    } catch (error) {
      mounted.set(element, null);
      console.error(`iam-policy-builder: ${error.message}`);
    }
  }
}

function destroyRemoved() {
  for (const [element, widget] of mounted) {
    if (element.isConnected) continue;
    widget?.destroy();
    widget?.free();
    mounted.delete(element);
  }
}

function showLoadFailure(error) {
  console.error("iam-policy-builder: the builder could not load.", error);
  for (const element of document.querySelectorAll(SELECTOR)) {
    const note = document.createElement("p");
    note.setAttribute("role", "alert");
    note.textContent =
      "The IAM policy builder could not load in this browser. It needs JavaScript and WebAssembly.";
    element.replaceChildren(note);
  }
}

try {
  const wasm = new URL("iam_policy_builder_bg.wasm", import.meta.url);
  await init({
    module_or_path: fetch(wasm, WASM_INTEGRITY ? { integrity: WASM_INTEGRITY } : {}),
  });
  mountAll(document);
  new MutationObserver((changes) => {
    if (changes.some((change) => change.removedNodes.length > 0)) destroyRemoved();
    if (changes.some((change) => change.addedNodes.length > 0)) mountAll(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
} catch (error) {
  showLoadFailure(error);
}
