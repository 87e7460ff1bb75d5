//! JF004 inherited-duplicate-bullet.

use super::duplicate_bullet::shorten;
use crate::page::Page;
use crate::page::job_family::{Bullet, JobFamily, Section};
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};
use std::collections::HashMap;

pub static META: RuleMeta = RuleMeta {
    code: "JF004",
    name: "inherited-duplicate-bullet",
    group: Group::JobFamily,
    summary: "a bullet repeats one the level already inherits through \"All of the above … and:\"",
    docs: r#"## What it does
When a level's Responsibilities or Requirements start with an inheritance phrase ("All of the
above requirements and:", "Extends the Senior X responsibilities", "In addition to the …
requirements"), the level already includes every bullet of the level it points at, and of the
levels that one inherits from. This rule reports a bullet that repeats one of those inherited
bullets (compared after folding case, whitespace, emphasis and trailing punctuation).

A level that does not inherit may repeat bullets of other levels: nothing is reported then.

The finding quotes the inheritance phrase it relied on (as a label), so that a phrase read the
wrong way is easy to spot.

## Why is this bad?
The repeated bullet says the same thing twice to the reader and hides what is new at this level,
which is the only thing the list after "and:" should contain.

## Example
```markdown
## Senior Analyst
### Requirements
* Ability to work successfully with little guidance

## Staff Analyst
### Requirements
All of the above requirements and:
* Ability to work successfully with little guidance.
* Lead cross-team projects
```

## Use instead
```markdown
## Staff Analyst
### Requirements
All of the above requirements and:
* Lead cross-team projects
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// Bullets that repeat what a level inherits.
pub struct InheritedDuplicateBullet;

impl Rule for InheritedDuplicateBullet {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &crate::rules::Params, out: &mut Sink<'_>) {
        let Some(job) = &page.job else { return };
        for level in &job.levels {
            for section in &level.sections {
                let inherited = inherited_bullets(job, section);
                // The phrase the inheritance was read from: readers should see what hblint relied on.
                let Some(inheritance) = &section.inherits else { continue };
                let phrase_span = inheritance.phrase_span;
                let phrase = crate::page::normalize_space(page.slice(phrase_span));
                for bullet in &section.bullets {
                    // The bullet that says "Extends the X requirements" is the phrase, not a repeat.
                    if section.inherits.as_ref().is_some_and(|i| i.phrase_span == bullet.span) {
                        continue;
                    }
                    if let Some((from_title, first)) = inherited.get(bullet.key.as_str()) {
                        out.report(
                            bullet.span,
                            format!(
                                "'{}' repeats a bullet already inherited from '{}'",
                                shorten(&bullet.text),
                                from_title
                            ),
                        )
                        .label(first.span, format!("inherited from '{from_title}' here"))
                        .label(phrase_span, format!("inherited through '{}'", shorten(&phrase)))
                        .help(format!(
                            "remove this bullet: the inheritance phrase already includes the {} of '{from_title}'",
                            section.kind.noun()
                        ));
                    }
                }
            }
        }
    }
}

/// How many levels an inheritance chain may span.
const MAX_CHAIN: usize = 32;

/// Every bullet a section inherits, transitively, keyed by its comparison key (nearest level wins).
fn inherited_bullets<'j>(job: &'j JobFamily, section: &Section) -> HashMap<&'j str, (&'j str, &'j Bullet)> {
    let mut inherited = HashMap::new();
    let mut visited = Vec::new();
    let mut next = section.inherits.as_ref().map(|i| i.from);
    while let Some(from) = next {
        // A chain longer than any real ladder is a generated page or a cycle: stop there.
        if visited.contains(&from) || visited.len() >= MAX_CHAIN {
            break;
        }
        visited.push(from);
        let level = &job.levels[from];
        let Some(parent) = level.section(section.kind) else { break };
        for bullet in &parent.bullets {
            inherited.entry(bullet.key.as_str()).or_insert((level.title.as_str(), bullet));
        }
        next = parent.inherits.as_ref().map(|i| i.from);
    }
    inherited
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_the_inheritance_phrase_it_relied_on() {
        let text = "## Analyst\n### Job Grade\nThe Analyst is a grade 6.\n### Requirements\n* Use SQL\n\n\
                    ## Senior Analyst\n### Job Grade\nThe Senior Analyst is a grade 7.\n### Requirements\n\
                    Extends the Analyst requirements\n\n* Use SQL.\n";
        let source = crate::source::SourceFile::from_text("page.md".into(), text.into(), false);
        let linter = crate::linter::Linter::with_rules(crate::rules::registry::select("JF004").expect("JF004"));
        let findings = crate::linter::lint_source(&source, &linter).diagnostics;
        assert_eq!(findings.len(), 1);
        let labels: Vec<&str> = findings[0].diagnostic.labels.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(labels, ["inherited from 'Analyst' here", "inherited through 'Extends the Analyst requirements'"]);
    }
}
