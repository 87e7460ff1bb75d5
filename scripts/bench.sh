#!/usr/bin/env bash
# Benchmarks hblint on the real handbook corpus beside the checkout. Run by hand, not in CI:
#   scripts/bench.sh [DIR]        (default: ../shared/corpus/handbook)
# Needs hyperfine (Debian: apt-get install hyperfine) and GNU time for peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-../shared/corpus/handbook}
[ -d "$dir" ] || { echo "no corpus at $dir" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "install hyperfine: apt-get install hyperfine" >&2; exit 2; }
cargo build --release --quiet --bin hblint --example parse_baseline
hyperfine --warmup 2 --runs 15 --ignore-failure \
  --command-name "comrak parse only (baseline)" "target/release/examples/parse_baseline $dir" \
  --command-name "hblint check" "target/release/hblint check $dir" \
  --command-name "hblint check --select ALL" "target/release/hblint check --select ALL $dir" \
  --command-name "hblint check --format json" "target/release/hblint check --format json $dir" \
  --command-name "hblint check --select ALL --format sarif" "target/release/hblint check --select ALL --format sarif $dir"
# Other linters on the same folder, when installed (rumdl: cargo install rumdl;
# markdownlint-cli2: npm install markdownlint-cli2, slow: about a minute a run).
if command -v rumdl >/dev/null; then
  hyperfine --warmup 1 --runs 5 --ignore-failure --command-name "rumdl check --no-config --no-cache" \
    "rumdl check --no-config --no-cache $dir"
fi
if command -v markdownlint-cli2 >/dev/null; then
  (cd "$dir" && hyperfine --runs 3 --ignore-failure --command-name "markdownlint-cli2 (default rules)" \
    "markdownlint-cli2 '**/*.md'")
fi
# Peak memory of every output format with every rule: each streams, so none should grow with
# the number of findings (issue 10's bound: 64 MiB on the handbook).
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "hblint check peak RSS: %M KiB, wall %e s" target/release/hblint check "$dir" >/dev/null || true
  for format in human concise json github gitlab junit sarif; do
    /usr/bin/time -f "hblint check --select ALL --format $format peak RSS: %M KiB, wall %e s" \
      target/release/hblint check --select ALL --color never --format "$format" "$dir" >/dev/null || true
  done
  reports=$(mktemp -d)
  /usr/bin/time -f "hblint check --select ALL with four -o reports peak RSS: %M KiB, wall %e s" \
    target/release/hblint check --select ALL --format concise -o "sarif=$reports/r.sarif" -o "json=$reports/r.json" \
    -o "junit=$reports/r.xml" -o "gitlab=$reports/r.gl.json" "$dir" >/dev/null || true
  rm -rf "$reports"
fi
