//! MD042 no-empty-links.

use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "MD042",
    name: "no-empty-links",
    group: Group::Markdown,
    summary: "no empty links",
    docs: r#"## What it does
markdownlint's MD042: a link whose destination is empty (`[text]()`) or only `#`.

## Why is this bad?
The link goes nowhere: usually a placeholder ("move to the [TODO]() job family") that was never
filled in.

## Example
```markdown
See the [handbook]().
```

## Use instead
```markdown
See the [handbook](https://handbook.gitlab.com).
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// Links to nowhere.
pub struct NoEmptyLinks;

impl Rule for NoEmptyLinks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        for link in page.markdown.link_model.hyperlinks() {
            let (span, url) = (&link.span, link.url.trim());
            // Inline links and reference links whose definition is empty or "#".
            let source = page.slice(*span);
            if url.is_empty() || url == "#" {
                out.report(*span, format!("empty link '{source}'")).help("give the link a destination, or remove it");
            }
        }
    }
}
