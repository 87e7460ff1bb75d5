//! Findings about the handbook's data files rather than about a page: IL007's stale entries of
//! the inclusive-language skip list, LD003's routes of the list of job families that no page
//! serves. They are made on the main thread after the pages are
//! linted, rendered by the same renderer and handed to the report like a linted file, so they
//! reach every output format, the summary, baselines and the exit code.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::rules::inclusive::il007_stale_skip_entry;
use crate::rules::ladder::ld003_stale_job_family_entry;
use crate::run::{FileOutcome, Linted, Renderer};
use crate::site::redirects::Match;
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

/// The findings on the handbook's data files: IL007's stale skip-list entries, then LD003's
/// stale job-family routes, one outcome per data file that has any.
pub(super) fn data_file_findings(
    settings: &[Settings],
    coverage: &Coverage,
    fingerprints: bool,
    render: &Renderer<'_>,
) -> Vec<(FileOutcome, Severity)> {
    let mut outcomes = stale_skip_entries(settings, coverage, fingerprints, render);
    outcomes.extend(stale_job_family_entries(settings, coverage, fingerprints, render));
    outcomes
}

/// One outcome per skip file with stale entries, with the failing severity of its settings.
fn stale_skip_entries(
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
        let make = |text: &str, lines: &LineIndex| {
            stale.iter().map(|entry| il007_stale_skip_entry::diagnostic(entry, text, lines, severity)).collect()
        };
        outcomes.push((data_file_outcome(&list.path, make, fingerprints, render), settings.fail_on));
    }
    outcomes
}

/// One outcome per list of job families with routes no page serves (LD003).
fn stale_job_family_entries(
    settings: &[Settings],
    coverage: &Coverage,
    fingerprints: bool,
    render: &Renderer<'_>,
) -> Vec<(FileOutcome, Severity)> {
    let mut done: Vec<&Path> = Vec::new();
    let mut outcomes = Vec::new();
    for settings in settings {
        let (Some((list, root)), Some(severity)) =
            (settings.linter.job_families(), settings.linter.severity_of(ld003_stale_job_family_entry::META.code))
        else {
            continue;
        };
        if done.contains(&list.path.as_path()) || !coverage.reports(&list.path) {
            continue;
        }
        done.push(&list.path);
        let pages = crate::walk::collect(std::slice::from_ref(root)).files;
        let stale = ld003_stale_job_family_entry::stale(list, pages.iter().map(PathBuf::as_path));
        if stale.is_empty() {
            continue;
        }
        // The site index of the list's repository, when the run built one: its redirects.
        let site = settings.linter.sites().and_then(|sites| {
            let root = std::path::absolute(root).ok()?;
            sites.indexes().iter().find(|index| index.layout.root == root).cloned()
        });
        let make = |text: &str, lines: &LineIndex| {
            stale
                .iter()
                .map(|entry| {
                    let redirected = site.as_ref().and_then(|index| {
                        // A `~` pattern matches anywhere in a path (`/product/` matches every
                        // `/job-families/product/…` page, which the site serves): only exact and
                        // prefix redirects say where a listed route went.
                        let redirect = index.redirect(&entry.route).filter(|r| r.how != Match::Regex)?;
                        Some(ld003_stale_job_family_entry::Redirected {
                            target: &redirect.target,
                            file: index.redirects_file.as_deref()?,
                            line: redirect.line,
                        })
                    });
                    ld003_stale_job_family_entry::diagnostic(entry, redirected, text, lines, severity)
                })
                .collect()
        };
        outcomes.push((data_file_outcome(&list.path, make, fingerprints, render), settings.fail_on));
    }
    outcomes
}

/// Reads a data file and turns the diagnostics `make` finds in its text into a linted file's
/// outcome (an unreadable file is an outcome with its error).
fn data_file_outcome(
    path: &Path,
    make: impl Fn(&str, &LineIndex) -> Vec<Diagnostic>,
    fingerprints: bool,
    render: &Renderer<'_>,
) -> FileOutcome {
    let path = path.to_path_buf();
    let source = match std::fs::read(&path).map(|bytes| SourceFile::from_bytes(path.clone(), bytes)) {
        Ok(Ok(source)) => source,
        Ok(Err(err)) => return FileOutcome { path, result: Err(err.to_string()) },
        Err(err) => return FileOutcome { path, result: Err(crate::error::describe_io(&err)) },
    };
    let text = source.text.as_str();
    let lines = LineIndex::new(text);
    let mut findings: Vec<Finding> = make(text, &lines).into_iter().map(|d| Finding::new(d, text, &lines)).collect();
    findings.sort_by_key(|f| f.start);
    if fingerprints {
        for finding in &mut findings {
            finding.snippet = crate::diagnostic::snippet_of(text, &lines, finding.diagnostic.span);
        }
        crate::fingerprint::assign(&crate::paths::repo_path(&path), &mut findings);
    }
    let rendered = render(&source, &mut findings);
    let linted = Linted { diagnostics: findings, rendered, fixed: 0, output: None, not_fixed: None };
    FileOutcome { path, result: Ok(linted) }
}
