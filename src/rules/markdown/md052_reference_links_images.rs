//! MD052 reference-links-images.

use super::references::{normalize_label, reference_data};
use crate::page::Page;
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};

pub static META: RuleMeta = RuleMeta {
    code: "MD052",
    name: "reference-links-images",
    group: Group::Markdown,
    summary: "reference links and images should use a label that is defined",
    docs: r#"## What it does
markdownlint's MD052: a full (`[text][label]`) or collapsed (`[label][]`) reference link or
image whose label has no definition (`[label]: https://…`) on the page. Shortcut references
(`[label]`) are only checked with `shortcut_syntax: true`: brackets around plain words are
common prose. Labels in `ignored_labels` (default `["x"]`, the task-list checkbox) are never
reported. Like markdownlint, a group of brackets right after another one (`['a'][0]['b']`) is
read as one full reference to the last label.

Differences from markdownlint: markdownlint only finds references when another rule that needs
its micromark parser is enabled too (with MD052 and MD053 alone it reports nothing); hblint
always checks. The task-list markers `[x]` and `[ ]` are never references to hblint, whatever
`ignored_labels` says.

## Why is this bad?
An undefined reference renders as the literal bracketed text, not as a link: the reader sees
`[the docs][docs]` and has nowhere to go.

## Example
```markdown
Read [the docs][docs].
```

## Use instead
```markdown
Read [the docs][docs].

[docs]: https://docs.gitlab.com
```
"#,
    severity: Severity::Warning,
    fix: false,
};

/// References to labels that are not defined.
pub struct ReferenceLinksImages;

impl Rule for ReferenceLinksImages {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, out: &mut Sink<'_>) {
        if page.link_model.inline_blocks.is_empty() && page.headings.is_empty() {
            return;
        }
        let shortcut_syntax = out.option_bool("shortcut_syntax", false);
        let ignored: Vec<String> = match out.option("ignored_labels").and_then(|v| v.as_array()) {
            Some(labels) => labels.iter().filter_map(|l| l.as_str()).map(normalize_label).collect(),
            None => vec!["x".to_string()],
        };
        let data = reference_data(page);
        let mut groups: Vec<_> = data.references.iter().collect();
        if shortcut_syntax {
            groups.extend(data.shortcuts.iter());
        }
        for (label, references) in groups {
            if data.defines(label) || ignored.contains(label) {
                continue;
            }
            for reference in references {
                let source = page.slice(reference.span);
                let first_line = source.lines().next().unwrap_or(source);
                out.report(reference.span, format!("'{first_line}' uses the label '{label}', which is not defined"))
                    .help(format!("add a definition '[{label}]: <url>' to the page, or fix the label"));
            }
        }
    }
}
