#!/usr/bin/env bash
# Builds the page, the embeds and the npm package, then serves dist/ on
# http://127.0.0.1:${PORT:-8080}/ — the builder at /, the embed examples at /examples/,
# the iframe page at /embed/embed.html under its strict Content Security Policy.
# Installs whatever is missing first (see setup.sh); fast when everything is there.
# (For live reloading while changing the page only: `trunk serve`.)
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ipb_ensure_toolchain
ipb_ensure_web_tools
ipb_ensure_node_modules
cd "$IPB_ROOT"
"$IPB_ROOT/scripts/build.sh"
exec node scripts/static-server.mjs dist "${PORT:-8080}"
