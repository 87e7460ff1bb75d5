//! JF013 heading-trailing-nbsp.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::pages::{self, PAGES};
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "JF013",
    name: "heading-trailing-nbsp",
    group: Group::JobFamily,
    summary: "a heading ends with a no-break space",
    docs: r#"## What it does
Reports a heading whose text ends with a no-break space (U+00A0), with or without ordinary
spaces around it: `#### Job Grade\u00a0`. The fix removes the trailing whitespace.

By default it checks job-family pages, where section names are matched exactly; set
`pages = "all"` to check every page (the character is invisible wherever it is, and a heading
is what links, the table of contents and section checks match by its exact text: on the GitLab
handbook corpus it finds 4 more headings).

## Why is this bad?
Editors show the no-break space as a plain space, or not at all, and Markdown does not trim it,
so the heading's text is "Job Grade\u00a0", not "Job Grade": a script or a check that looks for
the Job Grade section by name (as the handbook's job-family CI job does) misses it, and two
headings that look the same differ. It comes from pasting a title out of a word processor or a
web page. On the GitLab job-family pages it is found on 52 headings.

## Example
```markdown
#### Job Grade&nbsp;
```
(written here as `&nbsp;`; in the page it is the invisible character itself)

## Use instead
```markdown
#### Job Grade
```

## Known limits
Only the end of the heading's first line is checked: a closed ATX heading (`## Title ##`)
whose no-break space sits before the closing `#`s is not reported. `MD009` (off by default)
reports the same character as trailing whitespace on any line.
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[PAGES],
};

/// Headings that end with U+00A0.
pub struct HeadingTrailingNbsp;

impl Rule for HeadingTrailingNbsp {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &crate::rules::Params, out: &mut Sink<'_>) {
        if !pages::applies(page, params) {
            return;
        }
        for heading in &page.headings {
            let raw = page.slice(heading.span).trim_end_matches(['\n', '\r']);
            // An ATX heading is one line; a setext heading's text ends on the line above its
            // `===` or `---` underline.
            let mut lines = raw.rsplit('\n');
            let last = lines.next().unwrap_or("");
            let (line_start, line) = match lines.next() {
                Some(text_line) => (raw.len() - last.len() - 1 - text_line.len(), text_line),
                None => (0, last),
            };
            let line = line.trim_end_matches('\r');
            let content = line.trim_end_matches([' ', '\t']);
            if !content.ends_with('\u{a0}') {
                continue;
            }
            let kept = content.trim_end_matches([' ', '\t', '\u{a0}']);
            let start = heading.span.start + line_start;
            let span = Span::new(start + kept.len(), start + line.len());
            out.report(span, format!("heading '{}' ends with a no-break space", heading.text))
                .help("remove the invisible no-break space (U+00A0) at the end of the heading")
                .fix(vec![Edit { span, replacement: String::new() }]);
        }
    }
}
