#!/usr/bin/env bash
# Builds everything a host serves, step by step in the order the steps need, each with why it
# is there. The steps in Node (finish-page.mjs, package-embed.mjs, compress.mjs) say how they
# do it in their own files.
#
#   ./scripts/build.sh           dist/ (the page, dist/embed/, dist/examples/) and pkg/ (npm)
#   ./scripts/build.sh --sites   then also the docs sites around the embed, in target/sites/
#
# Installs what is missing (setup.sh). Every tool is pinned: Trunk, wasm-pack and the docs
# generators in setup.sh, wasm-bindgen in Cargo.lock and Trunk.toml, wasm-opt (binaryen from
# npm) in Trunk.toml and package-lock.json.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sites=
case "${1:-}" in
  '') ;;
  --sites) sites=1 ;;
  *) echo "usage: ./scripts/build.sh [--sites] — “$1” is not an option" >&2; exit 2 ;;
esac
ipb_ensure_toolchain
ipb_ensure_web_tools
ipb_ensure_node_modules
cd "$IPB_ROOT"

# 1. The page's wasm and JS glue. index.html says what Trunk builds (the web crate with
#    hydration, wasm-opt -Oz; the stylesheet; the icon), Trunk.toml how (relative URLs, so
#    dist/ works in any folder; the pinned tools). Trunk names each file by its hash, so a
#    host may cache it for ever. It empties dist/, so it runs first.
ipb_log "1/6 the page: trunk build --release"
trunk build --release

# 2. The page's builder for the empty form, rendered to HTML natively by Yew's server renderer
#    (src/bin/prerender.rs): the form is on screen and takes typing before the wasm arrives.
ipb_log "2/6 the page's builder, pre-rendered (native, Yew's server renderer)"
cargo run --quiet --locked --features ssr --bin prerender >target/prerender.html

# 3. The page finished (scripts/finish-page.mjs), from steps 1 and 2: the pre-render in #app;
#    Trunk's inline start swapped for scripts/page-start.js (the wasm after the first paint,
#    early presses held) in a file of its own, so the page needs no 'unsafe-inline'; the
#    stylesheet inlined and allowed by its hash; integrity on every file; the CSP as <meta>.
ipb_log "3/6 the page finished: pre-render, start script, integrity, CSP"
node scripts/finish-page.mjs target/prerender.html

# 4. The same crate again, with the JS API (feature js-api: build(), exportAs(), mount())
#    that the npm package and the widget load; the page's wasm has none of it. no-install:
#    wasm-bindgen and wasm-opt from PATH (setup.sh), never a download.
ipb_log "4/6 the JS API and the widget's wasm: wasm-pack build → pkg/"
wasm-pack --quiet build --release --target web --mode no-install \
  --out-dir pkg --out-name iam_policy_builder -- --features js-api --locked

# 5. The npm package and what docs hosts copy (scripts/package-embed.mjs), from step 4's
#    pkg/: its manifest, README, widget, React component and stylesheet; dist/embed/ (the
#    widget with the wasm's and glue's hashes, the iframe page pre-rendered, integrity on
#    every file, stable names for the README's snippets); examples/ into dist/examples/.
#    After step 1, which empties dist/.
ipb_log "5/6 the npm package, dist/embed/ and dist/examples/"
node scripts/package-embed.mjs

# 6. A brotli and a gzip copy next to every text file of dist/ (scripts/compress.mjs), so a
#    host serves the smallest the browser takes without compressing per request. Last: each
#    copy must be of the file's final bytes.
ipb_log "6/6 dist/ precompressed (brotli and gzip, next to each text file)"
node scripts/compress.mjs dist

[ -n "$sites" ] || exit 0

# --sites: the three docs sites in sites/, built by the real generators (versions pinned in
# setup.sh and sites/docusaurus/package-lock.json) into target/sites/NAME/, each with the
# builder as a docs author adds it: dist/embed/ copied into mdBook's and MkDocs' source
# folders, the npm package (pkg/) into the Docusaurus site's node_modules. Only the tests
# (tests/e2e/sites.test.mjs, tests/firefox/) and the screenshots use them.
ipb_ensure_site_generators
out="$IPB_ROOT/target/sites"
work="$out/.sources"
rm -rf "$out"
mkdir -p "$work"

ipb_log "sites: mdBook $MDBOOK_VERSION"
cp -r sites/mdbook "$work/mdbook"
cp -r dist/embed "$work/mdbook/src/iam-policy-builder"
mdbook build "$work/mdbook" --dest-dir "$out/mdbook" >/dev/null

ipb_log "sites: MkDocs with Material (${MKDOCS_PACKAGES[*]})"
cp -r sites/mkdocs "$work/mkdocs"
cp -r dist/embed "$work/mkdocs/docs/iam-policy-builder"
NO_MKDOCS_2_WARNING=1 "$IPB_MKDOCS" build --quiet --strict --config-file "$work/mkdocs/mkdocs.yml" --site-dir "$out/mkdocs"

ipb_log "sites: Docusaurus ($(node -p "require('./sites/docusaurus/node_modules/@docusaurus/core/package.json').version"))"
rm -rf sites/docusaurus/node_modules/iam-policy-builder
cp -r pkg sites/docusaurus/node_modules/iam-policy-builder
# webpack's cache takes a package in node_modules to be unchanged while its version is:
# with the package copied in anew, a cached build would bundle the previous one.
rm -rf sites/docusaurus/node_modules/.cache sites/docusaurus/.docusaurus
(cd sites/docusaurus && DOCUSAURUS_TELEMETRY_DISABLED=1 node_modules/.bin/docusaurus build --out-dir "$out/docusaurus" >/dev/null)
ipb_log "sites built in target/sites/"
