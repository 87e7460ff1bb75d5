//! `--new-findings`: the findings the changed files had at the merge-base, by fingerprint. A
//! finding of the change whose fingerprint is among them is old, as GitLab's Code Quality widget
//! would call it (it compares the merge request's report with the target branch's the same way),
//! so the job's verdict and the widget agree: a finding the change causes on a line it did not
//! touch (a deleted section leaves its role heading without one) is new; an old finding pushed
//! down by added lines is not.

use crate::diagnostic::Finding;
use crate::linter::Linter;
use crate::rendering::Rendering;
use crate::run::{self, Input};
use crate::source::SourceFile;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

/// Lints the merge-base version of every file in `inputs` (with the settings each file has now)
/// and returns the fingerprints of what it finds. Files the change added have no base version.
pub(super) fn fingerprints_at_base(
    root: &Path,
    rev: &str,
    inputs: &[(Input, usize)],
    linters: &[&Linter],
    threads: usize,
) -> Result<HashSet<String>, String> {
    let files: Vec<(&Path, usize)> = inputs
        .iter()
        .filter_map(|(input, index)| match input {
            Input::File(path) => Some((path.as_path(), *index)),
            Input::Text(..) => None,
        })
        .collect();
    // Named from the change's repository root, where git looks them up (a submodule's pages
    // linted from its superproject are reported from the superproject's).
    let repo_paths: Vec<String> = files.iter().map(|(path, _)| path_in(root, path)).collect();
    let contents = crate::git::files_at(root, rev, &repo_paths)?;
    // Linted under the path the file has now, so a finding's fingerprint (which holds the
    // repository-relative path) is the one the same finding has in the change.
    let base_inputs: Vec<(Input, usize)> = files
        .iter()
        .zip(contents)
        .filter_map(|((path, index), text)| text.map(|text| (Input::Text(path.to_path_buf(), text), *index)))
        .collect();
    let known = Mutex::new(HashSet::new());
    let collect = |_: &SourceFile, diagnostics: &mut Vec<Finding>| -> Vec<Rendering> {
        let mut known = known.lock().unwrap_or_else(|e| e.into_inner());
        known.extend(diagnostics.iter().map(|d| d.fingerprint.clone()));
        Vec::new()
    };
    run::lint_all(base_inputs, linters, run::Mode::Check, threads, &collect, &mut |_| {});
    Ok(known.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// `path` relative to the repository `root` (which git gives with symlinks resolved).
fn path_in(root: &Path, path: &Path) -> String {
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    match canonical.strip_prefix(root) {
        Ok(relative) => crate::paths::display_path(relative),
        Err(_) => crate::paths::repo_path(path),
    }
}
