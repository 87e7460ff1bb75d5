#!/usr/bin/env bash
# --fix twice equals --fix once, with every rule, on a whole tree (default: the handbook corpus):
# copies it to a temporary folder, fixes it, keeps a copy, fixes again and compares the bytes.
# Usage: scripts/fix-idempotence.sh [tree] (HBLINT=path/to/hblint, default target/release/hblint)
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${1:-../shared/corpus/handbook}
hblint=${HBLINT:-target/release/hblint}
[ -x "$hblint" ] || { echo "build it first: cargo build --release (or set HBLINT)" >&2; exit 2; }
[ -d "$tree" ] || { echo "no tree at $tree" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$tree" "$work/a"
fix() { "$hblint" check --select ALL --fix --quiet --format concise "$1" >"$work/out" 2>"$work/err" || {
  code=$?; [ "$code" = 1 ] || { cat "$work/err" >&2; echo "hblint exited $code" >&2; exit 2; }; }; }
fix "$work/a"
changed=$( (diff -rq "$tree" "$work/a" || true) | wc -l)
cp -r "$work/a" "$work/b"
fix "$work/b"
if diff -rq "$work/a" "$work/b" >"$work/diff"; then
  echo "fix-idempotence: $(find "$tree" -name '*.md' | wc -l) pages, $changed changed by the first --fix, none by the second"
else
  echo "fix-idempotence: a second --fix changed $(wc -l <"$work/diff") files:" >&2
  head -20 "$work/diff" >&2
  exit 1
fi
