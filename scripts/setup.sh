# Sourced by serve.sh and test.sh: installs what is missing, then puts the right tools on
# PATH. Every step checks first, so a second run takes a second or two.
#
# Everything comes from package registries (Debian, crates.io, npm, PyPI): nothing else is
# reachable on the machines this project is built on, so no step downloads a prebuilt
# toolchain or browser. The comment on each step says why it is as it is.

set -euo pipefail

IPB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IPB_CACHE=${IPB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iam-policy-builder}
# Tools the build runs are pinned here and in Trunk.toml / package-lock.json.
TRUNK_VERSION=0.21.14
# Builds the npm package and the widget (pkg/) with the wasm-bindgen above, never downloading.
WASM_PACK_VERSION=0.15.1
# Independent policy linters the tests run (tests/oracles/lint.py), and botocore, whose
# partitions.json the region table is held to (tests/oracles/regions.py), from PyPI.
ORACLE_PACKAGES=(cfn-lint==1.58.0 parliament==1.6.4 python-hcl2==8.1.4 botocore==1.44.8)
# The docs generators the widget is tested in (sites/): mdBook from crates.io, MkDocs with
# the Material theme from PyPI; Docusaurus is pinned in sites/docusaurus/package-lock.json.
MDBOOK_VERSION=0.5.4
MKDOCS_PACKAGES=(mkdocs==1.6.1 mkdocs-material==9.8.1)
# Drives Debian's firefox-esr for the Firefox runs (WebDriver), from crates.io.
GECKODRIVER_VERSION=0.37.1
mkdir -p "$IPB_CACHE"
export PATH="$HOME/.cargo/bin:$PATH"

ipb_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ipb_sudo() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

IPB_APT_UPDATED=
# apt_install PACKAGE... — installs only the packages dpkg does not already have.
ipb_apt_install() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || { echo "Please install: ${missing[*]}" >&2; return 1; }
  if [ -z "$IPB_APT_UPDATED" ]; then
    ipb_log "apt-get update"
    ipb_sudo apt-get update -qq
    IPB_APT_UPDATED=1
  fi
  ipb_log "apt-get install ${missing[*]}"
  ipb_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The Debian toolchain's wasm32 standard library, built once from rust-web-src.
IPB_DEBIAN_WASM_LIB=/usr/lib/rustlib/wasm32-unknown-unknown/lib

ipb_use_debian_toolchain() {
  # A directory that puts Debian's cargo/rustc/clippy first while keeping rustup's rustfmt
  # (Debian's rustc-web ships none): one compiler for native and wasm builds, so nothing
  # is compiled twice.
  local bin="$IPB_CACHE/debian-toolchain-bin" tool
  mkdir -p "$bin"
  for tool in cargo rustc rustdoc cargo-clippy clippy-driver; do
    ln -sf "/usr/bin/$tool" "$bin/$tool"
  done
  for tool in rustfmt cargo-fmt; do
    if [ -x "$HOME/.cargo/bin/$tool" ]; then ln -sf "$HOME/.cargo/bin/$tool" "$bin/$tool"; fi
  done
  export PATH="$bin:$PATH"
  # rustup's proxies would otherwise pick their own toolchain for cargo-fmt's cargo calls.
  export RUSTC=/usr/bin/rustc
}

# Debian's rustc-web, clippy, std sources and the linker wasm needs.
ipb_install_debian_toolchain() {
  ipb_apt_install rustc-web cargo-web rust-web-src rust-web-llvm rust-web-clippy
  # rust-web-llvm links /usr/bin/rust-lld to a versioned lld (lld-22) without depending on
  # it; install whatever package the link names.
  if [ ! -e /usr/bin/rust-lld ] && [ -L /usr/bin/rust-lld ]; then
    ipb_apt_install "$(basename "$(readlink /usr/bin/rust-lld)")"
  fi
}

ipb_build_debian_wasm_std() {
  ipb_log "building the wasm32 standard library for Debian's rustc (about a minute)"
  local crate="$IPB_CACHE/wasm-std"
  mkdir -p "$crate/src"
  printf '[package]\nname = "wasm-std"\nversion = "0.0.0"\nedition = "2021"\n' >"$crate/Cargo.toml"
  : >"$crate/src/lib.rs"
  # RUSTC_BOOTSTRAP lets stable 1.96 use -Zbuild-std; embed-bitcode keeps `lto = true` working.
  (cd "$crate" && PATH=/usr/bin:$PATH RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
    RUSTFLAGS=-Cembed-bitcode=yes /usr/bin/cargo test --release --no-run --quiet \
    --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort,panic_unwind,proc_macro,test)
  ipb_sudo mkdir -p "$IPB_DEBIAN_WASM_LIB"
  ipb_sudo cp "$crate"/target/wasm32-unknown-unknown/release/deps/*.rlib "$IPB_DEBIAN_WASM_LIB/"
}

# A Rust toolchain that can build for wasm32-unknown-unknown, first on PATH.
# IPB_TOOLCHAIN=debian skips rustup, to exercise the fallback on a machine where both work.
ipb_ensure_toolchain() {
  if [ "${IPB_TOOLCHAIN:-}" = debian ]; then
    ipb_install_debian_toolchain
    compgen -G "$IPB_DEBIAN_WASM_LIB/libstd-*.rlib" >/dev/null || ipb_build_debian_wasm_std
    ipb_use_debian_toolchain
    return 0
  fi
  if command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    return 0
  fi
  if [ -x /usr/bin/rustc ] && compgen -G "$IPB_DEBIAN_WASM_LIB/libstd-*.rlib" >/dev/null; then
    ipb_use_debian_toolchain
    return 0
  fi
  # Where rustup can reach its server this is all it takes; here it hangs, so cap it and
  # remember the answer.
  if command -v rustup >/dev/null && [ ! -e "$IPB_CACHE/rustup-target-unreachable" ]; then
    ipb_log "rustup target add wasm32-unknown-unknown"
    if timeout 60 rustup target add wasm32-unknown-unknown; then return 0; fi
    touch "$IPB_CACHE/rustup-target-unreachable"
    ipb_log "rustup cannot download the wasm32 target here; using Debian's rustc-web instead"
  fi
  ipb_install_debian_toolchain
  ipb_build_debian_wasm_std
  ipb_use_debian_toolchain
}

# cargo_tool BINARY CRATE VERSION [extra cargo install args] — installs that exact version.
ipb_cargo_tool() {
  local binary=$1 crate=$2 version=$3
  shift 3
  # `trunk 0.21.14`, `geckodriver 0.37.1 (…)`, `mdbook v0.5.4`: the version, as a word.
  if command -v "$binary" >/dev/null && "$binary" --version 2>/dev/null | grep -qE "(^| |v)${version//./\\.}( |$)"; then
    return 0
  fi
  ipb_log "cargo install $crate $version (several minutes, once)"
  cargo install --quiet "$crate" --version "$version" "$@"
}

ipb_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$IPB_ROOT/Cargo.lock"
}

ipb_ensure_web_tools() {
  # Trunk 0.21 builds with rustc 1.95; 0.22 needs a newer rustc than these machines have.
  ipb_cargo_tool trunk trunk "$TRUNK_VERSION" --locked
  # Must equal the wasm-bindgen in Cargo.lock. Not --locked: one locked dependency of the
  # CLI is newer than the registry mirror has.
  ipb_cargo_tool wasm-bindgen wasm-bindgen-cli "$(ipb_wasm_bindgen_version)"
  ipb_cargo_tool wasm-pack wasm-pack "$WASM_PACK_VERSION" --locked
}

ipb_ensure_node_modules() {
  command -v npm >/dev/null || ipb_apt_install nodejs npm
  local stamp="$IPB_ROOT/node_modules/.package-lock.json"
  if [ ! -e "$stamp" ] || [ "$IPB_ROOT/package-lock.json" -nt "$stamp" ]; then
    ipb_log "npm ci"
    (cd "$IPB_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # binaryen@132's wasm-opt, pinned in Trunk.toml. Debian's binaryen (108) cannot read
  # what current rustc emits, so ours must come first.
  export PATH="$IPB_ROOT/node_modules/.bin:$PATH"
}

ipb_ensure_browser() {
  ipb_apt_install chromium chromium-driver
  export CHROMEDRIVER=/usr/bin/chromedriver
}

# ipb_venv NAME PACKAGE... — a virtual environment of its own under the cache with exactly
# these pinned packages; its path in IPB_VENV.
ipb_venv() {
  local name=$1 stamp
  shift
  IPB_VENV="$IPB_CACHE/$name"
  stamp="$IPB_VENV/.installed-${*// /_}"
  if [ ! -e "$stamp" ]; then
    command -v python3 >/dev/null || ipb_apt_install python3 python3-venv
    ipb_log "pip install $*"
    python3 -m venv "$IPB_VENV" || { ipb_apt_install python3-venv && python3 -m venv "$IPB_VENV"; }
    "$IPB_VENV/bin/pip" install --quiet --disable-pip-version-check "$@"
    touch "$stamp"
  fi
}

# cfn-lint and parliament in a virtual environment of their own, at the pinned versions.
ipb_ensure_oracles() {
  ipb_venv oracles "${ORACLE_PACKAGES[@]}"
  IPB_ORACLE_PYTHON="$IPB_VENV/bin/python"
  export PATH="$PATH:$IPB_VENV/bin"
}

# The three docs generators, each at its pinned version; Docusaurus's node_modules live in
# its site's folder, keyed to that site's package-lock.json.
ipb_ensure_site_generators() {
  ipb_cargo_tool mdbook mdbook "$MDBOOK_VERSION" --locked
  ipb_venv mkdocs "${MKDOCS_PACKAGES[@]}"
  IPB_MKDOCS="$IPB_VENV/bin/mkdocs"
  local site="$IPB_ROOT/sites/docusaurus"
  if [ ! -e "$site/node_modules/.package-lock.json" ] || [ "$site/package-lock.json" -nt "$site/node_modules/.package-lock.json" ]; then
    ipb_log "npm ci in sites/docusaurus (a minute, once)"
    (cd "$site" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Debian's Firefox ESR and geckodriver, for the Firefox runs.
ipb_ensure_firefox() {
  ipb_apt_install firefox-esr
  ipb_cargo_tool geckodriver geckodriver "$GECKODRIVER_VERSION" --locked
  export GECKODRIVER="$HOME/.cargo/bin/geckodriver"
}
