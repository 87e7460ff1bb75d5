//! MD029 ol-prefix.

use super::lists::{item_prefix, parsed_lists};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const STYLE: Param = Param::choice(
    "style",
    &["one_or_ordered", "one", "ordered", "zero"],
    "one_or_ordered",
    "the ordered list numbering: all `1.`, all `0.`, counting up, or either of the first two",
);

pub static META: RuleMeta = RuleMeta {
    code: "MD029",
    name: "ol-prefix",
    group: Group::Markdown,
    summary: "ordered list item prefix",
    docs: r#"## What it does
markdownlint's MD029: ordered list numbers that do not follow `style`: `one` (1/1/1), `ordered`
(1/2/3, or 0/1/2), `zero` (0/0/0), or `one_or_ordered` (the default: a list whose second item is
numbered 1 must be all ones, any other list must count up from 1 or 0). The fix renumbers the
item.

## Why is this bad?
Numbers that skip or repeat by accident read as a mistake in the source, and a list that starts
at another number than 1 renders with that start.

## Example
```markdown
1. One
3. Two
2. Three
```

## Use instead
```markdown
1. One
2. Two
3. Three
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[STYLE],
};

/// Ordered list numbers out of style.
pub struct OlPrefix;

impl Rule for OlPrefix {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let style = params.text(&STYLE).to_string();
        for list in parsed_lists(page).filter(|l| l.bullet.is_none()) {
            let prefixes: Vec<_> = list.items.iter().filter_map(|item| item_prefix(page, list, item)).collect();
            let values: Vec<u64> = prefixes.iter().map(|p| p.value.unwrap_or(0)).collect();
            // A list counts up when its second item is not 1, or its first is 0.
            let incrementing = values.len() >= 2 && (values[1] != 1 || values[0] == 0);
            let list_style = match style.as_str() {
                "one" | "ordered" | "zero" => style.as_str(),
                _ if incrementing => "ordered",
                _ => "one",
            };
            let mut expected = match list_style {
                "zero" => 0,
                "ordered" if values.first() == Some(&0) && incrementing => 0,
                _ => 1,
            };
            let example = match list_style {
                "one" => "1/1/1",
                "zero" => "0/0/0",
                _ => "1/2/3",
            };
            for (prefix, &actual) in prefixes.iter().zip(&values) {
                if actual != expected {
                    let digits = Span::new(prefix.marker.start, prefix.marker.end - 1);
                    out.report(
                        digits,
                        format!("ordered list item number {actual}; expected {expected} (style {example})"),
                    )
                    .help(format!("number the items {example}"))
                    .fix(vec![Edit { span: digits, replacement: expected.to_string() }]);
                }
                if list_style == "ordered" {
                    expected += 1;
                }
            }
        }
    }
}
