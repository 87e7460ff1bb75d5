//! JF003 duplicate-bullet.

use crate::page::job_family::bullet_key;
use crate::page::{BlockKind, Page};
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};
use std::collections::HashMap;

pub static META: RuleMeta = RuleMeta {
    code: "JF003",
    name: "duplicate-bullet",
    group: Group::JobFamily,
    summary: "the same bullet appears twice in one list",
    docs: r#"## What it does
On a job-family page, finds a bullet that repeats an earlier bullet of the same list. Lists that
follow each other with nothing in between count as one (changing the marker from `*` to `-` splits
a list in CommonMark); text or a heading between two lists separates them. Hiring and interview
processes are ordered steps where a step may come twice, so they are not checked. Bullets are compared after folding case and whitespace and
dropping emphasis and trailing punctuation, so "Ability to work successfully." repeats
"ability to work successfully".

## Why is this bad?
A repeated responsibility or requirement is a copy-paste leftover: it makes the list longer without
saying more, and one copy is usually edited later while the other is not.

## Example
```markdown
### Requirements
* Excellent written communication
* Experience with SQL
* Excellent written communication.
```

## Use instead
```markdown
### Requirements
* Excellent written communication
* Experience with SQL
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// Bullets repeated within one section.
pub struct DuplicateBullet;

impl Rule for DuplicateBullet {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &crate::rules::Params, out: &mut Sink<'_>) {
        if page.job.is_none() {
            return;
        }
        let mut seen: HashMap<String, crate::source::Span> = HashMap::new();
        // The level of the hiring-process heading whose subtree we are in ("### Round 2" stays in it).
        let mut steps_level: Option<u8> = None;
        for block in &page.blocks {
            match block.kind {
                BlockKind::Heading(h) => {
                    seen.clear();
                    let heading = &page.headings[h];
                    if steps_level.is_some_and(|l| heading.level <= l) {
                        steps_level = None;
                    }
                    if steps_level.is_none() && is_sequence_of_steps(&heading.text) {
                        steps_level = Some(heading.level);
                    }
                }
                BlockKind::List(list) if steps_level.is_none() => {
                    for item in &page.lists[list].items {
                        let key = bullet_key(&item.text);
                        if key.is_empty() {
                            continue;
                        }
                        if let Some(first) = seen.get(&key) {
                            out.report(item.text_span, format!("duplicate bullet '{}'", shorten(&item.text)))
                                .label(*first, "first listed here")
                                .help("remove the repeated bullet");
                        } else {
                            seen.insert(key, item.text_span);
                        }
                    }
                }
                // A list is the run of lists that touch: a change of marker (`*` to `-`) splits one
                // list in CommonMark, but any text between lists starts a new one.
                BlockKind::List(_) => {}
                _ => seen.clear(),
            }
        }
    }
}

/// Hiring and interview processes are ordered steps, where a step may rightly come twice.
fn is_sequence_of_steps(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    lower.contains("hiring process") || lower.contains("interview process") || lower.contains("interview")
}

/// Quotes long bullets by their first words so that messages stay one line.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}
