//! LK007 removed-page-linked: a merge request removes or renames a page that other pages still
//! link to, without a redirect.
//!
//! This rule reads no page on its own: with `--changed-since`, the run makes its findings (see
//! `cli/removed_pages.rs`) from the change's deleted and renamed files and the site index.

use super::resolve::site_links;
use crate::diagnostic::{Diagnostic, Edit};
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::site::PageInSite;
use crate::site::target::Target;
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "LK007",
    name: "removed-page-linked",
    group: Group::Links,
    summary: "a change removes a page other pages link to",
    docs: r#"## What it does
In a merge request (`hblint check --changed-since main`), finds the pages the change deletes or
renames, and reports every link elsewhere in the handbook that still points at one of them when
no file serves its route any more and `data/redirects.yml` has no redirect for it:
"this removes /job-families/x/, linked from 12 pages". The findings are on the linking pages,
which the change did not touch, so the merge request that breaks them is the one that fails
(`--new-only` keeps them: the change made them). For a renamed page the fix writes its new
route.

## Why is this bad?
A full run would report these links as LK001 on pages nobody in the merge request looks at,
after the merge. A redirect, or the links updated in the same merge request, keeps every
reader's bookmark and every page's link working.

## Example
A merge request renames `job-families/x/index.html.md` to `job-families/y/index.html.md`, and
another page says:
```markdown
Reports to the [X](/job-families/x/).
```

## Use instead
```markdown
Reports to the [X](/job-families/y/).
```
or add the redirect the handbook asks for:
```yaml
- sources: /job-families/x/
  target: /job-families/y/
  comp_op: '='
```

## Known limits
Only with `--changed-since`; a full run reports the same links as LK001.
"#,
    severity: Severity::Error,
    fix: true,
    params: &[],
};

pub struct RemovedPageLinked;

impl Rule for RemovedPageLinked {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _page: &Page<'_>, _params: &Params, _out: &mut Sink<'_>) {}
}

/// A page the change removes: its route, the file it was, and where a rename took it.
#[derive(Debug, Clone)]
pub struct RemovedPage {
    pub route: String,
    pub file: String,
    /// The renamed file and the route it is served at now.
    pub renamed_to: Option<(String, String)>,
}

/// A link to a removed page.
#[derive(Debug, Clone, Copy)]
pub struct LinkToRemoved {
    /// Which of the removed pages (an index into the list given).
    pub removed: usize,
    pub span: Span,
    /// Where the destination is written, for the fix.
    pub destination: Option<Span>,
}

/// The links of `page` to one of `removed`.
pub fn links_to_removed(page: &Page<'_>, place: &PageInSite<'_>, removed: &[RemovedPage]) -> Vec<LinkToRemoved> {
    let mut found = Vec::new();
    for link in site_links(page, place) {
        let Target::Site { path, .. } = &link.target else { continue };
        if place.site.find(path).is_some() {
            continue;
        }
        let bare = path.trim_end_matches('/');
        let stem = bare.strip_suffix("/index.html").or_else(|| bare.strip_suffix(".html")).unwrap_or(bare);
        if let Some(i) = removed.iter().position(|r| r.route.trim_end_matches('/') == stem) {
            found.push(LinkToRemoved { removed: i, span: link.span(), destination: link.destination });
        }
    }
    found
}

/// The finding for one link to a removed page; `pages` is how many pages link to it.
pub fn diagnostic(
    span: Span,
    destination: Option<(Span, &str)>,
    removed: &RemovedPage,
    pages: usize,
    severity: Severity,
) -> Diagnostic {
    let how = match &removed.renamed_to {
        Some((file, _)) => format!("renames {} to {file}", removed.file),
        None => format!("deletes {}", removed.file),
    };
    let mut diagnostic = Diagnostic {
        rule: &META,
        severity,
        message: format!(
            "this change removes '{}' ({how}), linked from {pages} page{}, with no redirect",
            removed.route,
            if pages == 1 { "" } else { "s" }
        ),
        span,
        labels: Vec::new(),
        help: None,
        fix: None,
    };
    match &removed.renamed_to {
        Some((_, route)) => {
            diagnostic.help(format!(
                "link to '{route}', or add a redirect from '{}' to '{route}' in data/redirects.yml",
                removed.route
            ));
            if let Some((span, written)) = destination {
                let fragment = written.find('#').map_or("", |i| &written[i..]);
                diagnostic.fix(vec![Edit { span, replacement: format!("{route}{fragment}") }]);
            }
        }
        None => {
            diagnostic.help(format!(
                "add a redirect from '{}' in data/redirects.yml, or update this link in the same change",
                removed.route
            ));
        }
    }
    diagnostic
}
