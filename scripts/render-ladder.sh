#!/usr/bin/env bash
# Renders a page written by `hblint ladder -o ladder.html` to a PNG with headless Chromium, and
# fails when the page logs anything to the browser console (a script error, a resource that
# could not load: the page should have neither).
#
#   scripts/render-ladder.sh ladder.html ladder.png [WIDTH,HEIGHT]
#
# Exit codes: 0 rendered cleanly, 1 the page logged to the console, 2 no browser or no PNG.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 LADDER.html OUT.png [WIDTH,HEIGHT]" >&2
  exit 2
fi
html=$1
png=$2
size=${3:-1280,2000}

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then
    browser=$(command -v "$candidate")
    break
  fi
done
if [ -z "$browser" ]; then
  echo "render-ladder: no Chromium found (Debian: apt-get install -y chromium)" >&2
  exit 2
fi
if [ ! -f "$html" ]; then
  echo "render-ladder: $html: no such file" >&2
  exit 2
fi

profile=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$profile" "$log"' EXIT
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
out="$(cd "$(dirname "$png")" && pwd)/$(basename "$png")"
rm -f "$out"

# Console messages reach stderr as `INFO:CONSOLE…` lines with logging on at level 0.
if ! timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --enable-logging=stderr --log-level=0 \
  --window-size="$size" --hide-scrollbars --screenshot="$out" "$url" 2>"$log" >/dev/null; then
  cat "$log" >&2
  echo "render-ladder: $browser failed" >&2
  exit 2
fi
if grep -E 'CONSOLE|Uncaught' "$log" >&2; then
  echo "render-ladder: the page logged to the console (above)" >&2
  exit 1
fi
if [ ! -s "$out" ]; then
  cat "$log" >&2
  echo "render-ladder: no PNG written" >&2
  exit 2
fi
echo "render-ladder: wrote $png"
