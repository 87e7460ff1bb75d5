//! A baseline: the findings a handbook had when it adopted hblint, by fingerprint, so a run
//! reports only new ones. `--write-baseline FILE` records them; `--baseline FILE` filters them
//! out and counts the recorded findings that no longer occur.

use crate::error::{LocatedError, describe_io};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The file's format version; a newer file is refused rather than misread.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// One recorded finding. Only the fingerprint matters; the rest is there for people reading it.
#[derive(Serialize, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub path: String,
    pub code: String,
    pub line: usize,
    pub message: String,
}

/// A loaded baseline.
#[derive(Default)]
pub struct Baseline {
    /// Fingerprint → repository-relative path.
    by_fingerprint: HashMap<String, String>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, LocatedError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| LocatedError::in_file(path, format!("cannot read the baseline: {}", describe_io(&e))))?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            LocatedError::at(path, e.line().max(1), e.column().max(1), format!("not an hblint baseline: {e}"))
        })?;
        if file.version != VERSION {
            let at = text.find("\"version\"").unwrap_or(0);
            return Err(LocatedError::at_offset(
                path,
                &text,
                at,
                format!("baseline version {} is not supported (this hblint writes version {VERSION})", file.version),
            ));
        }
        Ok(Baseline { by_fingerprint: file.findings.into_iter().map(|e| (e.fingerprint, e.path)).collect() })
    }

    pub fn contains(&self, fingerprint: &str) -> bool {
        self.by_fingerprint.contains_key(fingerprint)
    }

    /// How many recorded findings in the linted files were not seen again.
    pub fn gone(&self, linted_paths: &HashSet<String>, seen: &HashSet<String>) -> usize {
        self.by_fingerprint.iter().filter(|(fp, path)| linted_paths.contains(*path) && !seen.contains(*fp)).count()
    }

    pub fn len(&self) -> usize {
        self.by_fingerprint.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_fingerprint.is_empty()
    }
}

/// Writes the findings as a baseline file (sorted, so the file diffs well under review).
pub fn write(path: &Path, mut findings: Vec<Entry>) -> Result<(), String> {
    findings
        .sort_by(|a, b| (&a.path, a.line, &a.code, &a.fingerprint).cmp(&(&b.path, b.line, &b.code, &b.fingerprint)));
    let mut text = serde_json::to_string_pretty(&BaselineFile { version: VERSION, findings })
        .map_err(|e| format!("cannot serialize the baseline: {e}"))?;
    text.push('\n');
    std::fs::write(path, text)
        .map_err(|e| format!("{}: cannot write the baseline: {}", path.display(), describe_io(&e)))
}
