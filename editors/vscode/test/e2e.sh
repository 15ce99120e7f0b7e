#!/usr/bin/env bash
# The VS Code end-to-end test (several minutes the first time: it installs
# code-server and Chromium; not part of .ci/run). Screenshots go to
# editors/vscode/test/screenshots/. Usage: editors/vscode/test/e2e.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$repo"
shared="$repo/../shared/cables"
[ -d "$shared" ] || { echo "SKIPPED: $shared is absent"; exit 0; }
export E2E_DIR=${E2E_DIR:-$HOME/.cache/cable-lsp-e2e}
editors/vscode/test/install-code-server.sh
cargo build --release --locked -q
(cd editors/vscode && npm ci --no-audit --no-fund >/dev/null && npm run -s package >/dev/null)
ws=$(mktemp -d)
trap 'rm -rf "$ws"' EXIT
cp corpus/*.txt "$shared"/09HARARE51.txt "$shared"/09HARARE24.txt "$shared"/08HARARE1016.txt "$ws/"
chmod u+w "$ws"/*.txt
mkdir -p editors/vscode/test/screenshots
CABLE_WS="$ws" SHOTS="$repo/editors/vscode/test/screenshots" VSIX="$repo/editors/vscode/cable-lsp.vsix" \
  CABLE_LSP_BIN="$repo/target/release/cable-lsp" CABLE_LSP_CACHE_DIR="$ws.cache" \
  timeout 600 node editors/vscode/test/e2e.js
