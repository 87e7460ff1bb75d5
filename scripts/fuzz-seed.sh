#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds: the committed regression inputs (fuzz/regressions/),
# the project's fixtures, and a sample of real pages and configs from the shared corpus when it
# is there (HBLINT_CORPUS, default ../shared/corpus). Corpora are not committed: re-run this.
# Usage: scripts/fuzz-seed.sh [pages-to-sample (default 300)]
set -euo pipefail
cd "$(dirname "$0")/.."
sample=${1:-300}
corpus=${HBLINT_CORPUS:-../shared/corpus}
out=fuzz/corpus
targets="lint fix hblint_toml markdownlint_config pack baseline data_files"
for t in $targets; do
  mkdir -p "$out/$t"
  cp fuzz/regressions/"$t"/* "$out/$t/" 2>/dev/null || true
done

# Copies a file as a seed named after its path; a selector byte first when given.
seed() { # target file [selector-byte-in-octal]
  local name
  name=$(printf '%s' "$2" | tr '/ ' '__')
  if [ -n "${3:-}" ]; then
    { printf "\\$3"; cat "$2"; } > "$out/$1/$name"
  else
    cp "$2" "$out/$1/$name"
  fi
}

# Pages: every fixture page, and a sample of the handbook's pages under 8 KiB (larger inputs
# slow every execution; libFuzzer grows inputs itself).
while IFS= read -r f; do seed lint "$f"; seed fix "$f"; done < <(find fixtures -name '*.md' | sort)
if [ -d "$corpus/handbook" ]; then
  find "$corpus/handbook" "$corpus/job-families" -name '*.md' -size -8k | sort |
    awk -v n="$sample" '{ lines[NR] = $0 } END { step = NR / n; if (step < 1) step = 1; for (i = 1; i <= NR; i += step) print lines[int(i)] }' |
    while IFS= read -r f; do seed lint "$f"; seed fix "$f"; done
else
  echo "fuzz-seed: no corpus at $corpus; seeding from fixtures only" >&2
fi

while IFS= read -r f; do seed hblint_toml "$f"; done < <(find fixtures -name 'hblint.toml' | sort)
while IFS= read -r f; do seed pack "$f"; done < <(find fixtures/packs rules -maxdepth 2 -name '*.toml' | sort)

# markdownlint configs: the selector byte picks the file name the loader sees (see the target).
for f in $(find fixtures tests "$corpus/configs" -name '.markdownlint*' 2>/dev/null | sort); do
  case "$f" in
    *cli2.jsonc) seed markdownlint_config "$f" 004 ;;
    *cli2.yaml) seed markdownlint_config "$f" 005 ;;
    *.jsonc) seed markdownlint_config "$f" 001 ;;
    *.yaml | *.yml) seed markdownlint_config "$f" 002 ;;
    *) seed markdownlint_config "$f" 000 ;;
  esac
done

# Data files: the selector byte picks the parser (0 redirects, 1 misused terms, 2 inclusiveness
# skip list, 3 job families).
for f in $(find fixtures "$corpus/configs" -name '*.yml' 2>/dev/null | sort); do
  case "$f" in
    */redirects.yml) seed data_files "$f" 000 ;;
    */misused_terms.yml) seed data_files "$f" 001 ;;
    */inclusiveness_check.yml) seed data_files "$f" 002 ;;
    */job_families.yml) seed data_files "$f" 003 ;;
  esac
done

for t in $targets; do
  printf '%-20s %5d seeds\n' "$t" "$(find "$out/$t" -type f | wc -l)"
done
