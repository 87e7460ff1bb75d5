#!/usr/bin/env bash
# Compares two hblint builds on the real corpus beside the checkout: every output format with
# every rule (`check --select ALL --format F`), and the files `--fix --select ALL` writes. Run by
# hand, not in CI, around a change that must not change behaviour:
#   scripts/compare-builds.sh OLD_BINARY NEW_BINARY [CORPUS_DIR...]
# (default corpora: ../shared/corpus/handbook and ../shared/corpus/job-families). Prints one line
# per comparison and exits 1 when any differs; the differing outputs are kept under $KEEP
# (default: a temporary folder it names).
set -uo pipefail
# Every run lints (the result cache is off when CI is set; older builds have no --no-cache).
export CI=true
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 2 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY [CORPUS_DIR...]" >&2; exit 2; }
old=$(realpath "$1"); new=$(realpath "$2"); shift 2
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=("$here/../shared/corpus/handbook" "$here/../shared/corpus/job-families")
keep=${KEEP:-$(mktemp -d)}
mkdir -p "$keep"
formats=(human concise json github gitlab junit sarif)
status=0
for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || { echo "no corpus at $dir" >&2; exit 2; }
  dir=$(realpath "$dir"); name=$(basename "$dir")
  for format in "${formats[@]}"; do
    for which in old new; do
      bin=${!which}
      # Run inside the corpus so paths are the same relative ones for both builds.
      (cd "$dir" && "$bin" check --select ALL --color never --format "$format" . >"$keep/$name.$format.$which" 2>"$keep/$name.$format.$which.err"; echo $? >"$keep/$name.$format.$which.rc")
    done
    if cmp -s "$keep/$name.$format.old" "$keep/$name.$format.new" \
      && cmp -s "$keep/$name.$format.old.rc" "$keep/$name.$format.new.rc" \
      && cmp -s "$keep/$name.$format.old.err" "$keep/$name.$format.new.err"; then
      echo "same       $name --format $format ($(wc -c <"$keep/$name.$format.new") bytes, exit $(cat "$keep/$name.$format.new.rc"))"
    else
      echo "DIFFERENT  $name --format $format (see $keep/$name.$format.{old,new})"
      status=1
    fi
  done
  for which in old new; do
    bin=${!which}
    rm -rf "$keep/$name.fix.$which"
    cp -r "$dir" "$keep/$name.fix.$which"
    (cd "$keep/$name.fix.$which" && "$bin" check --select ALL --fix --quiet . >/dev/null 2>&1)
  done
  if diff -r -q "$keep/$name.fix.old" "$keep/$name.fix.new" >/dev/null; then
    echo "same       $name --fix ($(diff -r -q "$dir" "$keep/$name.fix.new" | wc -l) files changed)"
    rm -rf "$keep/$name.fix.old" "$keep/$name.fix.new"
  else
    echo "DIFFERENT  $name --fix (diff -r $keep/$name.fix.old $keep/$name.fix.new)"
    status=1
  fi
done
exit $status
