//! The result cache (`.hblint_cache/`): each file's findings, kept under a key of everything that
//! decides them, so a repeat run over an unchanged handbook reads findings instead of linting.
//!
//! The key of a file is a SHA-256 of: the hblint build (version and the binary's size and
//! modification time, so a rebuilt binary never reads an older one's findings), the working
//! directory, the effective configuration (every byte of every file it was built from:
//! `hblint.toml` and what it extends, the markdownlint configuration, packs, the handbook's data
//! files, and the command line's overrides; see `config::Settings::cache_key`), whether findings
//! carry fingerprints, for configurations with a site rule the state of the site index (every
//! page's route, size and modification time, and the redirects file: a link's finding depends on
//! other pages), and the file's path and text. A changed input is a different key; nothing is
//! ever invalidated in place, so the cache cannot change a result.
//!
//! Entries are one small file each, `<build>/<2 hex>/<62 hex>`; a run reads
//! only the entries of its files, so memory does not grow with the cache. The folder holds a
//! `.gitignore` of `*` and a `CACHEDIR.TAG`; folders of other builds are removed when a build
//! opens the cache. A missing, unreadable or corrupt entry is a miss.

use crate::diagnostic::{Diagnostic, Edit, Finding, Label, Position, Severity};
use crate::rules::meta::RuleMeta;
use crate::source::Span;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A cache key: a SHA-256.
pub type Key = [u8; 32];

/// The name of the cache folder, in the working directory.
pub const FOLDER: &str = ".hblint_cache";

/// Hashes parts into a key; each part is length-prefixed so parts cannot run into each other.
pub fn key<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Key {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// An open cache folder for this build.
#[derive(Debug)]
pub struct Cache {
    /// `<root>/<build>`.
    dir: PathBuf,
}

impl Cache {
    /// Opens (creating) the cache under `root` for this build, removing other builds' folders.
    pub fn open(root: &Path) -> std::io::Result<Cache> {
        std::fs::create_dir_all(root)?;
        let ignore = root.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "# Created by hblint: its result cache, never to commit.\n*\n")?;
        }
        let tag = root.join("CACHEDIR.TAG");
        if !tag.exists() {
            std::fs::write(
                &tag,
                "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is hblint's result cache (https://bford.info/cachedir/).\n",
            )?;
        }
        let build = build_id();
        for entry in std::fs::read_dir(root)?.flatten() {
            let name = entry.file_name();
            let is_build = entry.file_type().is_ok_and(|t| t.is_dir()) && name.to_string_lossy().starts_with('v');
            if is_build && name.to_string_lossy() != build {
                // Another build's findings are never read again; another hblint may be writing
                // there, so what cannot be removed now is left for later.
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        let dir = root.join(build);
        std::fs::create_dir_all(&dir)?;
        Ok(Cache { dir })
    }

    fn entry(&self, key: &Key) -> PathBuf {
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        self.dir.join(&hex[..2]).join(&hex[2..])
    }

    /// The findings stored under `key`; `rule` finds a rule's metadata by its code (a rule no
    /// longer in force makes the entry a miss).
    pub fn get(&self, key: &Key, rule: impl Fn(&str) -> Option<&'static RuleMeta>) -> Option<Vec<Finding>> {
        let bytes = std::fs::read(self.entry(key)).ok()?;
        let stored: Vec<Stored> = serde_json::from_slice(&bytes).ok()?;
        stored.into_iter().map(|s| s.finding(&rule)).collect()
    }

    /// Stores findings under `key`. A cache that cannot be written is no cache: the run goes on.
    /// Written in place, not through a temporary file and a rename (which tripled the cost of a
    /// first run): a reader that meets a half-written entry finds invalid JSON, a miss.
    pub fn put(&self, key: &Key, findings: &[Finding]) {
        let stored: Vec<Stored> = findings.iter().map(Stored::of).collect();
        let Ok(bytes) = serde_json::to_vec(&stored) else { return };
        let path = self.entry(key);
        if std::fs::write(&path, &bytes).is_err()
            && let Some(folder) = path.parent()
            && std::fs::create_dir_all(folder).is_ok()
        {
            let _ = std::fs::write(&path, &bytes);
        }
    }
}

/// This build's folder name: the version, and the binary's size and modification time (two
/// builds of one version, as in development, differ there).
fn build_id() -> String {
    let binary = std::env::current_exe().and_then(std::fs::metadata).ok();
    let size = binary.as_ref().map_or(0, |m| m.len());
    let modified = binary
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let id = key([size.to_le_bytes().as_slice(), modified.to_le_bytes().as_slice()]);
    let short: String = id[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("v{}-{short}", env!("CARGO_PKG_VERSION"))
}

/// A finding as stored: the rule by its code, spans as pairs.
#[derive(Serialize, Deserialize)]
struct Stored {
    code: String,
    severity: Severity,
    message: String,
    span: (usize, usize),
    labels: Vec<(usize, usize, String)>,
    help: Option<String>,
    fix: Option<Vec<(usize, usize, String)>>,
    start: (usize, usize),
    end: (usize, usize),
    section: String,
    snippet: String,
    fingerprint: String,
}

impl Stored {
    fn of(finding: &Finding) -> Stored {
        let d = &finding.diagnostic;
        Stored {
            code: d.rule.code.to_string(),
            severity: d.severity,
            message: d.message.clone(),
            span: (d.span.start, d.span.end),
            labels: d.labels.iter().map(|l| (l.span.start, l.span.end, l.message.clone())).collect(),
            help: d.help.clone(),
            fix: d
                .fix
                .as_ref()
                .map(|edits| edits.iter().map(|e| (e.span.start, e.span.end, e.replacement.clone())).collect()),
            start: (finding.start.line, finding.start.column),
            end: (finding.end.line, finding.end.column),
            section: finding.section.clone(),
            snippet: finding.snippet.clone(),
            fingerprint: finding.fingerprint.clone(),
        }
    }

    fn finding(self, rule: &impl Fn(&str) -> Option<&'static RuleMeta>) -> Option<Finding> {
        let span = |(start, end): (usize, usize)| Span { start, end };
        let diagnostic = Diagnostic {
            rule: rule(&self.code)?,
            severity: self.severity,
            message: self.message,
            span: span(self.span),
            labels: self.labels.into_iter().map(|(s, e, message)| Label { span: span((s, e)), message }).collect(),
            help: self.help,
            fix: self.fix.map(|edits| {
                edits.into_iter().map(|(s, e, replacement)| Edit { span: span((s, e)), replacement }).collect()
            }),
        };
        Some(Finding {
            diagnostic,
            start: Position { line: self.start.0, column: self.start.1 },
            end: Position { line: self.end.0, column: self.end.1 },
            section: self.section,
            snippet: self.snippet,
            fingerprint: self.fingerprint,
        })
    }
}
