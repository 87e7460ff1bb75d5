//! LD003 stale-job-family-entry: a route in `data/people_group/job_families.yml` with no page.
//!
//! This rule reads no page: its findings are about the data file, and the run makes them (see
//! `cli/data_files.rs`) from the list the configuration loaded and the pages on disk, as IL007's.

use crate::diagnostic::Diagnostic;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::site::job_families::{JobFamilyList, ListedRoute, job_family_route};
use crate::source::LineIndex;
use std::collections::HashSet;
use std::path::Path;

pub static META: RuleMeta = RuleMeta {
    code: "LD003",
    name: "stale-job-family-entry",
    group: Group::Ladder,
    summary: "a route in data/people_group/job_families.yml whose job-family page does not exist",
    docs: r#"## What it does
Reads the handbook's list of job families, `data/people_group/job_families.yml`, and reports each
route under `/job-families/` that no page of the repository serves, at the route's line in the
data file. A page serves `/job-families/x/` when it is `…/job-families/x/index.html.md`,
`…/job-families/x.html.md` (or `.html.md.erb`), or Hugo's `…/job-families/x/_index.md` or
`x.md`; routes compare with one trailing slash, the handbook's own hosts and any `#fragment`
dropped.

The list is found as LD002 finds it (`[handbook] job-families` in `hblint.toml`, else
`data/people_group/job_families.yml` under the config's folder or the git root); pages are
looked for under the folder that holds `data/`.

The check runs when hblint lints a directory (`hblint check .`), or with `--changed-since` when
the data file itself changed, so that a merge request that does not touch the list is not failed
for it. A run over named files does not report stale entries.

## Why is this bad?
The compensation calculator links each listed family to its page: an entry whose page was
removed or renamed links to a page that does not exist, and the family's new page, if any, is
unlisted (LD002).

## Example
```yaml
- title: Billing
  description: "/job-families/finance/billing-specialist/"   # the page is now /job-families/finance/billing/
```

## Use instead
Correct the route to the page's new one, or remove the entry, in the Compensation Calculator
project (the handbook's copy is generated from it).

A route with no page that the site's redirects (`data/redirects.yml`) send elsewhere by an
exact (`=`) or prefix (`^~`) redirect is reported as redirected, with the target: the list should
name the page itself. Regular-expression redirects (`~`) are not followed: they match anywhere in
a path (`~ /product/` matches every `/job-families/product/…` route, whose pages the site
serves).

## Known limits
Against a partial export of the handbook, entries for pages the export lacks are reported:
they are stale against that export, not necessarily against the handbook (86 of the 227 routes
on the corpus hblint is tested on).
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// The rule as the registry lists it; it finds nothing on a page.
pub struct StaleJobFamilyEntry;

impl Rule for StaleJobFamilyEntry {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _page: &Page<'_>, _params: &Params, _out: &mut Sink<'_>) {}
}

/// The list's routes under `/job-families/` that none of `pages` serves, in file order.
pub fn stale<'a>(list: &'a JobFamilyList, pages: impl IntoIterator<Item = &'a Path>) -> Vec<&'a ListedRoute> {
    let served: HashSet<String> = pages.into_iter().filter_map(job_family_route).collect();
    list.routes.iter().filter(|r| r.route.starts_with("/job-families/") && !served.contains(&r.route)).collect()
}

/// Where the site redirects a stale route: the target, and the redirects file and line that say so.
pub struct Redirected<'a> {
    pub target: &'a str,
    pub file: &'a Path,
    pub line: usize,
}

/// The finding for one stale route of the data file whose text is `text`.
pub fn diagnostic(
    entry: &ListedRoute,
    redirected: Option<Redirected<'_>>,
    text: &str,
    lines: &LineIndex,
    severity: Severity,
) -> Diagnostic {
    let mut diagnostic = Diagnostic {
        rule: &META,
        severity,
        message: match &redirected {
            Some(r) => format!("'{}' ({}) is redirected to '{}'", entry.written.trim(), entry.title, r.target),
            None => format!("'{}' ({}) names no job-family page", entry.written.trim(), entry.title),
        },
        span: lines.rest_of_line(text, entry.line, entry.column),
        labels: Vec::new(),
        help: None,
        fix: None,
    };
    if let Some(r) = redirected {
        diagnostic.help(format!(
            "list the family's page itself, '{}', in the Compensation Calculator's job_families.yml ({}:{} redirects the old route)",
            r.target,
            r.file.display(),
            r.line
        ));
        return diagnostic;
    }
    let folder = entry.route.trim_matches('/');
    diagnostic.help(format!(
        "correct the route to the family's page, or remove the entry, in the Compensation Calculator's job_families.yml (looked for {folder}/index.html.md, {folder}.html.md and their .erb and Hugo forms)"
    ));
    diagnostic
}
