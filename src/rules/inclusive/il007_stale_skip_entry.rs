//! IL007 stale-skip-entry: a path on the inclusive-language skip list that names no page.
//!
//! This rule reads no page: its findings are about the skip file, and the run makes them (see
//! `cli/data_files.rs`) from the skip list the configuration loaded and the pages on disk.

use super::skip_list::SkipEntry;
use crate::diagnostic::Diagnostic;
use crate::page::Page;
use crate::rules::{Group, Params, Rule, RuleMeta, Severity, Sink};
use crate::source::LineIndex;

pub static META: RuleMeta = RuleMeta {
    code: "IL007",
    name: "stale-skip-entry",
    group: Group::Inclusive,
    summary: "a path on the inclusive-language skip list (data/inclusiveness_check.yml) that matches no page",
    docs: r#"## What it does
Reads the handbook's skip list for the inclusive-language check, `data/inclusiveness_check.yml`
(`checked:` globs, `skipped:` paths), and reports each `skipped:` entry that matches no page of
the repository, at the entry's line in the skip file.

An entry matches a page when the page's path ends with the entry after normalizing it: trailing
and leading whitespace, a leading `/` and a leading `source/` are dropped, since the handbook
writes `source/job-families/…` or `/source/job-families/…` while its pages live at
`sites/uncategorized/source/job-families/…`; a page written as an ERB template
(`index.html.md.erb`) matches the entry for the page it renders (`index.html.md`). Pages are
looked for under the repository root: the directory holding `data/`, or `[handbook] root` in
`hblint.toml`.

The skip list is found at `<root>/data/inclusiveness_check.yml` (the root being the directory of
the `hblint.toml` in use, else the git repository's root), or where `hblint.toml` says:

```toml
[handbook]
inclusiveness-check = "data/inclusiveness_check.yml"   # relative to this hblint.toml
root = "."                                             # where the pages are looked for
```

A page on the list gets no finding from any inclusive-language rule (the `inclusive` group,
IL001 to IL007 and packs in that group); a page outside the `checked:` globs, when the file has
any, gets none either: the handbook's job checked only the pages those globs name.

The check runs when hblint lints a directory (`hblint check .`, the default-branch CI job), or
with `--changed-since` when the skip file itself changed, so that a merge request that does not
touch the list is not failed for it. A run over named files (pre-commit, an editor) does not
report stale entries.

## Why is this bad?
A page that was renamed or removed leaves its entry behind; when a new page takes the old path
it is silently exempt from the check. Reviewers asked for a screenshot of the check before
adding an entry: an entry nobody needs any more should go.

## Example
```yaml
skipped:
  - source/job-families/sales/a-page-that-was-removed/index.html.md
```

## Use instead
Remove the entry, or correct its path to the page's new one.

## Known limits
Against a partial export of the handbook, entries for pages the export lacks are reported: they
are stale against that export, not necessarily against the handbook. On the corpus hblint is
tested on, 88 of the 206 entries (five paths are listed twice) name one of its 86 skipped
job-family pages; the other 118 are reported.
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// The rule as the registry lists it; it finds nothing on a page.
pub struct StaleSkipEntry;

impl Rule for StaleSkipEntry {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _page: &Page<'_>, _params: &Params, _out: &mut Sink<'_>) {}
}

/// The finding for one stale entry of the skip file whose text is `text`.
pub fn diagnostic(entry: &SkipEntry, text: &str, lines: &LineIndex, severity: Severity) -> Diagnostic {
    let mut diagnostic = Diagnostic {
        rule: &META,
        severity,
        message: format!("'{}' on the skip list matches no page", entry.written.trim()),
        span: lines.rest_of_line(text, entry.line, entry.column),
        labels: Vec::new(),
        help: None,
        fix: None,
    };
    diagnostic.help(format!(
        "remove the entry, or correct it to the page's path (it was looked for as a path ending in '{}')",
        entry.suffix
    ));
    diagnostic
}
