//! MD053 link-image-reference-definitions.

use super::references::{ReferenceData, Unresolved, normalize_label, reference_data};
use crate::diagnostic::Edit;
use crate::page::Page;
use crate::rules::{Group, Param, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;

const IGNORED_DEFINITIONS: Param =
    Param::strings("ignored_definitions", &["//"], "definition labels never reported (`[//]: #` comments)");

pub static META: RuleMeta = RuleMeta {
    code: "MD053",
    name: "link-image-reference-definitions",
    group: Group::Markdown,
    summary: "link and image reference definitions should be needed",
    docs: r#"## What it does
markdownlint's MD053: a link reference definition (`[label]: https://…`) or footnote
definition (`[^note]: …`) that no link, image or footnote on the page uses, and a second
definition of a label already defined (only the first one counts). Labels in
`ignored_definitions` (default `["//"]`, for `[//]: # (comments)`) are never reported. `--fix`
deletes an unused or duplicate definition that sits on a line of its own.

Differences from markdownlint: markdownlint only sees the page's links when another rule that
needs its micromark parser is enabled too (with MD052 and MD053 alone it reports nothing);
hblint always checks. markdownlint's fix deletes the first line of a definition whose title is
on the next line, leaving the title behind as text; hblint only fixes one-line definitions.
A label may wrap over lines; inside a block quote the `>` opening its next line is no part of
it (`> [handbook` / `> pages][]` uses `[handbook pages]`), as markdownlint reads a link's label.
markdownlint reads a *definition's* wrapped label with that `>` left in (`handbook > pages`), so
no link ever matches such a definition and it reports the definition unused (MD053) and the
links to it undefined (MD052); hblint reads both without the marker and reports neither (a
markdownlint quirk not copied).

## Why is this bad?
Unused definitions are dead weight that drifts out of date; a duplicate one is ignored by every
renderer, so editing it changes nothing.

## Example
```markdown
Read the [handbook].

[handbook]: https://handbook.gitlab.com
[old-handbook]: https://about.gitlab.com/handbook
```

## Use instead
```markdown
Read the [handbook].

[handbook]: https://handbook.gitlab.com
```
"#,
    severity: Severity::Warning,
    fix: true,
    params: &[IGNORED_DEFINITIONS],
};

/// Definitions nothing uses, and repeated definitions.
pub struct LinkImageReferenceDefinitions;

impl Rule for LinkImageReferenceDefinitions {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, params: &Params, out: &mut Sink<'_>) {
        let model = &page.markdown.link_model;
        if model.definitions.is_empty() && model.footnote_defs.is_empty() {
            return;
        }
        let ignored: Vec<String> =
            params.strings(&IGNORED_DEFINITIONS).unwrap_or_default().iter().map(|l| normalize_label(l)).collect();
        let unused = |data: &ReferenceData, label: &String| {
            !ignored.contains(label) && !data.references.contains_key(label) && !data.shortcuts.contains_key(label)
        };
        // The links comrak resolved use most definitions; the bracket groups it left as text
        // (which markdownlint may still read as references) are only scanned when needed.
        let mut data = reference_data(page, Unresolved::Skip);
        if data.definitions.iter().any(|d| unused(&data, &d.label)) {
            data = reference_data(page, Unresolved::All);
        }
        for definition in &data.definitions {
            let label = &definition.label;
            if !unused(&data, label) {
                continue;
            }
            let diagnostic = out
                .report(definition.span, format!("the definition of '{label}' is not used by any link or image"))
                .help("remove the definition, or link to it");
            if definition.single_line {
                diagnostic.fix(vec![delete_line(page, definition.span)]);
            }
        }
        for definition in &data.duplicates {
            let label = &definition.label;
            if ignored.contains(label) {
                continue;
            }
            let diagnostic = out
                .report(definition.span, format!("'{label}' is defined again; only its first definition counts"))
                .help("remove this definition, or give it its own label");
            if definition.single_line {
                diagnostic.fix(vec![delete_line(page, definition.span)]);
            }
        }
    }
}

/// An edit deleting the line holding `span`, its line ending included.
fn delete_line(page: &Page<'_>, span: Span) -> Edit {
    let line = page.lines.line_of(span.start);
    let start = page.lines.line_start(line);
    let end = if line + 1 < page.lines.line_count() {
        page.lines.line_start(line + 1).min(page.source.text.len())
    } else {
        page.source.text.len()
    };
    Edit { span: Span::new(start, end), replacement: String::new() }
}
