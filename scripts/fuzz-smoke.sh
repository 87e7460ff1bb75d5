#!/usr/bin/env bash
# CI's fuzz smoke run: builds the libFuzzer targets (scripts/fuzz-build.sh, no cargo-fuzz needed)
# and runs each briefly over its seeds (scripts/fuzz-seed.sh) and its committed regression inputs
# (fuzz/regressions/<target>/), so a crash or property failure on a known input, or one found
# within seconds, fails CI. Two targets run at a time (CI machines have two cores).
# Usage: scripts/fuzz-smoke.sh [seconds-per-target (default 20; lint and fix get twice that)]
set -euo pipefail
cd "$(dirname "$0")/.."
per_target=${1:-20}
echo "== fuzz build (dev profile)"
start=$(date +%s)
bin=$(scripts/fuzz-build.sh dev)
echo "fuzz targets built in $(( $(date +%s) - start )) s"
scripts/fuzz-seed.sh 100 >/dev/null
mkdir -p target/fuzz-smoke

# Runs one target; its log is target/fuzz-smoke/<target>.log. libFuzzer writes a failing input
# to the artifact prefix and exits non-zero.
run() { # target seconds
  local target=$1 seconds=$2 log=target/fuzz-smoke/$1.log
  mkdir -p "fuzz/artifacts/$target"
  if "$bin/$target" "fuzz/corpus/$target" "fuzz/regressions/$target" \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1 >"$log" 2>&1; then
    echo "fuzz $target (${seconds} s): $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') executions, $(grep -E '#[0-9]+[[:space:]]+DONE' "$log" | grep -oE 'cov: [0-9]+' | tail -1), no failure"
  else
    tail -40 "$log" >&2
    echo "fuzz $target FAILED: the input is in fuzz/artifacts/$target/; minimise it (-minimize_crash=1), add it to fuzz/regressions/$target/ and a test" >&2
    return 1
  fi
}

status=0
pids=()
for target in lint fix hblint_toml markdownlint_config pack baseline data_files; do
  seconds=$per_target
  case $target in lint | fix) seconds=$(( per_target * 2 )) ;; esac
  run "$target" "$seconds" &
  pids+=($!)
  if [ ${#pids[@]} -ge 2 ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
