#!/usr/bin/env bash
# Runs every test, in order, stopping at the first failure: formatting, lints, native
# tests, browser tests, the release build and the end-to-end tests.
# Installs whatever is missing first (see setup.sh); fast when everything is there.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ipb_ensure_toolchain
ipb_ensure_web_tools
ipb_ensure_node_modules
ipb_ensure_browser
ipb_ensure_oracles
cd "$IPB_ROOT"

ipb_log "no raw HTML: everything the page shows goes through html! text nodes"
if grep -rnE 'from_html_unchecked|set_inner_html|inner_html|outer_html|insert_adjacent_html' --include='*.rs' src crates; then
  echo "Raw HTML APIs are not allowed: text a user typed must never become markup." >&2
  exit 1
fi

ipb_log "rustfmt"
cargo fmt --all --check

ipb_log "clippy, native"
cargo clippy --workspace --all-targets --locked -- -D warnings

ipb_log "clippy, wasm32"
cargo clippy -p iam-policy-builder-web --all-targets --target wasm32-unknown-unknown --locked -- -D warnings

ipb_log "native tests (core, CLI)"
cargo test --workspace --locked

ipb_log "browser tests (wasm-bindgen-test, headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p iam-policy-builder-web --target wasm32-unknown-unknown --locked

ipb_log "release build (page, embeds and npm package, CLI)"
"$IPB_ROOT/scripts/build.sh"
cargo build --release --locked --bin iam-policy-builder

ipb_log "page size against the budget in size-budget.json"
node scripts/size-report.mjs --check

ipb_log "independent oracles: cfn-lint and parliament on every golden request"
"$IPB_ORACLE_PYTHON" tests/oracles/lint.py

ipb_log "independent oracles: iam-simulate allows each secret and denies its neighbours"
node --test tests/oracles/

ipb_log "end-to-end tests (Playwright, headless Chromium, against dist/)"
node --test tests/e2e/
