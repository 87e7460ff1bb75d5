//! MD046 code-block-style.

use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};

const STYLE: Param = Param::choice(
    "style",
    &["consistent", "fenced", "indented"],
    "consistent",
    "the code block style; `consistent` takes the first block's",
);

pub static META: RuleMeta = RuleMeta {
    code: "MD046",
    name: "code-block-style",
    group: Group::Markdown,
    summary: "code block style",
    docs: r#"## What it does
markdownlint's MD046: code blocks in another style than `style`: `consistent` (the first
block's, the default), `fenced` or `indented`.

**Differences from markdownlint.** After an empty list item and a blank line, micromark splits
indented lines separated by a blank line into two code blocks where CommonMark (and comrak) sees
one, so markdownlint may report one more (seen on 2 of 1,093 real-world READMEs).

## Why is this bad?
Indented code blocks cannot name their language and are easy to create by accident; mixing
both styles is inconsistent.

## Example
````markdown
```ruby
puts 1
```

    puts 2
````

## Use instead
````markdown
```ruby
puts 1
```

```ruby
puts 2
```
````
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[STYLE],
};

/// Code blocks in another style.
pub struct CodeBlockStyle;

impl Rule for CodeBlockStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let mut style = params.text(&STYLE).to_string();
        for block in &page.markdown.code_blocks {
            let actual = if block.fenced { "fenced" } else { "indented" };
            if style == "consistent" {
                style = actual.to_string();
            }
            if actual != style {
                let first_line = page.slice(block.span).lines().next().unwrap_or("");
                let span = crate::source::Span::new(block.span.start, block.span.start + first_line.len());
                out.report(span, format!("{actual} code block; expected {style}"))
                    .help(format!("write the code block {style}"));
            }
        }
    }
}
