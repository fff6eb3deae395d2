#!/usr/bin/env bash
# Builds everything a host serves, in the order it needs: the page (`trunk build`, which
# empties dist/), the builder pre-rendered to HTML (src/bin/prerender.rs), its finishing
# (scripts/finish-page.mjs: the pre-render in #app, the start script, Subresource
# Integrity on every asset, the CSP), then the embeds and the npm package
# (scripts/build-embed.sh: dist/embed/, dist/examples/, pkg/), and last a brotli and a gzip
# copy of every text file of dist/ (scripts/compress.mjs). Installs what is missing.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ipb_ensure_toolchain
ipb_ensure_web_tools
ipb_ensure_node_modules
cd "$IPB_ROOT"

ipb_log "release build of the page"
trunk build --release
ipb_log "pre-rendering the page's builder (native, Yew's server renderer)"
cargo run --quiet --locked --features ssr --bin prerender >target/prerender.html
node scripts/finish-page.mjs target/prerender.html
"$IPB_ROOT/scripts/build-embed.sh"
ipb_log "precompressing dist/ (brotli and gzip, next to each text file)"
node scripts/compress.mjs dist
