//! JF003 duplicate-bullet.

use crate::page::job_family::bullet_key;
use crate::page::{BlockKind, Page};
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};
use std::collections::HashMap;

pub static META: RuleMeta = RuleMeta {
    code: "JF003",
    name: "duplicate-bullet",
    group: Group::JobFamily,
    summary: "the same bullet appears twice in one section's list",
    docs: r#"## What it does
On a job-family page, finds a bullet that repeats an earlier bullet of the same section (the lists
between one heading and the next). Bullets are compared after folding case and whitespace and
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
};

/// Bullets repeated within one section.
pub struct DuplicateBullet;

impl Rule for DuplicateBullet {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, out: &mut Sink<'_>) {
        if page.job.is_none() {
            return;
        }
        let mut seen: HashMap<String, crate::source::Span> = HashMap::new();
        for block in &page.blocks {
            match block.kind {
                BlockKind::Heading(_) => seen.clear(),
                BlockKind::List(list) => {
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
                _ => {}
            }
        }
    }
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
