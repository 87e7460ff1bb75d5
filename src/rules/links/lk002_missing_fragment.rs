//! LK002 missing-fragment: a link's `#fragment` names no id of the page it points at.

use super::resolve::{Lookup, look_up, nearest_id, needs_no_id, own_ids, site_links};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::site::PageInSite;
use crate::site::target::Target;
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "LK002",
    name: "missing-fragment",
    group: Group::Links,
    summary: "link to an anchor the target page does not have",
    docs: r#"## What it does
Reports a link whose `#fragment` matches no id of the page it points at, on the same page or
another page of the handbook, with the ids as the site generator makes them:
- **kramdown** (Middleman): from the heading's source text, leading non-letters dropped,
  characters other than `A-Z a-z 0-9 - space` dropped, spaces to `-`, lowercase, `-1`, `-2`
  for repeats (`## Director, Product & Design` is `#director-product--design`); `{: #id}`,
  `{#id}`, `<a id>`, `<a name>` and HTML `id="…"` too.
- **Goldmark** (Hugo): from the heading's rendered text, letters, digits and `_` kept
  lowercased, spaces and `-` to `-`; `{#id}` attributes.

The help names the nearest id; an id that differs only in case is named as such and fixed
(browsers match fragments case-sensitively).

## Why is this bad?
The reader lands at the top of a long page instead of the section meant. Headings are renamed
("Director of Engineering" became "Director, Engineering") and the links that named the old id
(`#director-of-engineering`) go on pointing at nothing, on other pages where no one looks.

## Example
```markdown
Reports to the [Director, Product](/job-families/product/product-management/#director-of-product).
```

## Use instead
```markdown
Reports to the [Director, Product](/job-families/product/product-management/#director-product).
```

## Known limits
- Pages that include other files at build time (ERB output `<%= … %>`, Hugo's `include` and
  `readfile` shortcodes) or whose layout builds them from data (`[site] data-layouts`, by
  default `release`: GitLab's release posts) may have ids hblint cannot see: a missing fragment
  on such a page is not reported.
- `#top`, footnotes (`#fn:1`) and text fragments (`#:~:text=`) need no id.
- markdownlint's MD051 checks same-page fragments with GitHub's ids; on a handbook, LK002's
  are the site's.
"#,
    severity: Severity::Error,
    fix: true,
    params: &[],
};

pub struct MissingFragment;

impl Rule for MissingFragment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _page: &Page<'_>, _params: &Params, _out: &mut Sink<'_>) {}

    fn check_in_site(&self, page: &Page<'_>, site: Option<&PageInSite<'_>>, _params: &Params, out: &mut Sink<'_>) {
        let Some(place) = site else { return };
        // The page's own ids, from the text being linted, on first need.
        let unknowable = std::cell::OnceCell::new();
        let own_ids = || {
            let unknowable = *unknowable.get_or_init(|| place.site.ids_unknowable(&page.source.text));
            (!unknowable).then(|| own_ids(page, place))
        };
        let own_route = place.route.as_deref();
        for link in site_links(page, place) {
            let (fragment, path) = match &link.target {
                Target::SamePage { fragment } => (fragment, None),
                Target::Site { fragment: Some(fragment), path, .. } => (fragment, Some(path.as_str())),
                _ => continue,
            };
            if needs_no_id(fragment) {
                continue;
            }
            let same_page = match path {
                None => true,
                Some(path) => own_route.is_some_and(|route| place.site.find(path).is_some_and(|e| *e.route == *route)),
            };
            // Another page's ids are kept as hashes: read again only when the id is missing,
            // for the message's nearest id.
            let read_ids;
            let (ids, target): (Vec<&str>, String) = if same_page {
                if own_route.is_none() {
                    continue;
                }
                let Some(ids) = own_ids() else { continue };
                (ids.iter().map(String::as_str).collect(), "this page".to_string())
            } else {
                let Some(path) = path else { continue };
                let Lookup::Found(entry) = look_up(place.site, path) else { continue };
                if place.site.has_id(entry, fragment) != Some(false) {
                    continue;
                }
                let Some(ids) = place.site.ids_of(entry) else { continue };
                read_ids = ids;
                (read_ids.iter().map(String::as_str).collect(), format!("'{}'", entry.route))
            };
            if ids.contains(&fragment.as_str()) {
                continue;
            }
            let span = fragment_span(page, &link, fragment).unwrap_or_else(|| link.span());
            let nearest = nearest_id(fragment, ids.iter().copied());
            let message = match nearest {
                Some((id, true)) => format!("'#{fragment}' differs only in case from the id '#{id}' on {target}"),
                _ => format!("'#{fragment}' is no anchor on {target}"),
            };
            let diagnostic = out.report(span, message);
            match nearest {
                Some((id, true)) => {
                    diagnostic.help(format!("write '#{id}': browsers match fragments case-sensitively"));
                    if span != link.span() || page.slice(span) == fragment {
                        diagnostic.fix(vec![Edit { span, replacement: id.to_string() }]);
                    }
                }
                Some((id, false)) => {
                    diagnostic.help(format!("did you mean '#{id}'?"));
                }
                None if !same_page
                    && own_route.is_some()
                    && own_ids().is_some_and(|ids| ids.iter().any(|id| id == fragment)) =>
                {
                    diagnostic
                        .help(format!("the id '#{fragment}' is on this page, not on {target}: write '#{fragment}'"));
                }
                None => {
                    diagnostic.help(format!(
                        "{} has no heading or element with this id: link to a heading it has, or to the page alone",
                        if same_page { "this page" } else { target.as_str() }
                    ));
                }
            }
        }
    }
}

/// Where the fragment is written in the destination (after its `#`), when it is written as
/// read (not percent-encoded).
fn fragment_span(page: &Page<'_>, link: &super::resolve::SiteLink<'_>, fragment: &str) -> Option<Span> {
    let destination = link.destination?;
    let written = page.source.text.get(destination.start..destination.end)?;
    let hash = written.rfind('#')?;
    let start = destination.start + hash + 1;
    (written[hash + 1..] == *fragment).then(|| Span::new(start, destination.end))
}
