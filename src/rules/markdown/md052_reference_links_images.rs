//! MD052 reference-links-images.

use super::references::{Unresolved, definition_entries, normalize_label, undefined_groups};
use crate::page::Page;
use crate::page::links::LinkKind;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const SHORTCUT_SYNTAX: Param = Param::boolean("shortcut_syntax", false, "check shortcut references (`[label]`) too");
const IGNORED_LABELS: Param = Param::strings("ignored_labels", &["x"], "labels never reported (task list `[x]`)");

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
`ignored_labels` says. markdownlint misses an undefined label when the link text holds a code
span (`` [`Command::new`][crate::Command::new] ``, common in Rust and API docs): the page shows
the brackets as text all the same, so hblint reports it.

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
    params: &[SHORTCUT_SYNTAX, IGNORED_LABELS],
};

/// References to labels that are not defined.
pub struct ReferenceLinksImages;

impl Rule for ReferenceLinksImages {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let shortcut_syntax = params.flag(&SHORTCUT_SYNTAX);
        // comrak resolved every reference that has a definition: only the bracket groups it
        // left as text can be missing theirs.
        // Without shortcuts, only `[text][label]` and `[label][]` count: both need a `][`.
        static ADJACENT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"]["));
        let body = &page.source.text.as_bytes()[page.body_start.min(page.source.text.len())..];
        if !shortcut_syntax && ADJACENT.find(body).is_none() {
            return;
        }
        let groups = undefined_groups(page, if shortcut_syntax { Unresolved::All } else { Unresolved::References });
        if groups.is_empty() {
            return;
        }
        let ignored: Vec<String> =
            params.strings(&IGNORED_LABELS).unwrap_or_default().iter().map(|l| normalize_label(l)).collect();
        let defined: Vec<String> = definition_entries(page).into_iter().map(|d| d.label).collect();
        let text = page.source.text.as_str();
        for group in groups {
            if group.kind == LinkKind::Shortcut && !shortcut_syntax {
                continue;
            }
            let label = normalize_label(&text[group.label.start..group.label.end]);
            if defined.contains(&label) || ignored.contains(&label) {
                continue;
            }
            let span = Span::new(group.start, group.end);
            let source = page.slice(span);
            let first_line = source.lines().next().unwrap_or(source);
            out.report(span, format!("'{first_line}' uses the label '{label}', which is not defined"))
                .help(format!("add a definition '[{label}]: <url>' to the page, or fix the label"));
        }
    }
}
