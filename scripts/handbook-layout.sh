#!/usr/bin/env bash
# Lays the corpus out as the two real checkouts, so hblint sees a handbook the way its site
# generator builds it:
#   scripts/handbook-layout.sh DEST
#     DEST/www-gitlab-com/          Middleman: sites/handbook/source/handbook/…,
#                                   sites/uncategorized/source/job-families/… (from corpus/job-families),
#                                   source/, doc/, data/ (redirects.yml, inclusiveness_check.yml,
#                                   people_group/job_families.yml, release_posts/), .gitlab-ci.yml
#     DEST/content-sites-handbook/  Hugo: content/handbook/…, data/misused_terms.yml and the lint
#                                   configuration (.markdownlint-cli2.jsonc, .vale/, …)
# The corpus is read from ../shared/corpus (relative to the project root) or $HBLINT_CORPUS.
# Files are hard links (cp -al) when DEST is on the corpus's file system, else copies: never
# symlinks (the walker does not follow them). hblint --fix writes through a temporary file and a
# rename, which breaks the link, so the corpus is never changed; do not edit DEST files in place
# with tools that write through the existing inode (sed -i is fine: it renames too).
# Each checkout is a git repository with one commit, for --changed-since and git-based features.
# Idempotent: DEST/www-gitlab-com and DEST/content-sites-handbook are recreated on every run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${HBLINT_CORPUS:-$root/../shared/corpus}"
dest="${1:?usage: scripts/handbook-layout.sh DEST}"
[ -d "$corpus/handbook/www-gitlab-com" ] && [ -d "$corpus/job-families" ] \
  || { echo "no corpus at $corpus (set HBLINT_CORPUS)" >&2; exit 2; }
corpus="$(cd "$corpus" && pwd)"
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"
case "$dest/" in "$corpus/"*) echo "DEST must be outside the corpus" >&2; exit 2 ;; esac

# Hard links when both sides share a file system (same device number), copies otherwise.
if [ "$(stat -c %d "$corpus")" = "$(stat -c %d "$dest")" ]; then
  copy() { mkdir -p "$2" && cp -al "$1/." "$2/"; }
else
  copy() { mkdir -p "$2" && cp -r "$1/." "$2/"; }
fi

commit() {
  git -C "$1" init -q
  git -C "$1" add -A
  git -C "$1" -c user.name=hblint -c user.email=hblint@example.invalid -c commit.gpgsign=false \
    commit -q -m "Corpus laid out as $(basename "$1") (scripts/handbook-layout.sh)"
}

www="$dest/www-gitlab-com"
rm -rf "$www"
copy "$corpus/handbook/www-gitlab-com" "$www"
copy "$corpus/job-families" "$www/sites/uncategorized/source/job-families"
copy "$corpus/configs/www-gitlab-com/data" "$www/data"
cp "$corpus/configs/www-gitlab-com/.gitlab-ci.yml" "$www/.gitlab-ci.yml"
commit "$www"

hugo="$dest/content-sites-handbook"
rm -rf "$hugo"
copy "$corpus/handbook/content-sites-handbook" "$hugo"
copy "$corpus/configs/content-sites-handbook" "$hugo"
commit "$hugo"

for repo in "$www" "$hugo"; do
  echo "$repo: $(git -C "$repo" ls-files | grep -c '\.md' ) Markdown files"
done
