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

/// The most a round may grow the text: twice its size plus 64 KiB. Real fixes add a few bytes per
/// finding (a blank line, brackets, a longer word); a fix that inserts at every empty match or
/// re-wraps its own output doubles the page each round and, unchecked, runs out of memory.
fn growth_limit(len: usize) -> usize {
    len.saturating_mul(2).saturating_add(64 * 1024)
}

/// Why `--fix` gave up on a file instead of writing it: its fixes do not settle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Runaway {
    /// The rules whose fixes applied in the last round, sorted.
    pub rules: Vec<&'static str>,
    /// Text length before and after that round, in bytes.
    pub before: usize,
    pub after: usize,
    /// Whether the round grew past the limit (else the rounds ran out, the text still growing).
    pub blew_up: bool,
}

impl std::fmt::Display for Runaway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rules = self.rules.join(", ");
        let what = if self.blew_up {
            format!("a round of fixes by {rules} grew the text from {} to {} bytes", self.before, self.after)
        } else {
            format!(
                "the fixes by {rules} still grow the text after {MAX_ROUNDS} rounds ({} → {} bytes)",
                self.before, self.after
            )
        };
        write!(f, "--fix stopped, file left unchanged: {what}; those fixes never settle (fix this file by hand)")
    }
}

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
    let (text, rules) = apply_by_rule(text, diagnostics);
    (text, rules.len())
}

/// `apply`, also returning the code of each diagnostic fixed, in the order applied.
fn apply_by_rule(text: &str, diagnostics: &[Finding]) -> (String, Vec<&'static str>) {
    let mut fixes: Vec<(&Vec<Edit>, &'static str)> =
        diagnostics.iter().filter_map(|d| d.diagnostic.fix.as_ref().map(|fix| (fix, d.diagnostic.rule.code))).collect();
    fixes.sort_by_key(|(edits, _)| edits.iter().map(|e| e.span.start).min().unwrap_or(0));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    for (fix, code) in fixes {
        let overlaps = fix.iter().any(|e| taken.iter().any(|&(s, t)| conflict((s, t), (e.span.start, e.span.end))));
        let valid = fix.iter().all(|e| {
            e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end)
        });
        if overlaps || !valid {
            continue;
        }
        taken.extend(fix.iter().map(|e| (e.span.start, e.span.end)));
        edits.extend(fix.iter());
        applied.push(code);
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

/// Lints and fixes `source` until no fixable diagnostic is left (or the rounds run out). Fails,
/// with nothing to write, when a round grows the text past `growth_limit` or the rounds run out
/// with every one of the last three still growing it: such fixes never settle, and each `--fix`
/// would make the file larger.
pub fn fix_source(source: &SourceFile, linter: &Linter) -> Result<Fixed, Runaway> {
    let mut current = source.clone();
    let mut applied = 0;
    let mut lengths = vec![source.text.len()];
    let mut last_rules = Vec::new();
    // Each round's text (as a hash), the fixes counted before it and the rules that fixed
    // in it: two rules whose fixes undo each other bring a text back.
    let mut rounds: Vec<(u64, usize, Vec<&'static str>)> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let report = lint_source(&current, linter);
        let (text, rules) = apply_by_rule(&current.text, &report.diagnostics);
        if rules.is_empty() || text == current.text {
            return Ok(Fixed { text: current.text, applied, remaining: report.diagnostics });
        }
        let count = rules.len();
        last_rules = rules;
        last_rules.sort_unstable();
        last_rules.dedup();
        if text.len() > growth_limit(current.text.len()) {
            return Err(Runaway { rules: last_rules, before: current.text.len(), after: text.len(), blew_up: true });
        }
        rounds.push((crate::hash::fnv1a(current.text.bytes()), applied, last_rules.clone()));
        let hash = crate::hash::fnv1a(text.bytes());
        if let Some(first) = rounds.iter().position(|(seen, ..)| *seen == hash) {
            // A cycle: the text is back to what it was before round `first`. Fixing stops
            // there, and the findings of the rules that took part are reported without a fix
            // (`--fix` cannot settle them; the page needs a person to choose).
            let rules_in_cycle: Vec<&'static str> =
                rounds[first..].iter().flat_map(|(_, _, rules)| rules.iter().copied()).collect();
            let applied = rounds[first].1;
            let text = SourceFile::from_text(current.path.clone(), text, source.bom);
            let mut remaining = lint_source(&text, linter).diagnostics;
            for finding in &mut remaining {
                if rules_in_cycle.contains(&finding.diagnostic.rule.code) {
                    finding.diagnostic.fix = None;
                }
            }
            return Ok(Fixed { text: text.text, applied, remaining });
        }
        applied += count;
        lengths.push(text.len());
        current = SourceFile::from_text(current.path.clone(), text, source.bom);
    }
    let growing = lengths.windows(2).rev().take(3).all(|pair| pair[1] > pair[0]);
    if growing {
        return Err(Runaway {
            rules: last_rules,
            before: source.text.len(),
            after: current.text.len(),
            blew_up: false,
        });
    }
    let remaining = lint_source(&current, linter).diagnostics;
    Ok(Fixed { text: current.text, applied, remaining })
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
        let fixed = fix_source(&source, &Linter::all()).unwrap();
        assert_eq!(fixed.applied, 2);
        write_atomic(&path, &fixed.text, source.bom).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(written, "\u{feff}# Title\r\n\r\nWork with GitLab.\r\n`with with` stays.\r\n");
        let again = SourceFile::from_bytes(PathBuf::from("page.md"), written.into_bytes()).unwrap();
        assert_eq!(fix_source(&again, &Linter::all()).unwrap().applied, 0);
    }
}
