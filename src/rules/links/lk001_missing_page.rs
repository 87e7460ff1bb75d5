//! LK001 missing-page: a link to a page of the handbook that no file builds.

use super::resolve::{Lookup, anchor_like, describe, look_up, own_ids, site_links};
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::site::PageInSite;
use crate::site::target::{self, Target, Written};

pub static META: RuleMeta = RuleMeta {
    code: "LK001",
    name: "missing-page",
    group: Group::Links,
    summary: "link to a page the handbook does not have",
    docs: r#"## What it does
Reads every link of a page as the rendered site does and reports one whose page no file of the
repository builds: a root-relative link (`/handbook/x/`), a relative one (read from the page's
URL, as a browser reads it: on `/handbook/a/`, `../b/` is `/handbook/b/`), or an absolute link
to the handbook's own hosts (`https://about.gitlab.com/…`, `https://handbook.gitlab.com/…`).

Routes are the site generator's, detected from the repository's layout:
- **Middleman** (`sites/<site>/source/`, or `source/`): `x/index.html.md` and `x.html.md`
  (`.erb` too) are `/x/`; `_partials` are not pages; images and other files are served as they
  are.
- **Hugo** (`content/`): `x/_index.md`, `x/index.md` and `x.md` are `/x/`, lowercased.
`/x`, `/x/index.html` and `/x.html` find `/x/` too. A path that `data/redirects.yml` redirects
is LK003's, not this rule's. `[site]` in `hblint.toml` names other layouts.

The help names the nearest existing route: a page of the same name elsewhere (a page that
moved), or a close sibling. For a relative link that works when read from the file's folder
instead of the page's URL, it says so.

## Why is this bad?
A reader who follows the link gets a 404. Pages are renamed and moved all the time in a large
handbook; only a check that knows how the site is built finds the links left behind.

## Example
```markdown
See the [offboarding guide](/handbook/offboarding/).
```

## Use instead
```markdown
See the [offboarding guide](/handbook/people-group/offboarding/).
```

A relative link is also read from the page's file folder, as the generators serve it: Hugo's
link render hook looks pages up from there first (`../guide/_index.md` and `meetings/` work), and
Middleman serves some `x.html.md` pages at `/x.html`. A link that works either way is not
reported.

## Known limits
- A path in a part of the site the repository does not hold (a section with no page in the
  tree: another repository's pages, a snapshot's left-out parts) or a route built at build time
  (`[site] generated`, by default `**/performance-indicators/**`) cannot be verified: LK006
  (opt-in, info) lists them.
- Links in raw HTML (`<a href>`) and images are not read.
- Links in partials (`_x.html.md`, `includes/`) are checked only when root-relative: a relative
  link depends on the page that includes the partial.
"#,
    severity: Severity::Error,
    fix: false,
    params: &[],
};

pub struct MissingPage;

impl Rule for MissingPage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _page: &Page<'_>, _params: &Params, _out: &mut Sink<'_>) {}

    fn check_in_site(&self, page: &Page<'_>, site: Option<&PageInSite<'_>>, _params: &Params, out: &mut Sink<'_>) {
        let Some(place) = site else { return };
        for link in site_links(page, place) {
            let Target::Site { path, written, .. } = &link.target else { continue };
            if !matches!(look_up(place.site, path), Lookup::Missing) {
                continue;
            }
            // An id of this page written without its `#` is LK005's.
            if *written == Written::Relative
                && anchor_like(&link.syntax.url)
                && own_ids(page, place).contains(&link.syntax.url)
            {
                continue;
            }
            let shown = describe(page, &link, path);
            let diagnostic = out.report(link.span(), format!("link to {shown}, a page the handbook does not have"));
            // A relative link written as if read from the file's folder (`x.html.md` is served
            // at `/x/`, one level below its file).
            let from_file = (*written == Written::Relative)
                .then(|| {
                    let route = place.route.as_deref()?;
                    let parent = &route[..route.trim_end_matches('/').rfind('/')? + 1];
                    match target::read(&link.syntax.url, Some(parent), |_| None) {
                        Target::Site { path: other, .. } if place.site.find(&other).is_some() => Some(other),
                        _ => None,
                    }
                })
                .flatten();
            if let Some(advice) =
                (*written == Written::Relative).then(|| misread_relative(place, &link.syntax.url)).flatten()
            {
                diagnostic.help(advice);
            } else if let Some(other) = from_file {
                let route = place.route.as_deref().unwrap_or("/");
                let served_below_file = place.folder.as_deref().is_some_and(|folder| folder != route);
                if served_below_file && place.site.layout.generator == crate::site::layout::Generator::Middleman {
                    diagnostic.help(format!(
                        "a relative link is read from the page's URL ({route}), not from its file's folder; from the folder it would be '{other}': write that path"
                    ));
                } else {
                    diagnostic.help(format!("did you mean '{other}'? The path reaches it from one folder up"));
                }
            } else if let Some(near) = place.site.suggest(path) {
                diagnostic.help(format!("did you mean '{near}'?"));
            } else {
                diagnostic
                    .help("no file of the repository builds this page: link to where it is now, or remove the link");
            }
        }
    }
}

/// Advice for a relative destination that is plainly something else: a web address without its
/// scheme (`gitlab.com/x`), or a path from the site's root without its leading `/`.
fn misread_relative(place: &PageInSite<'_>, url: &str) -> Option<String> {
    let url = url.trim_start_matches("./");
    let first = url.split(['/', '#', '?']).next().unwrap_or_default();
    let looks_like_host = first.contains('.')
        && first
            .rsplit('.')
            .next()
            .is_some_and(|tld| (2..=6).contains(&tld.len()) && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        && !first.ends_with(".html")
        && !first.ends_with(".md");
    if looks_like_host {
        return Some(format!("'{url}' reads as a path on this site; a web address needs its scheme: 'https://{url}'"));
    }
    if url.starts_with("(http") || url.starts_with("<http") {
        return Some("the destination starts with a stray bracket before the URL: remove it".to_string());
    }
    let rooted = format!("/{url}");
    if let Target::Site { path, .. } = target::read(&rooted, None, |_| None)
        && place.site.find(&path).is_some()
    {
        return Some(format!("a path from the site's root starts with '/': write '{rooted}'"));
    }
    None
}
