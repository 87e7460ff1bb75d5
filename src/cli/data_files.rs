//! Findings about the handbook's data files rather than about a page: IL007's stale entries of
//! the inclusive-language skip list. They are made on the main thread after the pages are
//! linted, rendered by the same renderer and handed to the report like a linted file, so they
//! reach every output format, the summary, baselines and the exit code.

use crate::config::Settings;
use crate::diagnostic::{Finding, Severity};
use crate::rules::inclusive::il007_stale_skip_entry;
use crate::run::{FileOutcome, Linted, Renderer};
use crate::source::{LineIndex, SourceFile};
use std::path::{Path, PathBuf};

/// What a run covers, which decides whether stale entries are reported: a run over a directory
/// covers the repository's pages; a `--changed-since` run reports them only when the skip file
/// itself changed (an unrelated merge request is not failed for them); a run over named files
/// does not report them.
pub(super) enum Coverage {
    Directories,
    Change { root: PathBuf, files: Vec<String> },
    NamedFiles,
}

impl Coverage {
    fn reports(&self, skip_file: &Path) -> bool {
        match self {
            Coverage::Directories => true,
            Coverage::NamedFiles => false,
            Coverage::Change { root, files } => {
                let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
                let (file, root) = (canonical(skip_file), canonical(root));
                file.strip_prefix(&root).is_ok_and(|relative| {
                    let relative = relative.to_string_lossy().replace('\\', "/");
                    files.contains(&relative)
                })
            }
        }
    }
}

/// One outcome per skip file with stale entries, with the failing severity of its settings.
pub(super) fn stale_skip_entries(
    settings: &[Settings],
    coverage: &Coverage,
    fingerprints: bool,
    render: &Renderer<'_>,
) -> Vec<(FileOutcome, Severity)> {
    let mut done: Vec<&Path> = Vec::new();
    let mut outcomes = Vec::new();
    for settings in settings {
        let (Some(list), Some(severity)) =
            (settings.linter.skip_list(), settings.linter.severity_of(il007_stale_skip_entry::META.code))
        else {
            continue;
        };
        if done.contains(&list.path.as_path()) || !coverage.reports(&list.path) {
            continue;
        }
        done.push(&list.path);
        let pages = crate::walk::collect(std::slice::from_ref(&list.root)).files;
        let stale = list.stale(pages.iter().map(PathBuf::as_path));
        if stale.is_empty() {
            continue;
        }
        let path = list.path.clone();
        let source = match std::fs::read(&path).map(|bytes| SourceFile::from_bytes(path.clone(), bytes)) {
            Ok(Ok(source)) => source,
            Ok(Err(err)) => {
                outcomes.push((FileOutcome { path, result: Err(err.to_string()) }, settings.fail_on));
                continue;
            }
            Err(err) => {
                let message = crate::error::describe_io(&err);
                outcomes.push((FileOutcome { path, result: Err(message) }, settings.fail_on));
                continue;
            }
        };
        let text = source.text.as_str();
        let lines = LineIndex::new(text);
        let mut findings: Vec<Finding> = stale
            .iter()
            .map(|entry| Finding::new(il007_stale_skip_entry::diagnostic(entry, text, &lines, severity), text, &lines))
            .collect();
        findings.sort_by_key(|f| f.start);
        if fingerprints {
            for finding in &mut findings {
                finding.snippet = crate::diagnostic::snippet_of(text, &lines, finding.diagnostic.span);
            }
            crate::fingerprint::assign(&crate::paths::repo_path(&path), &mut findings);
        }
        let rendered = render(&source, &mut findings);
        let linted = Linted { diagnostics: findings, rendered, fixed: 0, output: None };
        outcomes.push((FileOutcome { path, result: Ok(linted) }, settings.fail_on));
    }
    outcomes
}
