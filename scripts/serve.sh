#!/usr/bin/env bash
# Builds the page and serves it on http://127.0.0.1:${PORT:-8080}/, rebuilding on change.
# Installs whatever is missing first (see setup.sh); fast when everything is there.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ipb_ensure_toolchain
ipb_ensure_web_tools
ipb_ensure_node_modules
cd "$IPB_ROOT"
port=${PORT:-8080}
ipb_log "serving the builder at http://127.0.0.1:$port/ (Ctrl+C stops it)"
exec trunk serve --release --address 127.0.0.1 --port "$port"
