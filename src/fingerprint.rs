//! Stable fingerprints: what identifies a finding across edits that do not touch it.
//!
//! GitLab's merge-request widget compares the Code Quality reports of the base and the head by
//! fingerprint; a baseline does the same. Line numbers would make every finding below an edit
//! look new, so the fingerprint hashes what the finding *is*: the repository-relative path, the
//! rule, the section of the page it sits in (the heading chain, which carries the job level) and
//! the normalized offending text, plus an occurrence index so repeats of the same text in the
//! same section stay distinct.

use crate::diagnostic::Finding;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Sets the fingerprint of every diagnostic of one file (sorted by position), 32 hex digits each.
/// The occurrence index counts over all of the file's findings, so a report filtered afterwards
/// (`--new-only`, a baseline) keeps the fingerprints a full run gives.
pub fn assign(repo_path: &str, diagnostics: &mut [Finding]) {
    let prints = fingerprints(repo_path, diagnostics);
    for (located, print) in diagnostics.iter_mut().zip(prints) {
        located.fingerprint = print;
    }
}

fn fingerprints(repo_path: &str, diagnostics: &[Finding]) -> Vec<String> {
    let mut occurrences: HashMap<(&str, &str, &str), usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|located| {
            let code = located.diagnostic.rule.code;
            let count = occurrences.entry((code, &located.section, &located.snippet)).or_insert(0);
            let occurrence = *count;
            *count += 1;
            let mut hasher = Sha256::new();
            for part in [repo_path, code, &located.section, &located.snippet, &occurrence.to_string()] {
                hasher.update(part.as_bytes());
                hasher.update([0]);
            }
            hasher.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
        })
        .collect()
}
