#!/usr/bin/env bash
# CI's fuzz smoke run: builds the cargo-fuzz targets (fuzz/) and runs each briefly over its seeds
# (scripts/fuzz-seed.sh) and its committed regression inputs (fuzz/regressions/<target>/), so a
# crash or property failure on a known input, or one found within seconds, fails CI.
# cargo-fuzz is installed once, pinned, under target/ (CI caches target/); the stable toolchain
# builds the targets with RUSTC_BOOTSTRAP=1 (cargo-fuzz passes nightly-only -Z flags).
# Usage: scripts/fuzz-smoke.sh [seconds-per-target (default 20; lint and fix get twice that)]
set -euo pipefail
cd "$(dirname "$0")/.."
per_target=${1:-20}
cargo_fuzz_version=0.13.1
tools=target/cargo-fuzz
if ! "$tools/bin/cargo-fuzz" --version 2>/dev/null | grep -q " $cargo_fuzz_version\$"; then
  echo "== installing cargo-fuzz $cargo_fuzz_version into $tools"
  cargo install --locked --quiet cargo-fuzz --version "$cargo_fuzz_version" --root "$tools"
fi
export PATH="$PWD/$tools/bin:$PATH" RUSTC_BOOTSTRAP=1
# fuzz/Cargo.toml's dev profile (opt-level 1, debug assertions and overflow checks) builds in a
# fraction of -O's time; no sanitizer: hblint is safe Rust, where AddressSanitizer finds nothing
# a panic would not, at a third of the speed. Long runs use -O -a (README).
flags=(-s none)
echo "== cargo fuzz build"
start=$(date +%s)
cargo fuzz build "${flags[@]}"
echo "fuzz targets built in $(( $(date +%s) - start )) s"
scripts/fuzz-seed.sh 100 >/dev/null
for target in hblint_toml markdownlint_config pack baseline data_files lint fix; do
  seconds=$per_target
  case $target in lint | fix) seconds=$(( per_target * 2 )) ;; esac
  echo "== fuzz $target (${seconds} s)"
  log=target/fuzz-smoke-$target.log
  if ! cargo fuzz run "${flags[@]}" "$target" "fuzz/corpus/$target" "fuzz/regressions/$target" -- \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "fuzz $target failed: the input is in fuzz/artifacts/$target/; minimise it (cargo fuzz tmin), add it to fuzz/regressions/$target/ and a test" >&2
    exit 1
  fi
  grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$log" | tail -2 | tr '\n' ' '
  echo
done
