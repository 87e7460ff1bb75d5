//! MD050 strong-style.

use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const STYLE: Param = Param::choice(
    "style",
    &["consistent", "asterisk", "underscore"],
    "consistent",
    "the strong emphasis marker; `consistent` takes the first strong emphasis's",
);

pub static META: RuleMeta = RuleMeta {
    code: "MD050",
    name: "strong-style",
    group: Group::Markdown,
    summary: "strong style",
    docs: r#"## What it does
markdownlint's MD050: strong text written with another marker than `style`: `consistent` (the
first one's, the default), `asterisk` or `underscore`. The fix rewrites both markers.

## Why is this bad?
`**a**` and `__a__` render alike; mixing them is noise in the source.

## Example
```markdown
**one** and __two__
```

## Use instead
```markdown
**one** and **two**
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[STYLE],
};

/// Strong text in another style.
pub struct StrongStyle;

impl Rule for StrongStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        super::emphasis::check_emphasis_style(page, params.text(&STYLE), out, true);
    }
}
