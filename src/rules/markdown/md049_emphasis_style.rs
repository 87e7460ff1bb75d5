//! MD049 emphasis-style.

use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const STYLE: Param = Param::choice(
    "style",
    &["consistent", "asterisk", "underscore"],
    "consistent",
    "the emphasis marker; `consistent` takes the first emphasis's",
);

pub static META: RuleMeta = RuleMeta {
    code: "MD049",
    name: "emphasis-style",
    group: Group::Markdown,
    summary: "emphasis style",
    docs: r#"## What it does
markdownlint's MD049: emphasis written with another marker than `style`: `consistent` (the
first emphasis's, the default), `asterisk` or `underscore`. The fix rewrites both markers.

**Differences from markdownlint.** Emphasis nested in strong emphasis (`***x***`) and emphasis
inside footnotes are split differently by comrak and micromark (2 lines in the GitLab handbook).

## Why is this bad?
`*a*` and `_a_` render alike; mixing them is noise in the source.

## Example
```markdown
*one* and _two_
```

## Use instead
```markdown
*one* and *two*
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[STYLE],
};

/// Emphasis in another style.
pub struct EmphasisStyle;

impl Rule for EmphasisStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        super::emphasis::check_emphasis_style(page, params.text(&STYLE), out, false);
    }
}
