//! MD048 code-fence-style.

use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const STYLE: Param = Param::choice(
    "style",
    &["consistent", "backtick", "tilde"],
    "consistent",
    "the code fence marker; `consistent` takes the first fence's",
);

pub static META: RuleMeta = RuleMeta {
    code: "MD048",
    name: "code-fence-style",
    group: Group::Markdown,
    summary: "code fence style",
    docs: r#"## What it does
markdownlint's MD048: fenced code blocks whose fence is written with another character than
`style`: `backtick`, `tilde`, or `consistent` (the default: the first fence's character).

## Why is this bad?
```` ``` ```` and `~~~` fences render alike; mixing them is noise in the source.

## Example
````markdown
```sh
make test
```

~~~sh
make lint
~~~
````

## Use instead
````markdown
```sh
make test
```

```sh
make lint
```
````
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[STYLE],
};

/// Fences in another style.
pub struct CodeFenceStyle;

impl Rule for CodeFenceStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let text = page.source.text.as_str();
        let mut expected: Option<u8> = match params.text(&STYLE) {
            "backtick" => Some(b'`'),
            "tilde" => Some(b'~'),
            _ => None,
        };
        let name = |c: u8| if c == b'~' { "tilde" } else { "backtick" };
        for block in page.markdown.code_blocks.iter().filter(|b| b.fenced) {
            let opening = &text[block.span.start..];
            let indent = opening.len() - opening.trim_start_matches([' ', '\t']).len();
            let fence_at = block.span.start + indent;
            let Some(&marker) = text.as_bytes().get(fence_at) else { continue };
            if marker != b'`' && marker != b'~' {
                continue;
            }
            let want = *expected.get_or_insert(marker);
            if marker == want {
                continue;
            }
            let run = text[fence_at..].bytes().take_while(|&b| b == marker).count();
            out.report(
                Span::new(fence_at, fence_at + run),
                format!("code fence uses {}; expected {}", name(marker), name(want)),
            )
            .help(format!(
                "write the fences of this block with {}",
                if want == b'~' { "tildes (~~~)" } else { "backticks (```)" }
            ));
        }
    }
}
