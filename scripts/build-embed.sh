#!/usr/bin/env bash
# Builds everything that embeds the builder elsewhere, from one wasm: the npm package in
# pkg/ (the JS API), and dist/embed/ (the drop-in widget and the iframe page, with
# Subresource Integrity) plus dist/examples/. scripts/build.sh runs it after `trunk build`,
# which empties dist/.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ipb_ensure_toolchain
ipb_ensure_web_tools
ipb_ensure_node_modules
cd "$IPB_ROOT"

ipb_log "wasm-pack build (the JS API, the widget's wasm)"
# no-install: wasm-bindgen and wasm-opt from PATH (setup.sh), never a download.
wasm-pack --quiet build --release --target web --mode no-install \
  --out-dir pkg --out-name iam_policy_builder -- --features js-api --locked
node scripts/package-embed.mjs
