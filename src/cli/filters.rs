//! `--new-only`, `--new-findings` and `--baseline`: which findings a run reports, decided per file in the worker.

use crate::baseline::Baseline;
use crate::diagnostic::Finding;
use crate::git::TouchedLines;
use crate::source::SourceFile;
use std::collections::HashSet;

/// The findings `--new-only` and `--baseline` keep, decided per file while it is in memory.
pub(super) struct Filters {
    /// `--new-only`: the lines the change touched, per repository-relative path.
    touched: Option<TouchedLines>,
    baseline: Option<Baseline>,
    /// `--new-findings`: the fingerprints of the findings the changed files had at the
    /// merge-base; a finding among them is not new.
    known_at_base: Option<HashSet<String>>,
    /// `--new-findings`: the lines the change touched, which decide for the findings in the
    /// handbook's data files (their merge-base findings are not computed).
    touched_for_data_files: Option<TouchedLines>,
}

impl Filters {
    pub(super) fn new(touched: Option<TouchedLines>, baseline: Option<Baseline>) -> Filters {
        Filters { touched, baseline, known_at_base: None, touched_for_data_files: None }
    }

    /// `--new-findings`: keep only findings whose fingerprints are not among `known`, and in
    /// data files those on the lines the change `touched`.
    pub(super) fn with_known_at_base(mut self, known: HashSet<String>, touched: TouchedLines) -> Filters {
        self.known_at_base = Some(known);
        self.touched_for_data_files = Some(touched);
        self
    }

    pub(super) fn apply(&self, source: &SourceFile, diagnostics: &mut Vec<Finding>) {
        if let Some(touched) = &self.touched {
            keep_touched(touched, source, diagnostics);
        }
        if let Some(known) = &self.known_at_base {
            diagnostics.retain(|d| !known.contains(&d.fingerprint));
        }
        self.apply_baseline(source, diagnostics);
    }

    /// For the findings in a data file (IL007, LD003). With `--new-findings` the merge-base's
    /// findings there are not known, and all of them would count as new whenever the change
    /// touches the file (an old stale entry would fail the merge request): those on the lines
    /// the change touched are kept, as `--new-only` keeps them.
    pub(super) fn apply_data_file(&self, source: &SourceFile, diagnostics: &mut Vec<Finding>) {
        if let Some(touched) = &self.touched_for_data_files {
            keep_touched(touched, source, diagnostics);
        }
        self.apply(source, diagnostics);
    }

    /// The baseline alone: for findings the change made on lines it did not touch (LK007).
    pub(super) fn apply_baseline(&self, source: &SourceFile, diagnostics: &mut Vec<Finding>) {
        if let Some(baseline) = &self.baseline {
            let repo_path = crate::paths::repo_path(&source.path);
            if diagnostics.is_empty() {
                baseline.mark_linted(&repo_path);
            } else if let Some(page) = baseline.file(&repo_path) {
                diagnostics.retain(|d| !page.take(&d.fingerprint));
            }
        }
    }

    pub(super) fn has_baseline(&self) -> bool {
        self.baseline.is_some()
    }

    /// With `--baseline`, how many of its findings in the linted files did not occur again.
    pub(super) fn baselined_gone(&self) -> Option<usize> {
        Some(self.baseline.as_ref()?.gone())
    }
}

/// Keeps the findings that overlap a line the change touched in their file.
fn keep_touched(touched: &TouchedLines, source: &SourceFile, diagnostics: &mut Vec<Finding>) {
    let lines = touched.get(&crate::paths::repo_path(&source.path));
    diagnostics
        .retain(|d| lines.is_some_and(|l| l.range(d.start.line..=d.end.line.max(d.start.line)).next().is_some()));
}
