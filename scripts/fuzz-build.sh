#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with plain cargo on the stable toolchain: the flags
# cargo-fuzz 0.13 passes for `-s none` (SanitizerCoverage's counters, PC table and compare
# tracing, `--cfg fuzzing`), all of them stable rustc flags, so neither cargo-fuzz (a 3-minute
# install on a fresh machine) nor RUSTC_BOOTSTRAP is needed. `--target` keeps the flags off
# build scripts and proc macros, as cargo-fuzz does. Prints the folder that holds the binaries.
# Usage: scripts/fuzz-build.sh [dev|release] [target...]
#   dev (default): opt-level 1 with debug assertions, builds fast (CI's smoke run);
#   release: opt-level 3 with debug assertions, for long runs.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
profile=${1:-dev}
case $profile in
  dev | release) shift || true ;;
  *) echo "usage: scripts/fuzz-build.sh [dev|release] [target...] (not '$profile')" >&2; exit 2 ;;
esac
host=$(rustc -vV | sed -n 's/^host: //p')
export RUSTFLAGS="${RUSTFLAGS:-} -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth \
--cfg fuzzing -Cdebug-assertions -Coverflow-checks"
bins=()
for t in "$@"; do bins+=(--bin "$t"); done
cargo_profile=()
[ "$profile" = release ] && cargo_profile=(--release)
cargo build --locked --quiet "${cargo_profile[@]}" --target "$host" "${bins[@]}" >&2
# Where cargo put them: CARGO_TARGET_DIR (or a config's build.target-dir) moves fuzz/target.
target_dir=$(cargo metadata --format-version 1 --no-deps --locked | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
echo "$target_dir/$host/$( [ "$profile" = release ] && echo release || echo debug )"
