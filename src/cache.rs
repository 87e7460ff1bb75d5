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
//! Entries are appended to segments, one per run that stores any: `<build>/<time>-<pid>.data`
//! holds the findings (JSON), `.index` a fixed-size record per entry (key, offset, length). A
//! run reads every index (some 44 bytes an entry) and only its own files' entries. Runs in
//! parallel each write their own segment; past 32 segments the build's folder starts afresh. The
//! folder holds a `.gitignore` of `*` and a `CACHEDIR.TAG`; folders of other builds are removed
//! when a build opens the cache. A missing, unreadable or corrupt entry is a miss.

use crate::diagnostic::{Diagnostic, Edit, Finding, Label, Position, Severity};
use crate::rules::meta::RuleMeta;
use crate::source::Span;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

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

/// How many segments a build's folder may hold before it is started afresh: each run that
/// linted anything adds one, so the folder stays bounded (one cold run every so often).
const MAX_SEGMENTS: usize = 32;

/// One index record: the key, then the entry's offset and length in its segment's data file.
const RECORD: usize = 32 + 8 + 4;

/// An open cache folder for this build: the entries of earlier runs by key, and this run's
/// segment, opened on its first entry.
pub struct Cache {
    /// `<root>/<build>`.
    dir: PathBuf,
    /// Every entry of earlier runs: its segment (in `segments`), offset and length.
    index: HashMap<Key, (u32, u64, u32)>,
    /// The data files of earlier runs, opened on first read.
    segments: Vec<(PathBuf, OnceLock<Option<Segment>>)>,
    /// This run's segment: data and index, appended under one lock (entries are small; the
    /// appends are buffered).
    writer: Mutex<Option<Writer>>,
}

/// An earlier run's data file, open, and its length.
type Segment = (File, u64);

struct Writer {
    data: BufWriter<File>,
    index: BufWriter<File>,
    at: u64,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cache({}, {} entries)", self.dir.display(), self.index.len())
    }
}

impl Cache {
    /// Opens (creating) the cache under `root` for this build, removing other builds' folders,
    /// and reads the index of this build's entries.
    pub fn open(root: &Path) -> std::io::Result<Cache> {
        claim(root)?;
        let build = build_id();
        for entry in std::fs::read_dir(root)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().is_ok_and(|t| t.is_dir()) && is_build_folder(&name) && name != build {
                // Another build's findings are never read again; another hblint may be writing
                // there, so what cannot be removed now is left for later.
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        let dir = root.join(build);
        std::fs::create_dir_all(&dir)?;
        let mut stems: Vec<PathBuf> = std::fs::read_dir(&dir)?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "index"))
            .collect();
        if stems.len() > MAX_SEGMENTS {
            for stem in stems.drain(..) {
                let _ = std::fs::remove_file(stem.with_extension("data"));
                let _ = std::fs::remove_file(stem);
            }
        }
        stems.sort();
        let mut index = HashMap::new();
        let mut segments = Vec::new();
        for stem in stems {
            let Ok(records) = std::fs::read(&stem) else { continue };
            let segment = segments.len() as u32;
            // A run that stopped mid-append leaves a partial last record: it is no entry.
            for record in records.chunks_exact(RECORD) {
                let key: Key = record[..32].try_into().unwrap_or_default();
                let offset = u64::from_le_bytes(record[32..40].try_into().unwrap_or_default());
                let len = u32::from_le_bytes(record[40..44].try_into().unwrap_or_default());
                index.insert(key, (segment, offset, len));
            }
            segments.push((stem.with_extension("data"), OnceLock::new()));
        }
        Ok(Cache { dir, index, segments, writer: Mutex::new(None) })
    }

    /// The findings stored under `key`; `rule` finds a rule's metadata by its code (a rule no
    /// longer in force makes the entry a miss).
    pub fn get(&self, key: &Key, rule: impl Fn(&str) -> Option<&'static RuleMeta>) -> Option<Vec<Finding>> {
        let &(segment, offset, len) = self.index.get(key)?;
        let (path, file) = self.segments.get(segment as usize)?;
        let (file, size) = file
            .get_or_init(|| {
                let file = File::open(path).ok()?;
                let size = file.metadata().ok()?.len();
                Some((file, size))
            })
            .as_ref()?;
        // A record that names bytes past the data's end (a damaged index) is a miss, not an
        // allocation of whatever length it says.
        if offset.checked_add(u64::from(len)).is_none_or(|end| end > *size) {
            return None;
        }
        let mut bytes = vec![0; len as usize];
        file.read_exact_at(&mut bytes, offset).ok()?;
        let stored: Vec<Stored> = serde_json::from_slice(&bytes).ok()?;
        stored.into_iter().map(|s| s.finding(&rule)).collect()
    }

    /// Stores findings under `key`, in this run's segment. A cache that cannot be written is no
    /// cache: the run goes on. (One file per entry cost a first run twice its time on ext4:
    /// creating six thousand files is most of it.)
    pub fn put(&self, key: &Key, findings: &[Finding]) {
        let stored: Vec<Stored> = findings.iter().map(Stored::of).collect();
        let Ok(bytes) = serde_json::to_vec(&stored) else { return };
        let Ok(len) = u32::try_from(bytes.len()) else { return };
        let mut writer = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        if writer.is_none() {
            *writer = self.new_segment();
        }
        let Some(w) = writer.as_mut() else { return };
        let mut record = Vec::with_capacity(RECORD);
        record.extend_from_slice(key);
        record.extend_from_slice(&w.at.to_le_bytes());
        record.extend_from_slice(&len.to_le_bytes());
        // A record whose data did not all reach the file (a run killed before its buffers were
        // written) fails to read: a miss.
        if w.data.write_all(&bytes).is_err() || w.index.write_all(&record).is_err() {
            *writer = None;
            return;
        }
        w.at += u64::from(len);
    }

    /// A segment of its own for this process: `<time>-<pid>.data` and `.index`.
    fn new_segment(&self) -> Option<Writer> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let stem = self.dir.join(format!("{nanos:032}-{}", std::process::id()));
        let data = File::create_new(stem.with_extension("data")).ok()?;
        let index = File::create_new(stem.with_extension("index")).ok()?;
        Some(Writer { data: BufWriter::new(data), index: BufWriter::new(index), at: 0 })
    }
}

impl Drop for Cache {
    fn drop(&mut self) {
        let writer = self.writer.get_mut().unwrap_or_else(|e| e.into_inner());
        if let Some(w) = writer.as_mut() {
            // Data first, so a reader rarely meets a record before its data.
            let _ = w.data.flush().and_then(|()| w.index.flush());
        }
    }
}

/// The signature line of a `CACHEDIR.TAG` (https://bford.info/cachedir/), and the line that
/// says the folder is hblint's.
const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is hblint's result cache (https://bford.info/cachedir/).\n";

/// Makes `root` the cache's folder: created with its `CACHEDIR.TAG` and a `.gitignore` of `*`
/// when it does not exist or is empty; used when its tag says it is hblint's; refused
/// otherwise, so `--cache-dir` naming a folder of the user's never has folders removed from it
/// or a `.gitignore` written into it.
fn claim(root: &Path) -> std::io::Result<()> {
    let tag = root.join("CACHEDIR.TAG");
    if std::fs::read_to_string(&tag).is_ok_and(|text| text == TAG) {
        return Ok(());
    }
    std::fs::create_dir_all(root)?;
    if std::fs::read_dir(root)?.next().is_some() {
        return Err(std::io::Error::other(
            "the folder is not empty and is not an hblint cache (it has no hblint CACHEDIR.TAG)",
        ));
    }
    std::fs::write(root.join(".gitignore"), "# Created by hblint: its result cache, never to commit.\n*\n")?;
    std::fs::write(tag, TAG)
}

/// Whether a folder name is a build's (`v<version>-<16 hex>`).
fn is_build_folder(name: &str) -> bool {
    let Some((version, id)) = name.strip_prefix('v').and_then(|rest| rest.rsplit_once('-')) else { return false };
    id.len() == 16
        && id.bytes().all(|b| b.is_ascii_hexdigit())
        && version.split('.').count() >= 3
        && version.split('.').take(3).all(|part| part.bytes().all(|b| b.is_ascii_digit()) && !part.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_empty_or_hblint_folder_becomes_the_cache_and_only_build_folders_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("mine");
        std::fs::create_dir_all(mine.join("videos")).unwrap();
        let err = Cache::open(&mine).unwrap_err();
        assert!(err.to_string().contains("not an hblint cache"), "{err}");
        assert!(mine.join("videos").is_dir() && !mine.join(".gitignore").exists());

        let cache = dir.path().join("cache");
        drop(Cache::open(&cache).unwrap());
        std::fs::create_dir_all(cache.join("v0.0.1-0123456789abcdef")).unwrap();
        std::fs::create_dir_all(cache.join("vendor")).unwrap();
        drop(Cache::open(&cache).unwrap());
        assert!(!cache.join("v0.0.1-0123456789abcdef").exists());
        assert!(cache.join("vendor").is_dir());
        assert!(is_build_folder(&build_id()));
    }

    #[test]
    fn a_record_past_the_data_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let key = [7u8; 32];
        {
            let cache = Cache::open(dir.path()).unwrap();
            cache.put(&key, &[]);
        }
        let cache = Cache::open(dir.path()).unwrap();
        assert_eq!(cache.get(&key, |_| None).map(|f| f.len()), Some(0));
        // The index says a billion bytes.
        let folder = dir.path().join(build_id());
        let index = std::fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .find(|e| e.path().extension().is_some_and(|x| x == "index"))
            .unwrap()
            .path();
        let mut record = std::fs::read(&index).unwrap();
        record[40..44].copy_from_slice(&1_000_000_000u32.to_le_bytes());
        std::fs::write(&index, record).unwrap();
        assert!(Cache::open(dir.path()).unwrap().get(&key, |_| None).is_none());
    }
}
