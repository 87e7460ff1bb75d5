#!/usr/bin/env bash
# Peak memory (GNU time's maximum resident set size) of hblint with every rule on, in every
# output format and with the options that aggregate a run (statistics, baselines, -o reports,
# the ladder), on the handbook corpus and on it copied COPIES times. Every format streams and
# every aggregate keeps counts and keys, never findings or page text, so no row should grow
# with the corpus (issue 15's bound: 64 MiB). Run by hand, not in CI:
#   scripts/memory.sh [DIR] [COPIES]     (default: ../shared/corpus/handbook 10)
# HBLINT_BIN=path skips the build; SKIP_BASE=1 measures only the copies.
set -euo pipefail
# Every run lints (the result cache is off when CI is set; older builds have no --no-cache).
export CI=true
cd "$(dirname "$0")/.."
dir=${1:-../shared/corpus/handbook}
copies=${2:-10}
[ -d "$dir" ] || { echo "no corpus at $dir" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 2; }
if [ -z "${HBLINT_BIN:-}" ]; then
  cargo build --release --quiet --bin hblint
  HBLINT_BIN=target/release/hblint
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The copies are hard links when the corpus and the temporary folder share a file system: the
# same bytes, read as COPIES times as many files.
big="$work/x$copies"
mkdir "$big"
for i in $(seq 1 "$copies"); do
  cp -al "$dir" "$big/copy$i" 2>/dev/null || cp -a "$dir" "$big/copy$i"
done
files() { find "$1" -type f \( -name '*.md' -o -name '*.md.erb' -o -name '*.markdown' \) | wc -l; }

# One row: the corpus, what was run, peak RSS in MiB, wall seconds, exit status.
measure() {
  local corpus=$1 label=$2 kib secs status
  shift 2
  /usr/bin/time -o "$work/time" -f "%M %e %x" "$@" >/dev/null 2>"$work/stderr" || true
  read -r kib secs status < <(tail -1 "$work/time")
  printf '| %s | `%s` | %d | %s | %s |\n' "$corpus" "$label" $(( (kib + 1023) / 1024 )) "$secs" "$status"
}

echo "| corpus | run | peak MiB | wall s | exit |"
echo "|---|---|---:|---:|---:|"
# SKIP_BASE=1 measures only the copies.
corpora=("$dir" "$big")
[ -n "${SKIP_BASE:-}" ] && corpora=("$big")
for corpus in "${corpora[@]}"; do
  name=$(basename "$corpus")
  [ "$corpus" = "$big" ] && name="handbook ×$copies ($(files "$big") files)" || name="$name ($(files "$corpus") files)"
  measure "$name" "default rules, human" "$HBLINT_BIN" check --color never "$corpus"
  for format in human concise json github gitlab junit sarif; do
    measure "$name" "--select ALL --format $format" "$HBLINT_BIN" check --select ALL --color never --format "$format" "$corpus"
  done
  measure "$name" "--select ALL --statistics" "$HBLINT_BIN" check --select ALL --statistics "$corpus"
  measure "$name" "--select ALL -o sarif,json,junit,gitlab" "$HBLINT_BIN" check --select ALL --format concise \
    -o "sarif=$work/r.sarif" -o "json=$work/r.json" -o "junit=$work/r.xml" -o "gitlab=$work/r.gl.json" "$corpus"
  measure "$name" "--select ALL --write-baseline" "$HBLINT_BIN" check --select ALL --write-baseline "$work/baseline.json" "$corpus"
  measure "$name" "--select ALL --baseline" "$HBLINT_BIN" check --select ALL --baseline "$work/baseline.json" "$corpus"
  measure "$name" "ladder --format json" "$HBLINT_BIN" ladder --format json "$corpus"
  rm -f "$work"/r.* "$work/baseline.json"
done
