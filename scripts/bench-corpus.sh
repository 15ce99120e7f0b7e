#!/usr/bin/env bash
# The corpus benchmark: generates 10,000 and 250,000 cables (once, kept in
# $BENCH_DIR, default /tmp/cable-lsp-bench) and measures cable-lsp on each over
# stdio, side by side with ripgrep, in one run. Prints Markdown for the README.
#   scripts/bench-corpus.sh [COUNT...]      (default: 10000 250000)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rg >/dev/null || { echo "ripgrep is needed (apt-get install ripgrep)"; exit 2; }
cargo build --release --locked -q
bin=target/release/cable-lsp
dir=${BENCH_DIR:-/tmp/cable-lsp-bench}
counts=("$@"); [ ${#counts[@]} -gt 0 ] || counts=(10000 250000)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $($bin --version)"
# The generator's fingerprint: what it writes for 20 cables; a kept corpus
# written by another generator (another fingerprint) is written again.
sample=$(mktemp -d); trap 'rm -rf "$sample"' EXIT
"$bin" gen --count 20 --seed 1 --out "$sample" >/dev/null
stamp=$(cd "$sample" && find . -name "*.txt" | sort | xargs cat | sha256sum | cut -c1-16)
for n in "${counts[@]}"; do
  out="$dir/gen-$n"
  if [ "$(cat "$out/.generator" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$out"
    "$bin" gen --count "$n" --seed 1 --out "$out"
    echo "$stamp" > "$out/.generator"
  fi
  find "$out" -name "*.txt" -exec cat {} + >/dev/null   # the same warm page cache for both sides
  python3 scripts/lsp_bench.py "$bin" "$out" --samples "${SAMPLES:-200}"
done
