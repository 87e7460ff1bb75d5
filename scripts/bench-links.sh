#!/usr/bin/env bash
# What the link checks (LK rules, the site index) cost, on the corpus laid out as the two real
# checkouts (scripts/handbook-layout.sh). Run by hand, not in CI:
#   scripts/bench-links.sh [DEST]     (default: a temporary folder, removed afterwards)
# Measures, for the Middleman checkout (www-gitlab-com) and the Hugo one (content-sites-handbook):
# - a full default run with and without the link rules (the issue's bound: at most 25% slower);
# - a one-file merge request end to end (`--changed-since` on a commit that edits one page, git
#   included): the site index is built from file names and only the linked pages are read
#   (the issue's bound: under 100 ms);
# - peak memory of the full run with every link rule.
# Needs hyperfine and GNU time.
set -euo pipefail
# Every run lints (the result cache is off when CI is set; older builds have no --no-cache).
export CI=true
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine: apt-get install hyperfine" >&2; exit 2; }
dest=${1:-}
if [ -z "$dest" ]; then
  dest=$(mktemp -d)
  trap 'rm -rf "$dest"' EXIT
fi
cargo build --release --quiet --bin hblint
bin="$PWD/target/release/hblint"
scripts/handbook-layout.sh "$dest" >/dev/null
for site in www-gitlab-com content-sites-handbook; do
  repo="$dest/$site"
  pages=$(find "$repo" -name '*.md' -o -name '*.md.erb' | wc -l)
  echo "== $site ($pages pages)"
  # One page edited on a branch: the merge request.
  page=$(cd "$repo" && git ls-files '*.md' | grep -v '^data/' | sort | sed -n '100p')
  (
    cd "$repo"
    git checkout -q -B bench-mr
    git reset -q --hard "$(git rev-list --max-parents=0 HEAD)"
    # A new file, not an append: the layout's files are hard links to the corpus.
    { cat "$page"; printf '\nSee the [handbook](/handbook/) and [a section](#nowhere).\n'; } >"$page.new"
    mv "$page.new" "$page"
    git -c user.name=bench -c user.email=bench@example.com commit -q -am "bench: one page"
  )
  (
    cd "$repo"
    hyperfine --warmup 1 --runs 10 --ignore-failure \
      --command-name "full run" "$bin check . --format concise -q" \
      --command-name "full run, no link rules" "$bin check . --format concise -q --ignore LK"
    hyperfine --warmup 3 --runs 30 --ignore-failure \
      --command-name "one-file MR" "$bin check --changed-since HEAD~1 --new-only --format concise -q" \
      --command-name "one-file MR, no link rules" "$bin check --changed-since HEAD~1 --new-only --format concise -q --ignore LK"
    /usr/bin/time -f "full run with every link rule: peak RSS %M KiB, wall %e s" \
      "$bin" check . --select LK --format concise -q >/dev/null || true
  )
done
