//! JF011 equal-grade-higher-rank.

use super::non_monotonic_grades::consecutive_grades;
use crate::page::Page;
use crate::page::levels;
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "JF011",
    name: "equal-grade-higher-rank",
    group: Group::JobFamily,
    summary: "a level whose title claims a higher rank has the same grade as the level before it",
    docs: r#"## What it does
Walks each ladder of a job-family page as `non-monotonic-grades` (JF002) does (one track: the
same role words, the same grouping heading, the same individual-contributor or people-manager
track) and reports a level whose grade equals the grade of the level before it although its
title claims a higher rank: Manager 8 then Senior Manager 8, Senior 7 then Staff 7.

Ranks come from the title's level words: Intern, Junior, Associate, (none: intermediate), Senior,
Staff, Principal, Distinguished, Fellow on the individual-contributor track; Manager, Director,
VP, Chief on the people-manager track, each one step higher with "Senior". Titles with "Lead",
"Head of" or several level words have no rank and are never reported.

## Why is this bad?
A promotion that keeps the grade is not a promotion in the compensation calculator: an equal
grade under a higher title is most often a grade copied from the level above.

## Example
```markdown
## Manager, Data
### Job Grade
The Manager, Data is a [grade 8](…).

## Senior Manager, Data
### Job Grade
The Senior Manager, Data is a [grade 8](…).
```

## Use instead
```markdown
## Senior Manager, Data
### Job Grade
The Senior Manager, Data is a [grade 9](…).
```

## Known limits
On the GitLab job-family pages the rule gives 7 findings, all read (Manager 9 → Senior Manager 9
on three pages, Staff 9 → Principal 9, Senior Area Sales Manager 9 after the intermediate one).
Some families do grade two titles alike on purpose (a Junior and an Intermediate level at the
same grade while a ladder is being built): suppress the finding on that line with a comment.
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// Equal grades under a title that claims a higher rank.
pub struct EqualGradeHigherRank;

impl Rule for EqualGradeHigherRank {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &crate::rules::Params, out: &mut Sink<'_>) {
        let Some(job) = &page.job else { return };
        for (level, grade, prev_level, prev) in consecutive_grades(&job.levels) {
            if grade.value != prev.value {
                continue;
            }
            let rank = levels::rank(&levels::analyze(&level.title), level.people_manager);
            let prev_rank = levels::rank(&levels::analyze(&prev_level.title), prev_level.people_manager);
            let (Some(rank), Some(prev_rank)) = (rank, prev_rank) else { continue };
            if rank <= prev_rank {
                continue;
            }
            out.report(
                grade.sentence_span,
                format!(
                    "'{}' is grade {}, the same grade as '{}' above it, though its title claims a higher rank",
                    level.title, grade.value, prev_level.title
                ),
            )
            .label(prev.sentence_span, format!("'{}' is grade {} here", prev_level.title, prev.value))
            .help("give the higher level its own grade, or correct the title if the two are one level");
        }
    }
}
