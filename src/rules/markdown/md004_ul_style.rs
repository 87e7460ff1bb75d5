//! MD004 ul-style.

use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const STYLE: Param = Param::choice(
    "style",
    &["consistent", "asterisk", "plus", "dash", "sublist"],
    "consistent",
    "the list marker; `consistent` takes the first list's, `sublist` wants each level to differ from its parent",
);

pub static META: RuleMeta = RuleMeta {
    code: "MD004",
    name: "ul-style",
    group: Group::Markdown,
    summary: "unordered list style",
    docs: r#"## What it does
markdownlint's MD004: bullets written with another marker than `style`: `consistent` (the
first bullet's, the default), `asterisk`, `dash`, `plus`, or `sublist` (each nesting level
differs from its parent). The fix rewrites the marker.

**Differences from markdownlint.** After an unindented `<br>` or `<img …>` line right below a list
item's text, comrak (like cmark-gfm, which GitHub and GitLab render with) reads the lines up to
the next blank line as an HTML block, where micromark continues the item: a list item there is
seen by markdownlint only (see `hblint explain MD022`).

## Why is this bad?
Mixed markers split one list into several in CommonMark and make the source inconsistent; job
family pages often mix `*` and `-` in one section.

## Example
```markdown
* One
- Two
```

## Use instead
```markdown
* One
* Two
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[STYLE],
};

/// Bullets in another style.
pub struct UlStyle;

fn name(marker: u8) -> &'static str {
    match marker {
        b'*' => "asterisk",
        b'+' => "plus",
        _ => "dash",
    }
}

impl Rule for UlStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let style = params.text(&STYLE).to_string();
        let mut expected: Option<u8> = match style.as_str() {
            "asterisk" => Some(b'*'),
            "plus" => Some(b'+'),
            "consistent" | "sublist" => None,
            _ => Some(b'-'),
        };
        let mut nesting_styles: Vec<Option<u8>> = Vec::new();
        let text = page.source.text.as_bytes();
        for list in page.lists.iter().filter(|l| l.bullet.is_some()) {
            for item in &list.items {
                let Some(&marker) = text.get(item.span.start) else { continue };
                if !matches!(marker, b'*' | b'-' | b'+') {
                    continue;
                }
                let want = if style == "sublist" {
                    let depth = list.depth;
                    if nesting_styles.len() <= depth {
                        nesting_styles.resize(depth + 1, None);
                    }
                    if nesting_styles[depth].is_none() {
                        let parent = depth.checked_sub(1).and_then(|d| nesting_styles[d]);
                        nesting_styles[depth] = Some(if parent == Some(marker) {
                            if marker == b'*' { b'-' } else { b'*' }
                        } else {
                            marker
                        });
                    }
                    nesting_styles[depth].unwrap_or(marker)
                } else {
                    *expected.get_or_insert(marker)
                };
                if marker != want {
                    let span = Span::new(item.span.start, item.span.start + 1);
                    out.report(
                        span,
                        format!(
                            "bullet '{}' ({}); expected {} ('{}')",
                            marker as char,
                            name(marker),
                            name(want),
                            want as char
                        ),
                    )
                    .help(format!("write the bullet as '{}'", want as char))
                    .fix(vec![Edit { span, replacement: (want as char).to_string() }]);
                }
            }
        }
    }
}
