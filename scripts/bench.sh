#!/usr/bin/env bash
# Prints the bench table: page size, startup against a minimal Yew page, keystroke latency,
# core build time, Lighthouse's mobile scores. Not part of the test command; figures are
# reported, never asserted.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ipb_ensure_toolchain
ipb_ensure_web_tools
ipb_ensure_node_modules
ipb_ensure_browser
cd "$IPB_ROOT"
# Lighthouse (bench/lighthouse/package-lock.json) in a folder of its own: at 110 MB it has
# no place in the tests' node_modules.
lighthouse="$IPB_ROOT/bench/lighthouse"
if [ ! -e "$lighthouse/node_modules/.package-lock.json" ] || [ "$lighthouse/package-lock.json" -nt "$lighthouse/node_modules/.package-lock.json" ]; then
  ipb_log "npm ci in bench/lighthouse (once)"
  (cd "$lighthouse" && npm ci --no-audit --no-fund --loglevel=error)
fi
ipb_log "building the page and the baseline with the same release profile"
"$IPB_ROOT/scripts/build.sh"
(cd bench/hello-world && trunk build --release)
ipb_log "timing the core (criterion)"
(cd bench/core && cargo bench --quiet --bench build -- --warm-up-time 1 --measurement-time 8 >/dev/null 2>&1)
ipb_log "measuring in Chromium"
node bench/bench.mjs
