//! JF001 missing-job-grade.

use crate::page::Page;
use crate::page::job_family::Grade;
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "JF001",
    name: "missing-job-grade",
    group: Group::JobFamily,
    summary: "a level has no Job Grade section, or its Job Grade section gives no grade number",
    docs: r#"## What it does
Finds levels of a job-family page (a heading that owns Responsibilities or Requirements) with no
`Job Grade` section, and Job Grade sections that state no grade number.

A heading under Specialties, Segment or Performance Indicators that has Responsibilities but no
Job Grade is a specialty, not a level, and is not reported. A heading with no section at all is a
level too when its title says so and its place agrees: a seniority word (Director, VP, Senior…)
and a role word of the family, at the same depth and under the same heading as graded levels
(`### VP of Support` among `### Manager, Support Engineering` and its siblings). "is not aligned to a job grade" (as
written for interns) is an explicit absence and is not reported either.

A level that states its grade without a Job Grade heading is reported too, saying where the
sentence sits: directly under the level's heading, or under which other sub-heading.

## Why is this bad?
The grade decides the compensation band: candidates and the compensation calculator read it from
this section. A level without one cannot be hired into.

## Example
```markdown
## Senior Data Analyst

### Responsibilities
* Own the data model
```

## Use instead
```markdown
## Senior Data Analyst

### Job Grade
The Senior Data Analyst is a [grade 7](/handbook/total-rewards/compensation/compensation-calculator/#gitlab-job-grades).

### Responsibilities
* Own the data model
```
"#,
    severity: Severity::Error,
    fix: false,
    params: &[],
};

/// Levels without a usable grade.
pub struct MissingJobGrade;

impl Rule for MissingJobGrade {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &crate::rules::Params, out: &mut Sink<'_>) {
        let Some(job) = &page.job else { return };
        for level in &job.levels {
            match &level.grade {
                Grade::MissingSection => {
                    out.report(level.span, format!("level '{}' has no Job Grade section", level.title)).help(
                        "add a '### Job Grade' section: 'The <Level> is a [grade N](/handbook/total-rewards/compensation/compensation-calculator/#gitlab-job-grades).'",
                    );
                }
                Grade::Unlabeled { sentence_span } => {
                    // The sentence sits in the level's own introduction, or under one of its
                    // sub-headings ("### Overview"): say which.
                    let before = page.headings.partition_point(|h| h.span.start < sentence_span.start);
                    let under = before
                        .checked_sub(1)
                        .map(|h| &page.headings[h])
                        .filter(|h| Some(h.span) != level.heading.map(|l| page.headings[l].span));
                    let message = match under {
                        Some(heading) => format!(
                            "level '{}' has no Job Grade section; its grade sentence sits under the sub-heading '{}'",
                            level.title, heading.text
                        ),
                        None => format!(
                            "level '{}' has no Job Grade section; its grade sentence sits directly under the level's heading",
                            level.title
                        ),
                    };
                    out.report(level.span, message)
                        .label(*sentence_span, "grade sentence")
                        .help("put the grade sentence under a '### Job Grade' sub-heading of the level, where the compensation calculator's links point");
                }
                Grade::NoNumber { span } => {
                    out.report(*span, format!("the Job Grade section of '{}' gives no grade number", level.title))
                        .help("state the grade as 'is a [grade N](…)', or write 'is not aligned to a job grade'");
                }
                Grade::NotAligned | Grade::Several | Grade::Elsewhere | Grade::Stated(_) => {}
            }
        }
    }
}
