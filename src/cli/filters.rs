//! `--new-only`, `--new-findings` and `--baseline`: which findings a run reports, decided per file in the worker.

use crate::baseline::Baseline;
use crate::diagnostic::Finding;
use crate::git::TouchedLines;
use crate::source::SourceFile;
use std::collections::HashSet;
use std::sync::Mutex;

/// The findings `--new-only` and `--baseline` keep, decided per file while it is in memory.
pub(super) struct Filters {
    /// `--new-only`: the lines the change touched, per repository-relative path.
    touched: Option<TouchedLines>,
    baseline: Option<Baseline>,
    /// `--new-findings`: the fingerprints of the findings the changed files had at the
    /// merge-base; a finding among them is not new.
    known_at_base: Option<HashSet<String>>,
    /// Baselined fingerprints seen again in this run.
    seen_in_baseline: Mutex<HashSet<String>>,
}

impl Filters {
    pub(super) fn new(touched: Option<TouchedLines>, baseline: Option<Baseline>) -> Filters {
        Filters { touched, baseline, known_at_base: None, seen_in_baseline: Mutex::default() }
    }

    /// `--new-findings`: keep only findings whose fingerprints are not among `known`.
    pub(super) fn with_known_at_base(mut self, known: HashSet<String>) -> Filters {
        self.known_at_base = Some(known);
        self
    }

    pub(super) fn apply(&self, source: &SourceFile, diagnostics: &mut Vec<Finding>) {
        if let Some(touched) = &self.touched {
            let lines = touched.get(&crate::paths::repo_path(&source.path));
            diagnostics.retain(|d| {
                lines.is_some_and(|l| l.range(d.start.line..=d.end.line.max(d.start.line)).next().is_some())
            });
        }
        if let Some(known) = &self.known_at_base {
            diagnostics.retain(|d| !known.contains(&d.fingerprint));
        }
        self.apply_baseline(diagnostics);
    }

    /// The baseline alone: for findings the change made on lines it did not touch (LK007).
    pub(super) fn apply_baseline(&self, diagnostics: &mut Vec<Finding>) {
        if let Some(baseline) = &self.baseline {
            let mut seen = self.seen_in_baseline.lock().unwrap_or_else(|e| e.into_inner());
            diagnostics.retain(|d| {
                if baseline.contains(&d.fingerprint) {
                    seen.insert(d.fingerprint.clone());
                    false
                } else {
                    true
                }
            });
        }
    }

    pub(super) fn has_baseline(&self) -> bool {
        self.baseline.is_some()
    }

    /// With `--baseline`, how many of its findings in the linted files did not occur again.
    pub(super) fn baselined_gone(&self, linted_paths: &HashSet<String>) -> Option<usize> {
        let baseline = self.baseline.as_ref()?;
        let seen = self.seen_in_baseline.lock().unwrap_or_else(|e| e.into_inner());
        Some(baseline.gone(linted_paths, &seen))
    }
}
