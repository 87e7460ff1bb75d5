//! LD001 title-grade-conflict: one title, two grades, on two job-family pages.
//!
//! A cross-page rule: it reads the ladders of every job family of the handbook (`site::ladder`),
//! built once per run, and reports on the page it checks each level whose title another page
//! grades otherwise.

use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::site::PageInSite;
use crate::site::ladder::{FamilyLadder, GradeConflict};

pub static META: RuleMeta = RuleMeta {
    code: "LD001",
    name: "title-grade-conflict",
    group: Group::Ladder,
    summary: "the same job title has a different grade on another job-family page",
    docs: r#"## What it does
Compares every level of every job-family page of the handbook by title, and reports a level whose
title another page gives another grade: on each of the two pages, at the level's heading, naming
the other page, its line and its grade.

Titles compare by their words: case, punctuation, "Sr." for "Senior" and an "(Intermediate)"
do not matter; word order does ("Manager, Product" is a people manager, "Product Manager" is
not). A heading made only of level words ("Senior", "Manager", "Director") names a level of its
own page's family and is not compared. Two pages at the same route (one family written twice)
are not compared with each other. A level without one stated grade (none, several, "not
aligned") is not compared.

The rule needs every job-family page, also when only one file is linted: hblint reads the
`/job-families/` pages of the repository once per run, the first time the rule runs, from the
site layout it detects (`sites/*/source/` for Middleman, `content/` for Hugo, or `[site]` in
`hblint.toml`). A page outside a site layout gets no finding; `hblint ladder` compares the pages
it is given wherever they are.

## Why is this bad?
A grade sets the pay band. Two pages that grade one title differently tell candidates and
managers two things, and one of them is wrong; a recruiter who copies the wrong page offers the
wrong band.

## Example
`/job-families/marketing/product-manager-marketing/`:

```markdown
### Senior Product Manager

#### Job Grade

The Senior Product Manager is a [grade 9](/handbook/total-rewards/compensation/compensation-calculator/#gitlab-job-grades).
```

while `/job-families/product/product-manager/` says the Senior Product Manager is a grade 8.

## Use instead
Give the title the same grade on both pages, or give the two roles titles that tell them apart
("Senior Product Marketing Manager").

## Known limits
Titles are compared as written: two titles for one role ("Senior PMM" and "Senior Product
Marketing Manager") are not matched, and one title used for two roles in two departments is
reported when their grades differ, which is then a naming problem.
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// The rule: it compares the page's ladder with the job families of its site (`LadderIndex`).
pub struct TitleGradeConflict;

impl Rule for TitleGradeConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs_site(&self) -> bool {
        true
    }

    /// Outside a site there is no other page to compare with.
    fn check(&self, _page: &Page<'_>, _params: &Params, _out: &mut Sink<'_>) {}

    fn check_in_site(&self, page: &Page<'_>, site: Option<&PageInSite<'_>>, _params: &Params, out: &mut Sink<'_>) {
        let (Some(site), Some(_)) = (site, &page.job) else { return };
        let Some(route) = site.route.as_deref().filter(|r| r.starts_with("/job-families/")) else { return };
        let Some(family) = FamilyLadder::with_ids(page, route, site.site.style) else { return };
        let conflicts = site.site.ladders().grade_conflicts(&family);
        report(&family, &conflicts, page, out);
    }
}

/// The message and help of one conflict, for a page and for the ladder picture alike.
pub fn describe(family: &FamilyLadder, conflict: &GradeConflict<'_>) -> (String, String) {
    let level = &family.levels[conflict.level];
    let first = &conflict.others[0];
    let more = conflict.others.len() - 1;
    let also =
        if more > 0 { format!(" (and {more} other page{})", if more == 1 { "" } else { "s" }) } else { String::new() };
    let message = format!(
        "'{}' is grade {} here but grade {} on {}{also}",
        level.title, conflict.grade, first.grade, first.family.route
    );
    let places: Vec<String> = conflict
        .others
        .iter()
        .take(4)
        .map(|o| {
            format!(
                "{}:{} ('{}', grade {})",
                crate::paths::repo_path(&o.family.path),
                o.level.line,
                o.level.title,
                o.grade
            )
        })
        .collect();
    let help = format!(
        "give the title one grade on every page, or a title that tells the roles apart; see {}",
        places.join(", ")
    );
    (message, help)
}

/// Reports the conflicts of the page's family, at each level's heading.
pub fn report(family: &FamilyLadder, conflicts: &[GradeConflict<'_>], page: &Page<'_>, out: &mut Sink<'_>) {
    let Some(job) = &page.job else { return };
    for conflict in conflicts {
        // The ladder was made from this page's model: its levels are the model's, in order.
        let Some(level) = job.levels.get(conflict.level) else { continue };
        if level.title != family.levels[conflict.level].title {
            continue;
        }
        let (message, help) = describe(family, conflict);
        out.report(level.span, message).help(help);
    }
}
