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
# Every hblint run lints: the result cache off (it is off when CI is set), except in the one
# row that measures it, a repeat run over the unchanged corpus with its own cache folder.
export CI=true
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
# Peers in the same hyperfine run, side by side on a noisy machine: mado (38 rules on comrak;
# ../shared/peers/build-mado.sh builds it) and rumdl (pip install rumdl), when installed.
peers=()
if command -v mado >/dev/null; then
  peers+=(--command-name "mado check (38 rules)" "mado check $dir")
fi
if command -v rumdl >/dev/null; then
  peers+=(--command-name "rumdl check --no-config --no-cache" "rumdl check --no-config --no-cache $dir")
fi
# --export-json keeps user and system time: the CPU ratios to the parse floor come from them
# (the machine has 2 cores, so wall time hides work done in parallel).
hyperfine --warmup 2 --runs "${RUNS:-15}" --ignore-failure --export-json "${BENCH_JSON:-target/bench.json}" \
  --command-name "comrak parse only (baseline)" "target/release/examples/parse_baseline $dir" \
  --command-name "hblint check" "target/release/hblint check $dir" \
  --command-name "hblint check --select ALL" "target/release/hblint check --select ALL --format concise $dir" \
  --command-name "hblint check --format json" "target/release/hblint check --format json $dir" \
  --command-name "hblint check --select ALL --format sarif" "target/release/hblint check --select ALL --format sarif $dir" \
  --command-name "hblint check, repeat run from the result cache" "env -u CI target/release/hblint check --cache-dir $cache/c $dir" \
  "${peers[@]}"
# CPU time (user + system) of each command, and its ratio to the parse floor.
python3 - "${BENCH_JSON:-target/bench.json}" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = results[0]["user"] + results[0]["system"]
print(f"{'command':55} {'CPU s':>7} {'× parse':>8}")
for r in results:
    cpu = r["user"] + r["system"]
    print(f"{r['command']:55} {cpu:7.2f} {cpu / floor:8.2f}")
PY
if command -v markdownlint-cli2 >/dev/null; then
  (cd "$dir" && hyperfine --runs 3 --ignore-failure --command-name "markdownlint-cli2 (default rules)" \
    "markdownlint-cli2 '**/*.md'")
fi
# Peak memory of every output format with every rule: each streams, so none should grow with
# the number of findings (64 MiB on the handbook; scripts/memory.sh also runs it copied 10 times).
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
