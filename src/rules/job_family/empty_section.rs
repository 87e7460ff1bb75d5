//! JF012 empty-section.

use crate::page::job_family::SectionKind;
use crate::page::{BlockKind, Page};
use crate::rules::pages::{self, PAGES};
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "JF012",
    name: "empty-section",
    group: Group::JobFamily,
    summary: "a heading is followed directly by a heading of the same or a higher level",
    docs: r#"## What it does
Reports a heading with nothing under it: the next thing in the document is a heading of the same
level or a higher one (`## Requirements` directly followed by `## Hiring Process`). A heading
followed by a deeper heading (`## Levels` then `### Senior`) is a group, not an empty section,
and is not reported; neither is the last heading of a page, nor a level title followed by its
own Job Grade, Responsibilities or Requirements heading at the same depth (`## Manager, X` then
`## Job Grade`: the flat layout job-family pages use). Anything between the two headings
counts as content: a paragraph, a list, a table, an HTML block or comment, a template tag.

## Why is this bad?
An empty section is a promise the page does not keep: a reader who follows the table of
contents to "Requirements" finds nothing. On job-family pages it is most often a section whose
text was lost when a page was split or merged, or a level heading pasted without its content.

## Example
```markdown
## Responsibilities

## Requirements
- Ability to use GitLab
```

## Use instead
```markdown
## Responsibilities
- Own the quarterly plan

## Requirements
- Ability to use GitLab
```

## Known limits
By default it checks job-family pages; set `pages = "all"` to check every page (on the GitLab
handbook corpus that gives about 550 more findings).
Headings inside lists or block quotes are not checked. A heading that is a deliberate
placeholder is still reported, and so is the heading before a Markdown accident: a line of
text or an image directly followed by `---` is a setext heading, so `##### Swagger API Docs`,
then `![Swagger API Docs](…)` and `---`, reports the `#####` heading as empty (one of 20
sampled hits on the GitLab handbook; the 30 hits on its job-family pages were all read and are
all real). Turn it off in `hblint.toml` (`[severity]`, `JF012 = "off"`) where headings
are used as labels on purpose.
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[PAGES],
};

/// Headings with no content before the next heading of the same or a higher level.
pub struct EmptySection;

impl Rule for EmptySection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &crate::rules::Params, out: &mut Sink<'_>) {
        if !pages::applies(page, params) {
            return;
        }
        for heading in &page.headings {
            let Some(block) = heading.block else { continue };
            let Some(BlockKind::Heading(next)) = page.blocks.get(block + 1).map(|b| b.kind) else { continue };
            let Some(next_heading) = page.headings.get(next) else { continue };
            // A level title followed by its own sections at the same depth (`## Manager, X`
            // then `## Job Grade`) is the flat layout the job-family model reads as one level.
            let flat_level = next_heading.level == heading.level
                && SectionKind::of_heading(&next_heading.text).is_some()
                && SectionKind::of_heading(&heading.text).is_none();
            if next_heading.level > heading.level || flat_level {
                continue;
            }
            out.report(heading.span, format!("section '{}' is empty", heading.text))
                .label(next_heading.span, format!("'{}' follows directly and ends it", next_heading.text))
                .help(format!(
                    "write the section's content, make '{}' a deeper heading if it belongs to it, or remove the empty heading",
                    next_heading.text
                ));
        }
    }
}
