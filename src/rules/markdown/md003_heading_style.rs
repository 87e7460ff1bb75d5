//! MD003 heading-style.

use super::headings::heading_style;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const STYLE: Param = Param::choice(
    "style",
    &["consistent", "atx", "atx_closed", "setext", "setext_with_atx", "setext_with_atx_closed"],
    "consistent",
    "the heading style; `consistent` takes the first heading's",
);

pub static META: RuleMeta = RuleMeta {
    code: "MD003",
    name: "heading-style",
    group: Group::Markdown,
    summary: "heading style",
    docs: r#"## What it does
markdownlint's MD003: headings in another style than `style`: `consistent` (the first
heading's, the default), `atx`, `atx_closed`, `setext`, `setext_with_atx`,
`setext_with_atx_closed`.

## Why is this bad?
Mixed heading styles make the source harder to read and to search.

## Example
```markdown
# Title

Section
-------
```

## Use instead
```markdown
# Title

## Section
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[STYLE],
};

/// Headings in another style.
pub struct HeadingStyle;

impl Rule for HeadingStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let mut style: String = params.text(&STYLE).to_string();
        for heading in &page.headings {
            let actual = heading_style(page, heading);
            if style == "consistent" {
                style = actual.to_string();
            }
            let h12 = heading.level <= 2;
            let expected = match style.as_str() {
                "setext_with_atx" => {
                    if h12 {
                        "setext"
                    } else {
                        "atx"
                    }
                }
                "setext_with_atx_closed" => {
                    if h12 {
                        "setext"
                    } else {
                        "atx_closed"
                    }
                }
                other => other,
            };
            // setext can only make h1 and h2: an h3+ in atx is right under setext_with_atx.
            if actual != expected {
                out.report(heading.span, format!("heading style is {actual}; expected {expected}"))
                    .help(format!("write the heading in {expected} style"));
            }
        }
    }
}
