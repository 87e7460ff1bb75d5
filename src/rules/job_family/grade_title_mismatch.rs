//! JF005 grade-title-mismatch.

use crate::page::Page;
use crate::page::job_family::Grade;
use crate::page::levels::{TitleWords, analyze};
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "JF005",
    name: "grade-title-mismatch",
    group: Group::JobFamily,
    summary: "the subject of a grade sentence names another level than its heading",
    docs: r#"## What it does
Compares the subject of a level's grade sentence ("The Senior Data Analyst is a grade 7") with the
level's heading. Seniority words (Junior, Associate, Senior, Lead, Staff, Principal,
Distinguished, Fellow, Manager, Director, VP…; "Sr." counts as Senior) must be the same, and the
other words must be the same set. Word order, punctuation, an omitted "(Intermediate)" and generic
subjects ("The role", "This position") are fine.

## Why is this bad?
A grade sentence that names another level is a copy-paste from the level above or below: the
grade next to it is then often the copied one too, and readers cannot tell which is meant.

## Example
```markdown
## Staff Data Analyst
### Job Grade
The Senior Data Analyst is a [grade 8](…).
```

## Use instead
```markdown
## Staff Data Analyst
### Job Grade
The Staff Data Analyst is a [grade 8](…).
```
"#,
    severity: Severity::Error,
};

/// Grade sentences about another level.
pub struct GradeTitleMismatch;

/// Subjects that name no level at all.
fn is_generic(subject: &TitleWords) -> bool {
    subject.seniority.is_empty()
        && subject.words.iter().all(|w| matches!(w.as_str(), "this" | "job" | "team" | "member" | "it" | "person"))
}

impl Rule for GradeTitleMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, out: &mut Sink<'_>) {
        let Some(job) = &page.job else { return };
        for level in &job.levels {
            let (Grade::Stated(grade), Some(_)) = (&level.grade, level.heading) else { continue };
            let Some((subject, _)) = &grade.subject else { continue };
            let said = analyze(subject);
            if is_generic(&said) {
                continue;
            }
            let title = analyze(&level.title);
            if said.seniority != title.seniority || said.words != title.words {
                out.report(
                    grade.sentence_span,
                    format!("grade sentence names '{subject}' but the level is '{}'", level.title),
                )
                .label(level.span, "the level's heading")
                .help(format!("write 'The {} is a …', or check that the grade belongs to this level", level.title));
            }
        }
    }
}
