// The drop-in widget: every element with a data-iam-policy-builder attribute becomes an
// independent builder, in a shadow root of its own, configured by its data-* attributes.
//
//   <link rel="stylesheet" href=".../iam-policy-builder.css">
//   <script type="module" src=".../widget.js"></script>
//   <div data-iam-policy-builder data-region="eu-west-1"></div>
//
// Elements added later (docs sites that swap pages without reloading) are mounted too,
// and builders whose element leaves the page are destroyed.
//
// The builder itself (the JS glue and the wasm, nearly all of the widget's weight) is not
// part of the docs page's first screen: it is fetched once a builder is within a screen of
// the viewport, or when the browser is first idle after the page has loaded, whichever
// comes first. Until then each element is aria-busy and, when the author left it empty,
// shows the builder's title and introduction as the live builder draws them — the docs
// page's largest paint need not wait for the wasm, and does not change when it arrives —
// with a note that the builder is loading and room for the form (see drawWaiting).

// The Subresource Integrity hashes of the JS glue and the wasm. scripts/package-embed.mjs
// writes them into dist/embed/widget.js; the npm package's copy keeps null (no check),
// because a bundler may serve both from elsewhere under other names.
const GLUE_INTEGRITY = null;
const WASM_INTEGRITY = null;
// The builder's title and introduction for each platform, the platform a builder starts
// with, and the privacy note ({ platforms: { id: { title, intro } }, platform, note }),
// written in by scripts/package-embed.mjs from the builder's own (the core's view::Header),
// so they are said once.
const INTRO = null;

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

// The text an empty element shows until its builder is mounted.
const LOADING = "Loading the IAM policy builder…";

let pageSheet;

/**
 * The builder's stylesheet as the page linked it (…/iam-policy-builder.css), copied once
 * into a constructed sheet that every builder's shadow root adopts, and mount() keeps. A
 * <link> in each root, as mount() would add, made the browser ask for the file again (a
 * revalidation, since embed files are served no-cache), and the live builder drew unstyled
 * until the answer came. Resolves to null when there is no such link, or its sheet cannot
 * be read (another origin without CORS) or copied (no constructed sheets): mount() links it.
 */
function builderSheet() {
  pageSheet ??= (async () => {
    const link = [...document.querySelectorAll("link[rel~='stylesheet'][href]")].find(
      (link) => new URL(link.href).pathname.endsWith("/iam-policy-builder.css"),
    );
    if (!link) return null;
    // Linked by a script, it may still be loading; linked in the page's markup, it has
    // loaded before this module runs.
    if (!link.sheet) {
      await new Promise((done) => {
        link.addEventListener("load", done, { once: true });
        link.addEventListener("error", done, { once: true });
      });
    }
    try {
      const copy = new CSSStyleSheet({ baseURL: link.href });
      copy.replaceSync([...link.sheet.cssRules].map((rule) => rule.cssText).join("\n"));
      return copy;
    } catch {
      return null;
    }
  })();
  return pageSheet;
}

/** Creates an element of the builder's, with a class and text. */
function part(tag, className, text = "") {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

/**
 * Draws in an empty element's shadow root what mount() will replace: the builder's title
 * and introduction, with the element's theme, compactness and heading level, as the live
 * builder draws them (marked as a pre-render, so mount() takes its place), then a note that
 * the builder is loading, in a box about a window tall (the stylesheet's .ipb--loading).
 */
function drawWaiting(element, sheet) {
  const { theme = "", compact, headingLevel = "", platform = "" } = element.dataset;
  // As the builder reads them (src/host/widget_settings.rs, the core's field table); a
  // value it does not take is its default here, and a console warning once it is live.
  const look = ["light", "dark"].includes(theme.trim().toLowerCase()) ? ` ipb--${theme.trim().toLowerCase()}` : "";
  const isCompact = compact !== undefined && ["", "true"].includes(compact.trim().toLowerCase());
  const level = /^\s*[1-5]\s*$/.test(headingLevel) ? headingLevel.trim() : "2";
  const chosen = platform.trim().toLowerCase();
  const said = INTRO.platforms[Object.hasOwn(INTRO.platforms, chosen) ? chosen : INTRO.platform];
  const builder = part("div", `ipb ipb--loading${look}${isCompact ? " ipb--compact" : ""}`);
  const header = part("div", "ipb__header");
  const intro = part("p", "ipb__intro", isCompact ? "" : `${said.intro} `);
  intro.append(part("strong", null, INTRO.note));
  header.append(part(`h${level}`, "ipb__title", said.title), intro);
  const note = part("p", "ipb__loading", LOADING);
  note.dataset.ipbLoading = "";
  builder.append(header, note);
  const waiting = part("div");
  waiting.dataset.ipbPrerendered = "";
  waiting.append(builder);
  const root = element.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [sheet];
  root.append(waiting);
}

/** Marks an element as waiting for its builder, with a note when it has nothing to show. */
function showLoading(element) {
  element.setAttribute("aria-busy", "true");
  // An element given its stylesheet by URL is styled by mount() alone.
  const sheet = element.dataset.stylesheet === undefined ? builderSheet() : Promise.resolve(null);
  // A builder pre-rendered into a declarative shadow root (the iframe page's) is its own
  // loading state: the form, typeable. Its live builder keeps the copied sheet.
  if (element.shadowRoot) {
    sheet.then((sheet) => {
      if (sheet && element.shadowRoot.adoptedStyleSheets.length === 0) element.shadowRoot.adoptedStyleSheets = [sheet];
    });
    return;
  }
  if (element.childElementCount > 0 || element.textContent.trim() !== "") return;
  sheet.then((sheet) => {
    // Mounted meanwhile (the stylesheet was slow), or taken out of the page.
    if (mounted.has(element) || element.shadowRoot || !element.isConnected) return;
    if (sheet && INTRO) {
      drawWaiting(element, sheet);
      return;
    }
    // Without the stylesheet's copy: a note in the element itself.
    const note = part("p", "ipb ipb--loading", LOADING);
    note.dataset.ipbLoading = "";
    element.append(note);
  });
}

/** Undoes showLoading once the builder is in the element's shadow root. */
function clearLoading(element) {
  element.removeAttribute("aria-busy");
  for (const note of element.querySelectorAll(":scope > [data-ipb-loading]")) note.remove();
}

// Set once the glue and the wasm are in.
let mountBuilder = null;

function mountAll(root) {
  for (const element of root.querySelectorAll(SELECTOR)) {
    if (mounted.has(element)) continue;
    if (!mountBuilder) {
      waitForBuilder(element);
      continue;
    }
    try {
      mounted.set(element, mountBuilder(element, settingsOf(element)));
    } catch (error) {
      mounted.set(element, null);
      console.error(`iam-policy-builder: ${error.message}`);
    }
    clearLoading(element);
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
    element.removeAttribute("aria-busy");
    const note = document.createElement("p");
    note.setAttribute("role", "alert");
    note.textContent =
      "The IAM policy builder could not load in this browser. It needs JavaScript and WebAssembly.";
    // In place of a pre-rendered builder too, which cannot work without the wasm.
    (element.shadowRoot ?? element).replaceChildren(note);
  }
}

/**
 * Preloads the glue with its hash, so the import that follows runs the checked copy; rejects
 * when the browser refuses it. A module import takes no integrity of its own, and a refused
 * preload (the iframe page's <link rel="modulepreload"> too) leaves nothing in the module
 * map: an import after it would fetch the file again, unchecked, and run it. A browser that
 * cannot preload modules cannot check the glue at all, so it is refused as well.
 */
function preloadGlue(url, integrity) {
  const link = document.createElement("link");
  if (!link.relList.supports("modulepreload")) {
    return Promise.reject(new Error("this browser cannot check the JS glue's integrity (no modulepreload)"));
  }
  Object.assign(link, { rel: "modulepreload", href: url, integrity });
  return new Promise((resolve, reject) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", () => reject(new Error("its JS glue did not load, or did not match its integrity hash")), { once: true });
    document.head.append(link);
  }).finally(() => link.remove());
}

let loading = null;

/** Fetches the glue and the wasm once, then mounts every builder element in the page. */
function load() {
  loading ??= (async () => {
    nearViewport?.disconnect();
    try {
      // Nothing of the glue runs unless it matched its hash.
      if (GLUE_INTEGRITY) await preloadGlue(new URL("iam_policy_builder.js", import.meta.url).href, GLUE_INTEGRITY);
      const glue = await import("./iam_policy_builder.js");
      const wasm = new URL("iam_policy_builder_bg.wasm", import.meta.url);
      await glue.default({
        module_or_path: fetch(wasm, WASM_INTEGRITY ? { integrity: WASM_INTEGRITY } : {}),
      });
      mountBuilder = glue.mount;
      mountAll(document);
    } catch (error) {
      showLoadFailure(error);
    }
  })();
  return loading;
}

// A screen ahead in both directions: the builder is usually in before it is seen.
const nearViewport =
  typeof IntersectionObserver === "function"
    ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && load(), {
        rootMargin: "100% 0px",
      })
    : null;
const waiting = new WeakSet();

function waitForBuilder(element) {
  if (waiting.has(element)) return;
  waiting.add(element);
  showLoading(element);
  if (nearViewport) nearViewport.observe(element);
  else load();
}

function whenIdleAfterLoad() {
  const idle = () =>
    typeof requestIdleCallback === "function"
      ? requestIdleCallback(load, { timeout: 2000 })
      : setTimeout(load, 200);
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}

mountAll(document);
new MutationObserver((changes) => {
  if (changes.some((change) => change.removedNodes.length > 0)) destroyRemoved();
  if (changes.some((change) => change.addedNodes.length > 0)) mountAll(document);
}).observe(document.documentElement, { childList: true, subtree: true });
// Only pages that have a builder fetch it.
if (document.querySelector(SELECTOR)) whenIdleAfterLoad();
