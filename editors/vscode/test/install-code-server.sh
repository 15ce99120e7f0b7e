#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code's workbench over HTTP) from npm, Debian's
# Chromium and playwright-core, into $E2E_DIR (default ~/.cache/cable-lsp-e2e),
# outside the repository. Several minutes; done once. The recipe is the one in
# ../shared/notes/editors-testing.md.
set -euo pipefail
# code-server's postinstall refuses to run as root without it (npm 11 dropped the flag).
export npm_config_unsafe_perm=true
dir=${E2E_DIR:-$HOME/.cache/cable-lsp-e2e}
mkdir -p "$dir"
cd "$dir"
if ! command -v chromium >/dev/null || ! dpkg -s libsecret-1-dev >/dev/null 2>&1; then
  apt-get update >/dev/null   # stale lists leave libsecret-1-dev uninstallable
  apt-get install -y chromium libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev >/dev/null
fi
if [ ! -f node_modules/code-server/out/node/entry.js ] || [ ! -f .installed ]; then
  [ -f package.json ] || npm init -y >/dev/null
  npm install --no-audit --no-fund --ignore-scripts code-server@4.100.3 playwright-core@1 >/dev/null
  (
    cd node_modules/code-server/lib/vscode
    node -e 'const p=require("./package.json"); p.dependencies["@vscode/ripgrep"]="1.18.0"; require("fs").writeFileSync("package.json", JSON.stringify(p,null,2))'
    rm -f package-lock.json npm-shrinkwrap.json
    npm install --no-audit --no-fund --unsafe-perm --omit=dev >/dev/null
    npm install-scripts approve --all >/dev/null 2>&1 || true
    npm rebuild >/dev/null
  )
  npm install-scripts approve --all >/dev/null 2>&1 || true
  npm rebuild >/dev/null
  touch .installed
fi
echo "code-server and playwright-core are in $dir"
