#!/usr/bin/env bash
# Compares hblint's markdownlint-compatible rules with markdownlint-cli2 itself on a folder: the
# (file, line) pairs each rule reports, and where they differ. Run by hand:
#   scripts/compare-markdownlint.sh [DIR] [RULES]
#       only RULES are on in both tools (default: every MD rule hblint implements), each with its
#       default parameters; DIR defaults to ../shared/corpus/handbook.
#   scripts/compare-markdownlint.sh --all DIR
#       a folder of arbitrary pages as a team migrating from markdownlint would lint it: every rule
#       on (`{"default": true}`), the pages' own inline comments and `markdownlint-configure-file`
#       comments obeyed by both tools. Ends with the overall agreement: the (file, line, rule)
#       findings both tools report, over all the findings either reports.
# HBLINT_CMP_SHOW=N lists N differences per rule (default 3); HBLINT_BIN=PATH compares that hblint
# binary instead of building this checkout's.
# markdownlint-cli2 is the reference, not a dependency: it is installed with npm into a cache
# folder (HBLINT_MDL_DIR, default ~/.cache/hblint-markdownlint) on first use.
set -euo pipefail
# Every run lints (the result cache is off when CI is set; older builds have no --no-cache).
export CI=true
cd "$(dirname "$0")/.."
all=false
if [ "${1:-}" = "--all" ]; then
  all=true
  shift
  [ $# -eq 1 ] || { echo "usage: $0 --all DIR" >&2; exit 2; }
fi
dir=${1:-../shared/corpus/handbook}
[ -d "$dir" ] || { echo "no folder $dir" >&2; exit 2; }
if [ -n "${HBLINT_BIN:-}" ]; then
  hblint=$HBLINT_BIN
else
  cargo build --release --quiet --bin hblint
  hblint=target/release/hblint
fi
md_rules=$($hblint rules --format json | python3 -c 'import json,sys; print(",".join(r["code"] for r in json.load(sys.stdin) if r["group"]=="markdown"))')
rules=${2:-$md_rules}

# The release tests/markdownlint_agreement.rs pins (markdownlint 0.42.1). It declares Node 22 but
# runs on this machine's Node 20.
mdl_package=markdownlint-cli2@0.24.1
mdl_dir=${HBLINT_MDL_DIR:-$HOME/.cache/hblint-markdownlint}
if ! grep -qs '"version": "0.24.1"' "$mdl_dir/node_modules/markdownlint-cli2/package.json"; then
  mkdir -p "$mdl_dir"
  (cd "$mdl_dir" && npm install --silent --no-audit --no-fund "$mdl_package" >/dev/null)
fi
mdl="$mdl_dir/node_modules/.bin/markdownlint-cli2"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$rules" "$all" > "$work/.markdownlint-cli2.jsonc" <<'PY'
import json, sys
if sys.argv[2] == "true":
    config = {"default": True}
else:
    config = {"default": False}
    for code in sys.argv[1].split(","):
        config[code] = True
print(json.dumps({"config": config, "gitignore": False, "noBanner": True, "noProgress": True}))
PY
abs_dir=$(cd "$dir" && pwd)
(cd "$abs_dir" && "$mdl" --config "$work/.markdownlint-cli2.jsonc" "**/*.md" "**/*.markdown" 2> "$work/mdl.txt" >/dev/null) || true
if $all; then
  # Every markdownlint rule with its defaults and no hblint rule, as `{"default": true}` says.
  "$hblint" check --select MD --format json "$abs_dir" > "$work/hblint.json" || true
else
  "$hblint" check --select "$rules" --format json "$abs_dir" > "$work/hblint.json" || true
fi

python3 - "$abs_dir" "$work/mdl.txt" "$work/hblint.json" "$rules" "$all" <<'PY'
import json, os, re, sys
from collections import defaultdict
root, mdl_path, hb_path, rules, all_rules = sys.argv[1:6]
rules = rules.split(",")
show = int(os.environ.get("HBLINT_CMP_SHOW", "3"))  # differences listed per rule
ref = defaultdict(set)
line_re = re.compile(r"^(.+?):(\d+)(?::\d+)? (error |warning )?(MD\d{3})/")
for line in open(mdl_path, encoding="utf-8", errors="replace"):
    m = line_re.match(line)
    if m:
        path = os.path.normpath(os.path.join(root, m.group(1)))
        ref[m.group(4)].add((path, int(m.group(2))))
ours = defaultdict(set)
for item in json.load(open(hb_path)):
    path = os.path.normpath(item["path"])
    if path.endswith((".md", ".markdown")) and item["code"].startswith("MD"):
        ours[item["code"]].add((path, item["line"]))
if all_rules == "true":
    rules = sorted(set(rules) | set(ref) | set(ours))
print(f"{'rule':<6} {'markdownlint':>12} {'hblint':>8} {'both':>8} {'only mdl':>9} {'only hblint':>11} {'agreement':>10}")
agreed = union = 0
for code in rules:
    a, b = ref[code], ours[code]
    both = len(a & b)
    agreed += both
    union += len(a | b)
    agreement = 100.0 if not (a | b) else 100.0 * both / len(a | b)
    print(f"{code:<6} {len(a):>12} {len(b):>8} {both:>8} {len(a - b):>9} {len(b - a):>11} {agreement:>9.1f}%")
    for path, line in sorted(a - b)[:show]:
        print(f"       only markdownlint: {os.path.relpath(path, root)}:{line}")
    for path, line in sorted(b - a)[:show]:
        print(f"       only hblint:       {os.path.relpath(path, root)}:{line}")
overall = 100.0 if union == 0 else 100.0 * agreed / union
print(f"overall: {agreed} of {union} (file, line, rule) findings agreed: {overall:.1f}%")
PY
