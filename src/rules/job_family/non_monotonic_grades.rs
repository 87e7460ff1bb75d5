//! JF002 non-monotonic-grades.

use crate::page::Page;
use crate::page::job_family::{Grade, GradeSentence, Level};
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "JF002",
    name: "non-monotonic-grades",
    group: Group::JobFamily,
    summary: "a level's grade is lower than the grade of the level before it on the same ladder",
    docs: r#"## What it does
Walks the levels of a job-family page in order and reports a level whose grade is lower than the
grade of the level listed before it on the same ladder. Equal grades are allowed.

A ladder restarts where the page switches between the individual-contributor track and the
people-manager track ("Manager, X", "X Manager" when the family's own title lacks "Manager",
Director, VP, Head of…), and where levels move under another grouping heading (`# IC Levels`,
`# People Manager Levels`, a sub-family's own `## Levels`). A Manager at grade 8 listed after a
Distinguished engineer at grade 10 is by design.

## Why is this bad?
Levels are listed from junior to senior. A grade that goes down is almost always a copy-paste
error in the grade or in the order of the sections, and it publishes a wrong compensation band.

## Example
```markdown
## Staff Data Analyst
### Job Grade
The Staff Data Analyst is a [grade 8](…).

## Principal Data Analyst
### Job Grade
The Principal Data Analyst is a [grade 7](…).
```

## Use instead
```markdown
## Principal Data Analyst
### Job Grade
The Principal Data Analyst is a [grade 9](…).
```
"#,
    severity: Severity::Error,
    fix: false,
    params: &[],
};

/// Grades that go down along a ladder.
pub struct NonMonotonicGrades;

impl Rule for NonMonotonicGrades {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &crate::rules::Params, out: &mut Sink<'_>) {
        let Some(job) = &page.job else { return };
        let mut previous: Option<(&Level, &GradeSentence)> = None;
        let mut previous_level: Option<&Level> = None;
        for level in &job.levels {
            let same_ladder =
                previous_level.is_some_and(|p| p.group == level.group && p.people_manager == level.people_manager);
            if !same_ladder {
                previous = None;
            }
            previous_level = Some(level);
            let Grade::Stated(grade) = &level.grade else { continue };
            if let Some((prev_level, prev)) = previous
                && grade.value < prev.value
            {
                out.report(
                    grade.sentence_span,
                    format!(
                        "grade {} of '{}' is lower than grade {} of '{}' above it",
                        grade.value, level.title, prev.value, prev_level.title
                    ),
                )
                .label(prev.sentence_span, format!("'{}' is grade {} here", prev_level.title, prev.value))
                .help("list levels from the lowest grade up, or correct the grade; put another ladder under its own heading");
            }
            previous = Some((level, grade));
        }
    }
}
