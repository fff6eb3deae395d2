#!/usr/bin/env bash
# Runs every test, in order, stopping at the first failure: formatting, lints (Rust and
# JavaScript), native tests, browser tests, the release build (and the docs sites built
# around it), the end-to-end tests, and the Firefox runs.
#
#   ./scripts/test.sh [STAGE]   STAGE: lint, core, web, build, oracles, e2e, firefox (default: all)
#
# Installs whatever the stages need first (see setup.sh); fast when everything is there.
# oracles and e2e run against the release build: alone, they build it first if missing.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$IPB_ROOT"

STAGES="lint core web build oracles e2e firefox"
stage=${1:-all}
case " all $STAGES " in
  *" $stage "*) ;;
  *) echo "usage: ./scripts/test.sh [all | ${STAGES// / | }] — “$stage” is not a stage" >&2; exit 2 ;;
esac
runs() { [ "$stage" = all ] || [ "$stage" = "$1" ]; }

ipb_ensure_toolchain

if runs lint; then
  ipb_log "no raw HTML: everything the page shows goes through html! text nodes"
  if grep -rnE 'from_html_unchecked|set_inner_html|inner_html|outer_html|insert_adjacent_html' --include='*.rs' src crates; then
    echo "Raw HTML APIs are not allowed: text a user typed must never become markup." >&2
    exit 1
  fi

  ipb_log "rustfmt"
  cargo fmt --all --check

  ipb_log "ESLint, every JavaScript file (eslint.config.js)"
  ipb_ensure_node_modules
  eslint --max-warnings 0 .

  ipb_log "clippy, native"
  cargo clippy --workspace --all-targets --locked -- -D warnings

  ipb_log "clippy, wasm32"
  cargo clippy -p iam-policy-builder-web --all-targets --target wasm32-unknown-unknown --locked -- -D warnings
  ipb_log "clippy, the npm package's bindings and the widget's mounting (wasm32, feature js-api)"
  cargo clippy -p iam-policy-builder-web --lib --target wasm32-unknown-unknown --features js-api --locked -- -D warnings
  ipb_log "clippy, the page's hydration (wasm32) and its build-time pre-render (native)"
  cargo clippy -p iam-policy-builder-web --lib --bins --target wasm32-unknown-unknown --features hydration --locked -- -D warnings
  cargo clippy -p iam-policy-builder-web --features ssr --bin prerender --locked -- -D warnings
fi

if runs core; then
  ipb_log "native tests (core, CLI, the generated contract files, the tool pins)"
  cargo test --workspace --locked
fi

if runs web; then
  ipb_ensure_web_tools
  ipb_ensure_browser
  ipb_log "browser tests (wasm-bindgen-test, headless Chromium)"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p iam-policy-builder-web --target wasm32-unknown-unknown --locked
fi

built=
release_build() {
  ipb_ensure_web_tools
  ipb_ensure_node_modules
  ipb_log "release build (page, embeds and npm package, the docs sites around them, CLI)"
  # With the docs sites around the embed, once per run (tests/e2e/sites.test.mjs).
  "$IPB_ROOT/scripts/build.sh" --sites
  cargo build --release --locked --bin iam-policy-builder
  built=1
}

if runs build; then
  release_build
  ipb_log "page size against the budget in size-budget.json"
  node scripts/size-report.mjs --check
fi

# A stage run alone uses the last release build, or makes one.
needs_build() {
  [ -n "$built" ] && return 0
  if [ ! -e dist/index.html ] || [ ! -e dist/embed/widget.js ] || [ ! -x target/release/iam-policy-builder ] || [ ! -d target/sites/docusaurus ]; then
    release_build
  fi
}

if runs oracles; then
  needs_build
  ipb_ensure_node_modules
  ipb_ensure_oracles
  ipb_log "independent oracles: cfn-lint and parliament on every golden request"
  "$IPB_ORACLE_PYTHON" tests/oracles/lint.py

  ipb_log "independent oracles: the region table against botocore's partitions.json"
  "$IPB_ORACLE_PYTHON" tests/oracles/regions.py

  ipb_log "independent oracles: iam-simulate allows each secret and denies its neighbours"
  node --test tests/oracles/
fi

if runs e2e; then
  needs_build
  ipb_ensure_node_modules
  ipb_ensure_browser
  ipb_log "end-to-end tests (Playwright, headless Chromium, against dist/)"
  node --test tests/e2e/
fi

if runs firefox; then
  needs_build
  ipb_ensure_web_tools
  ipb_ensure_firefox
  ipb_log "browser tests again in Firefox (wasm-bindgen-test, headless firefox-esr)"
  (
    unset CHROMEDRIVER
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
      cargo test -p iam-policy-builder-web --target wasm32-unknown-unknown --locked --test app
  )
  ipb_log "the page, the iframe page and a docs site in Firefox (WebDriver)"
  node --test tests/firefox/
fi
