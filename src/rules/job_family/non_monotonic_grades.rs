//! JF002 non-monotonic-grades.

use crate::page::Page;
use crate::page::job_family::{Grade, GradeSentence, Level};
use crate::page::levels;
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "JF002",
    name: "non-monotonic-grades",
    group: Group::JobFamily,
    summary: "a level's grade is lower than the grade of the level before it on the same ladder",
    docs: r#"## What it does
Walks the levels of a job-family page in order and reports a level whose grade is lower than the
grade of the level listed before it on the same ladder. Equal grades are allowed.

A ladder is one track: the role a title names without its level words ("Senior Manager,
Community Programs" and "Community Programs Manager" are both on track *Community Programs*).
Grades rise within a track and restart where the track changes, as where a page lists a second
sub-family after the first (the Community Programs Evangelist ladder, then the Community
Programs Associate one). A ladder also restarts where the page switches between the
individual-contributor track and the people-manager track ("Manager, X", "X Manager" when the family's own title lacks "Manager",
Director, VP, Head of…), and where levels move under another grouping heading (`# IC Levels`,
`# People Manager Levels`, a sub-family's own `## Levels`). A Manager at grade 8 listed after a
Distinguished engineer at grade 10 is by design.

Equal grades are allowed here; `equal-grade-higher-rank` (JF011) reports equal grades where the
title claims a higher rank on the same track.

## Known limits
A track is compared by its exact words, so a ladder whose titles change wording between levels
("Group Manager, Product", "Director of Product Management", "VP of Product") is three tracks and
its grades are not compared. A lateral role listed after the top of a ladder ("Senior Director
of Product Monetization" after "VP of Product") is a track of its own and is not reported.

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
        for (level, grade, prev_level, prev) in consecutive_grades(&job.levels) {
            if grade.value < prev.value {
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
        }
    }
}

/// A graded level and the graded level before it on the same ladder: same grouping heading, same
/// individual-contributor or people-manager track, same role words. Levels without a stated
/// grade are skipped without breaking the ladder; a level on another ladder restarts it.
pub(crate) fn consecutive_grades(
    levels: &[Level],
) -> impl Iterator<Item = (&Level, &GradeSentence, &Level, &GradeSentence)> + '_ {
    let mut previous: Option<(&Level, &GradeSentence)> = None;
    let mut previous_level: Option<(&Level, std::collections::BTreeSet<String>)> = None;
    levels.iter().filter_map(move |level| {
        let track = levels::track(&level.title);
        let same_ladder = previous_level.as_ref().is_some_and(|(p, p_track)| {
            p.group == level.group && p.people_manager == level.people_manager && *p_track == track
        });
        if !same_ladder {
            previous = None;
        }
        previous_level = Some((level, track));
        let Grade::Stated(grade) = &level.grade else { return None };
        let pair = previous.map(|(prev_level, prev)| (level, grade, prev_level, prev));
        previous = Some((level, grade));
        pair
    })
}
