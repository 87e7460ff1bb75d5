//! LK006 unverifiable-link: a link into the handbook that the repository cannot confirm.

use super::resolve::{Lookup, look_up, site_links};
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::site::PageInSite;
use crate::site::target::Target;

pub static META: RuleMeta = RuleMeta {
    code: "LK006",
    name: "unverifiable-link",
    group: Group::Links,
    summary: "link the repository cannot verify (opt-in, info)",
    docs: r#"## What it does
Lists, at info level, the links into the site that the repository's files cannot confirm or
refute: a path in a section of the site with no page in the tree (`/company/team/` when the
repository holds only `/handbook/`: another repository's pages), or a route built at build time
from data (`[site] generated` in `hblint.toml`, by default `**/performance-indicators/**`).
Opt-in: select it (`--select LK006`) to see what LK001 leaves alone.

## Why is this bad?
It is not: these links may be fine. The list shows what a full check of the site would still
have to look at, so a team can add the missing routes to `[site] generated` or the layout.

## Example
```markdown
See the [team page](/company/team/).
```

## Use instead
Nothing to change; to silence the rule for a route built at build time:
```toml
[site]
generated = ["/company/team/**"]
```
"#,
    severity: Severity::Info,
    fix: false,
    params: &[],
};

pub struct UnverifiableLink;

impl Rule for UnverifiableLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _page: &Page<'_>, _params: &Params, _out: &mut Sink<'_>) {}

    fn check_in_site(&self, page: &Page<'_>, site: Option<&PageInSite<'_>>, _params: &Params, out: &mut Sink<'_>) {
        let Some(place) = site else { return };
        for link in site_links(page, place) {
            let Target::Site { path, .. } = &link.target else { continue };
            if !matches!(look_up(place.site, path), Lookup::Unverifiable) {
                continue;
            }
            let why = if place.site.options.generated.is_match(path.as_str()) {
                "a route built at build time ([site] generated)"
            } else {
                "no page of its section is in this repository"
            };
            out.report(link.span(), format!("cannot verify '{path}': {why}"))
                .help("check it on the built site, or name where its pages are in [site] of hblint.toml");
        }
    }
}
