//! MD040 fenced-code-language.

use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

pub static META: RuleMeta = RuleMeta {
    code: "MD040",
    name: "fenced-code-language",
    group: Group::Markdown,
    summary: "fenced code blocks should have a language specified",
    docs: r#"## What it does
markdownlint's MD040: a fenced code block without a language after its opening fence.

## Why is this bad?
Without a language the block gets no syntax highlighting, and readers must guess what it holds.

## Example
````markdown
```
git status
```
````

## Use instead
````markdown
```shell
git status
```
````
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// Fenced code without a language.
pub struct FencedCodeLanguage;

impl Rule for FencedCodeLanguage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &Params, out: &mut Sink<'_>) {
        for block in page.markdown.code_blocks.iter().filter(|b| b.fenced && !b.has_info) {
            let first_line = page.slice(block.span).lines().next().unwrap_or("");
            let span = Span::new(block.span.start, block.span.start + first_line.len());
            out.report(span, "fenced code block without a language")
                .help("name the language after the opening fence, e.g. ```shell");
        }
    }
}
