#!/usr/bin/env bash
# Fuzzes the core's build(): ./scripts/fuzz.sh [seconds, default 3600]. Needs a nightly
# toolchain (rustup); installs cargo-fuzz when missing. New inputs go to target/fuzz-corpus,
# so the committed seed corpus (fuzz/corpus/build_request) changes only when you copy a finding in.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$IPB_ROOT"
seconds=${1:-3600}
command -v rustup >/dev/null && rustup run nightly rustc --version >/dev/null 2>&1 || {
  echo "cargo fuzz needs a nightly toolchain: rustup toolchain install nightly" >&2
  exit 1
}
ipb_cargo_tool cargo-fuzz cargo-fuzz 0.13.2 --locked
# The seeds hold every case of the behaviour table, as it is now.
BLESS=1 cargo test --quiet -p iam-policy-core --test behaviour corpus
mkdir -p target/fuzz-corpus
# A panic, a build slower than invariants::BUILD_TIME_LIMIT (the target panics), a 2-second
# input or 512 MiB of memory each count as a finding. Inputs up to 256 KiB: a share link
# carries that much, and quadratic work only shows on long lists. No sanitizer: the code it
# fuzzes forbids `unsafe`, and AddressSanitizer would cost most of the speed.
exec cargo +nightly fuzz run --sanitizer none build_request target/fuzz-corpus fuzz/corpus/build_request -- \
  -timeout=2 -max_len=262144 -rss_limit_mb=512 -max_total_time="$seconds" -print_final_stats=1
