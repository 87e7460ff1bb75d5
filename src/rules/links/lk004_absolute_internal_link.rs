//! LK004 absolute-internal-link: a link to the handbook written with its host.

use super::resolve::site_links;
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::site::PageInSite;
use crate::site::target::{Target, Written};

pub static META: RuleMeta = RuleMeta {
    code: "LK004",
    name: "absolute-internal-link",
    group: Group::Links,
    summary: "link to the handbook written with its host",
    docs: r#"## What it does
Reports a link to one of the handbook's own hosts written as an absolute URL
(`https://about.gitlab.com/handbook/x/`, `https://handbook.gitlab.com/handbook/x/`). The fix
writes the path alone (`/handbook/x/`), fragment and query kept. The hosts are
`[site] hosts` in `hblint.toml` (by default those two).

## Why is this bad?
An absolute link leaves the site being previewed (a review app, a local server) for the
production one, and it survives a move of the site to another host only through redirects.
A root-relative link is checked by LK001/LK002 like any other.

## Example
```markdown
See the [values](https://about.gitlab.com/handbook/values/).
```

## Use instead
```markdown
See the [values](/handbook/values/).
```

## Known limits
Autolinks (`<https://…>`) and bare URLs are reported without a fix: their text is the URL.
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

pub struct AbsoluteInternalLink;

impl Rule for AbsoluteInternalLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _page: &Page<'_>, _params: &Params, _out: &mut Sink<'_>) {}

    fn check_in_site(&self, page: &Page<'_>, site: Option<&PageInSite<'_>>, _params: &Params, out: &mut Sink<'_>) {
        let Some(place) = site else { return };
        for link in site_links(page, place) {
            let &Target::Site { written: Written::Absolute(host_len), .. } = link.target else { continue };
            let url = link.syntax.url.as_str();
            let host = url.get(..host_len).unwrap_or(url);
            let diagnostic = out.report(link.span(), format!("link to this site written with its host '{host}'"));
            // The fix rewrites the destination as written, when it starts with the host as read.
            let written = link
                .destination
                .map(|span| (span, page.slice(span)))
                .filter(|(_, text)| text.get(..host_len).is_some_and(|h| h.eq_ignore_ascii_case(host)));
            match written {
                Some((span, text)) => {
                    let rest = &text[host_len..];
                    let path = if rest.starts_with('/') { rest.to_string() } else { format!("/{rest}") };
                    diagnostic.help(format!("write the path alone: '{path}'"));
                    diagnostic.fix(vec![Edit { span, replacement: path }]);
                }
                None => {
                    diagnostic.help("write the link as [text](/path/) with the path alone");
                }
            }
        }
    }
}
