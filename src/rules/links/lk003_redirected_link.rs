//! LK003 redirected-link: a link to a path `data/redirects.yml` redirects.

use super::resolve::{Lookup, look_up, site_links};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::site::PageInSite;
use crate::site::redirects::Match;
use crate::site::target::Target;

pub static META: RuleMeta = RuleMeta {
    code: "LK003",
    name: "redirected-link",
    group: Group::Links,
    summary: "link to a path the handbook redirects",
    docs: r#"## What it does
Reports a link to a path that no page builds and that the handbook's `data/redirects.yml`
redirects (read as it is: `sources`, `target`, `comp_op` `=` exact, `^~` prefix, `~` regular
expression matched from the path's start). The fix writes the redirect's target, keeping the
link's fragment, for an exact redirect.

## Why is this bad?
Every reader pays a redirect, a prefix or pattern redirect may land somewhere less precise than
the page meant, and the link breaks for good when the redirect is cleaned up. The handbook asks
that links be updated when a page moves.

## Example
```markdown
See [business operations](/handbook/business-ops/).
```

## Use instead
```markdown
See [business operations](/handbook/business-technology/).
```

## Known limits
- The fix is offered for exact (`=`) redirects whose link is written as a plain destination;
  for prefix and pattern redirects the message names the target to check by hand.
- The redirects file is found at `data/redirects.yml` under the repository root, or where
  `[site] redirects` in `hblint.toml` says.
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[],
};

pub struct RedirectedLink;

impl Rule for RedirectedLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _page: &Page<'_>, _params: &Params, _out: &mut Sink<'_>) {}

    fn check_in_site(&self, page: &Page<'_>, site: Option<&PageInSite<'_>>, _params: &Params, out: &mut Sink<'_>) {
        let Some(place) = site else { return };
        for link in site_links(page, place) {
            let Target::Site { path, fragment, .. } = &link.target else { continue };
            let Lookup::Redirected(redirect) = look_up(place.site, path) else { continue };
            // The file as the repository names it (`data/redirects.yml`).
            let file = place.site.redirects_file.as_deref().map_or_else(
                || "redirects.yml".to_string(),
                |p| crate::paths::display_path(p.strip_prefix(&place.site.layout.root).unwrap_or(p)),
            );
            let diagnostic = out.report(
                link.span(),
                format!("'{path}' is redirected to '{}' ({file}, line {})", redirect.target, redirect.line),
            );
            let mut target = redirect.target.clone();
            if let Some(fragment) = fragment
                && !target.contains('#')
            {
                target.push('#');
                target.push_str(fragment);
            }
            match (redirect.how, link.destination) {
                (Match::Exact, Some(span)) if !page.slice(span).contains(char::is_whitespace) => {
                    diagnostic.help(format!("link to '{target}' directly"));
                    diagnostic.fix(vec![Edit { span, replacement: target }]);
                }
                _ => {
                    diagnostic.help(format!(
                        "link to where the page is now; the redirect sends readers to '{}'",
                        redirect.target
                    ));
                }
            }
        }
    }
}
