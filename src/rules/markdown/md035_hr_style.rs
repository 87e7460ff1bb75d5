//! MD035 hr-style.

use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const STYLE: Param = Param::string(
    "style",
    "consistent",
    "the horizontal rule as written (`***`, `---`…); `consistent` takes the first one",
);

pub static META: RuleMeta = RuleMeta {
    code: "MD035",
    name: "hr-style",
    group: Group::Markdown,
    summary: "horizontal rule style",
    docs: r#"## What it does
markdownlint's MD035: thematic breaks written another way than `style`: `consistent` (the
first one's text, the default) or an exact text such as `---`.

## Why is this bad?
`---`, `***` and `- - -` render alike; mixing them is noise in the source.

## Example
```markdown
---
***
```

## Use instead
```markdown
---
---
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[STYLE],
};

/// Thematic breaks in another style.
pub struct HrStyle;

impl Rule for HrStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let mut style = params.text(&STYLE).trim().to_string();
        for span in &page.markdown.thematic_breaks {
            // markdownlint compares the text from the first marker on, trailing spaces included.
            let text = page.slice(*span).lines().next().unwrap_or("").trim_start().to_string();
            if style == "consistent" {
                style = text.clone();
            }
            if text != style {
                out.report(*span, format!("horizontal rule '{text}'; expected '{style}'"))
                    .help(format!("write the rule as '{style}'"));
            }
        }
    }
}
