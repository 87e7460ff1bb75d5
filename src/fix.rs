//! Safe fixes: apply non-overlapping edits, re-lint until nothing changes, write atomically.
//!
//! The text being fixed is the decoded text (BOM stripped, line endings as in the file); edits
//! only ever replace prose, so line endings are untouched, and the BOM is written back.

use crate::diagnostic::{Edit, Finding};
use crate::linter::{Linter, lint_source};
use crate::source::SourceFile;
use std::io::Write;
use std::path::Path;

/// How many lint-and-fix rounds a file gets; real fixes settle in one or two.
const MAX_ROUNDS: usize = 10;

/// The outcome of fixing one file in memory.
pub struct Fixed {
    /// The fixed text (without BOM).
    pub text: String,
    /// How many diagnostics were fixed.
    pub applied: usize,
    /// What is left after fixing.
    pub remaining: Vec<Finding>,
}

/// Applies the fixes of `diagnostics` to `text`; an edit that overlaps an earlier one waits for
/// the next round. Returns the new text and how many diagnostics were fixed.
pub fn apply(text: &str, diagnostics: &[Finding]) -> (String, usize) {
    let mut fixes: Vec<&Vec<Edit>> = diagnostics.iter().filter_map(|d| d.diagnostic.fix.as_ref()).collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min().unwrap_or(0));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let overlaps = fix.iter().any(|e| taken.iter().any(|&(s, t)| conflict((s, t), (e.span.start, e.span.end))));
        let valid = fix.iter().all(|e| {
            e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end)
        });
        if overlaps || !valid {
            continue;
        }
        taken.extend(fix.iter().map(|e| (e.span.start, e.span.end)));
        edits.extend(fix.iter());
        applied += 1;
    }
    // An insertion goes before a replacement that starts where it is.
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Whether two edits (byte ranges; an empty range is an insertion) cannot both apply in one
/// round. An insertion conflicts with another insertion at the same place and with a
/// replacement around it, not with one that starts or ends where it is: a blank line inserted
/// before a list item and that item's bullet rewritten go together, as markdownlint applies them.
fn conflict(a: (usize, usize), b: (usize, usize)) -> bool {
    match (a.0 == a.1, b.0 == b.1) {
        (true, true) => a.0 == b.0,
        (true, false) => b.0 < a.0 && a.0 < b.1,
        (false, true) => a.0 < b.0 && b.0 < a.1,
        (false, false) => a.0 < b.1 && b.0 < a.1,
    }
}

/// Lints and fixes `source` until no fixable diagnostic is left (or the rounds run out).
pub fn fix_source(source: &SourceFile, linter: &Linter) -> Fixed {
    let mut current = source.clone();
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let report = lint_source(&current, linter);
        let (text, count) = apply(&current.text, &report.diagnostics);
        if count == 0 || text == current.text {
            return Fixed { text: current.text, applied, remaining: report.diagnostics };
        }
        applied += count;
        current = SourceFile::from_text(current.path.clone(), text, source.bom);
    }
    let remaining = lint_source(&current, linter).diagnostics;
    Fixed { text: current.text, applied, remaining }
}

/// Writes `text` (and the BOM if the file had one) to `path` through a temporary file in the
/// same directory and a rename, so a crash never leaves a half-written page. Permissions are kept.
pub fn write_atomic(path: &Path, text: &str, bom: bool) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    if bom {
        file.write_all("\u{feff}".as_bytes())?;
    }
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        file.as_file().set_permissions(meta.permissions())?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A unified diff of `before` → `after` for `--diff`.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn fixing_keeps_crlf_and_bom_and_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.md");
        std::fs::write(&path, "\u{feff}# Title\r\n\r\nWork with with Gitlab.\r\n`with with` stays.\r\n").unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let source = SourceFile::from_bytes(path.clone(), bytes).unwrap();
        let fixed = fix_source(&source, &Linter::all());
        assert_eq!(fixed.applied, 2);
        write_atomic(&path, &fixed.text, source.bom).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(written, "\u{feff}# Title\r\n\r\nWork with GitLab.\r\n`with with` stays.\r\n");
        let again = SourceFile::from_bytes(PathBuf::from("page.md"), written.into_bytes()).unwrap();
        assert_eq!(fix_source(&again, &Linter::all()).applied, 0);
    }
}
