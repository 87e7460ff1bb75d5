//! LK005 malformed-link: a destination no browser reads as its author meant.

use super::resolve::{anchor_like, own_ids, site_links};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::site::PageInSite;
use crate::site::target::{Target, Written};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "LK005",
    name: "malformed-link",
    group: Group::Links,
    summary: "link destination written wrong",
    docs: r#"## What it does
Reports a link destination that cannot mean what it says:
- a fragment with a second `#` (`#a/##b`, `/x/#a#b`): the browser looks for an id with `#` in it;
- a relative path that is an id of the page itself (`[Director](director-product)`): the
  `#` was left out, and the browser goes to `/this-page/director-product`, a 404 (fixable:
  the fix writes the `#`);
- a backslash in a path (`/handbook\x`): Windows separators are not URL separators.

## Why is this bad?
Each reads as valid Markdown and renders as a link, so only a reader who clicks finds out.

## Example
```markdown
See the [Director](director-product) level.

## Director, Product
```

## Use instead
```markdown
See the [Director](#director-product) level.

## Director, Product
```
"#,
    severity: Severity::Error,
    fix: true,
    params: &[],
};

pub struct MalformedLink;

impl Rule for MalformedLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _page: &Page<'_>, _params: &Params, _out: &mut Sink<'_>) {}

    fn check_in_site(&self, page: &Page<'_>, site: Option<&PageInSite<'_>>, _params: &Params, out: &mut Sink<'_>) {
        let Some(place) = site else { return };
        for link in site_links(page, place) {
            match &link.target {
                Target::Malformed(reason) => {
                    out.report(link.span(), format!("malformed link destination: {reason}"))
                        .help("a fragment is one '#' followed by one id: link to '#id' or '/path/#id'");
                }
                Target::Site { path, .. } if path.contains('\\') => {
                    out.report(link.span(), "a backslash in a link's path: URLs separate folders with '/'")
                        .help("write '/' instead of '\\'");
                }
                // Only when no page is there: `team/` may be both a heading and a subpage.
                Target::Site { written: Written::Relative, path, .. } if place.site.find(path).is_none() => {
                    let url = link.syntax.url.as_str();
                    if !anchor_like(url) || !own_ids(page, place).iter().any(|id| id == url) {
                        continue;
                    }
                    let diagnostic = out.report(
                        link.span(),
                        format!("'{url}' is a path relative to this page, but it names a heading of this page"),
                    );
                    diagnostic.help(format!("write '#{url}' to link to the heading"));
                    if let Some(span) = link.destination.filter(|s| page.slice(*s) == url) {
                        diagnostic.fix(vec![Edit { span: Span::new(span.start, span.start), replacement: "#".into() }]);
                    }
                }
                _ => {}
            }
        }
    }
}
