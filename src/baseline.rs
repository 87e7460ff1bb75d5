//! A baseline: the findings a handbook had when it adopted hblint, by fingerprint, so a run
//! reports only new ones. `--write-baseline FILE` records them; `--baseline FILE` filters them
//! out and counts the recorded findings that no longer occur.
//!
//! A baseline grows with the handbook (every finding of every page), so neither side holds it
//! as text or as findings: [`Baseline::load`] streams the file into 8 bytes a finding, grouped
//! by file, and [`BaselineWriter`] spools each file's entries to a temporary file as the run
//! goes, then copies them out in path order.

use crate::error::{LocatedError, describe_io};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The file's format version; a newer file is refused rather than misread.
const VERSION: u32 = 1;

/// One recorded finding. Only the path and fingerprint matter; the rest is there for people
/// reading it.
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
    /// Repository-relative path → the range of `keys` holding its findings.
    files: HashMap<Box<str>, (u32, u32)>,
    /// Every recorded finding's key (see [`key`]), grouped by file, sorted within a file.
    keys: Vec<u64>,
    /// One bit a key: seen again in this run. Atomic: files are linted on every core.
    seen: Vec<AtomicU64>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, LocatedError> {
        let unreadable =
            |e: &io::Error| LocatedError::in_file(path, format!("cannot read the baseline: {}", describe_io(e)));
        let file = std::fs::File::open(path).map_err(|e| unreadable(&e))?;
        let mut loaded = Loaded::for_file_of(file.metadata().map_or(0, |m| m.len()));
        let mut reader = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, file));
        let version = FileSeed { loaded: &mut loaded }.deserialize(&mut reader).and_then(|v| reader.end().map(|()| v));
        let version = version.map_err(|e| match e.classify() {
            serde_json::error::Category::Io => LocatedError::in_file(path, format!("cannot read the baseline: {e}")),
            _ => LocatedError::at(path, e.line().max(1), e.column().max(1), format!("not an hblint baseline: {e}")),
        })?;
        if version != VERSION {
            let (line, column) = find_key(path, "\"version\"").unwrap_or((1, 1));
            return Err(LocatedError::at(
                path,
                line,
                column,
                format!("baseline version {version} is not supported (this hblint writes version {VERSION})"),
            ));
        }
        Ok(loaded.into_baseline())
    }

    /// Whether the finding with this fingerprint in this file is recorded; marks it seen.
    pub fn take(&self, repo_path: &str, fingerprint: &str) -> bool {
        let Some(&(start, end)) = self.files.get(repo_path) else { return false };
        let (start, end) = (start as usize, end as usize);
        match self.keys[start..end].binary_search(&key(fingerprint)) {
            Ok(i) => {
                let bit = start + i;
                self.seen[bit / 64].fetch_or(1 << (bit % 64), Ordering::Relaxed);
                true
            }
            Err(_) => false,
        }
    }

    /// How many recorded findings in the linted files were not seen again.
    pub fn gone(&self, linted_paths: &HashSet<String>) -> usize {
        let seen = |bit: usize| self.seen[bit / 64].load(Ordering::Relaxed) & (1 << (bit % 64)) != 0;
        linted_paths
            .iter()
            .filter_map(|path| self.files.get(path.as_str()))
            .map(|&(start, end)| (start as usize..end as usize).filter(|&bit| !seen(bit)).count())
            .sum()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// A fingerprint as 64 bits: its first 16 hex digits (hblint's fingerprints are 32), or a hash
/// of it when someone wrote something else. Looked up within one file's findings, so two
/// fingerprints sharing 64 bits there is as likely as never.
fn key(fingerprint: &str) -> u64 {
    fingerprint
        .get(..16)
        .and_then(|hex| u64::from_str_radix(hex, 16).ok())
        .filter(|_| fingerprint.len() == 32)
        .unwrap_or_else(|| {
            fingerprint.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
        })
}

/// Line and column of the first `needle` in the file, for an error about its value.
fn find_key(path: &Path, needle: &str) -> Option<(usize, usize)> {
    let reader = BufReader::new(std::fs::File::open(path).ok()?);
    reader
        .lines()
        .map_while(Result::ok)
        .enumerate()
        .find_map(|(i, line)| line.find(needle).map(|byte| (i + 1, line[..byte].chars().count() + 1)))
}

/// The entries as they stream in: paths interned, one key each, and a run each time the path
/// changes (one run a file in a file hblint wrote, which is sorted by path).
struct Loaded {
    path_ids: HashMap<Box<str>, u32>,
    keys: Vec<u64>,
    /// `(path id, index of its first key)`.
    runs: Vec<(u32, u32)>,
}

impl Loaded {
    /// Room for as many keys as the file can hold (an entry takes at least 59 bytes of JSON):
    /// reserved, not touched, so it costs no memory, and the keys never move as they arrive.
    fn for_file_of(bytes: u64) -> Loaded {
        let most = usize::try_from(bytes / 59 + 1).unwrap_or(usize::MAX).min(u32::MAX as usize);
        Loaded { path_ids: HashMap::new(), keys: Vec::with_capacity(most), runs: Vec::new() }
    }

    fn push(&mut self, entry: Entry) {
        let next = self.path_ids.len() as u32;
        let id = *self.path_ids.entry(entry.path.into_boxed_str()).or_insert(next);
        if self.runs.last().is_none_or(|&(last, _)| last != id) {
            self.runs.push((id, self.keys.len() as u32));
        }
        self.keys.push(key(&entry.fingerprint));
    }

    /// Sorts and dedups each file's keys in place and keeps one range a file. A hand-edited
    /// file may list one path in several places: its runs are gathered first (a copy, for such
    /// files only).
    fn into_baseline(self) -> Baseline {
        let Loaded { path_ids, mut keys, runs } = self;
        let ends = runs.iter().skip(1).map(|&(_, start)| start).chain([keys.len() as u32]);
        let mut runs: Vec<(u32, u32, u32)> =
            runs.iter().zip(ends).map(|(&(id, start), end)| (id, start, end)).collect();
        let mut once = vec![false; path_ids.len()];
        if !runs.iter().all(|&(id, ..)| !std::mem::replace(&mut once[id as usize], true)) {
            runs.sort_by_key(|&(id, ..)| id);
            let mut gathered = Vec::with_capacity(keys.len());
            let mut merged: Vec<(u32, u32, u32)> = Vec::new();
            for (id, start, end) in runs {
                if merged.last().is_none_or(|m| m.0 != id) {
                    merged.push((id, gathered.len() as u32, 0));
                }
                gathered.extend_from_slice(&keys[start as usize..end as usize]);
                if let Some(last) = merged.last_mut() {
                    last.2 = gathered.len() as u32;
                }
            }
            (keys, runs) = (gathered, merged);
        }
        let mut ranges = vec![(0u32, 0u32); path_ids.len()];
        let mut write = 0;
        for (id, start, end) in runs {
            let (start, end) = (start as usize, end as usize);
            keys[start..end].sort_unstable();
            let first = write;
            let mut previous = None;
            for read in start..end {
                // A finding recorded twice counts once.
                let key = keys[read];
                if previous != Some(key) {
                    keys[write] = key;
                    write += 1;
                    previous = Some(key);
                }
            }
            ranges[id as usize] = (first as u32, write as u32);
        }
        keys.truncate(write);
        let files = path_ids.into_iter().map(|(path, id)| (path, ranges[id as usize])).collect();
        let seen = (0..keys.len().div_ceil(64)).map(|_| AtomicU64::new(0)).collect();
        Baseline { files, keys, seen }
    }
}

/// The top level of a baseline file: `{"version": 1, "findings": [...]}`, its findings
/// streamed into [`Loaded`] one at a time.
struct FileSeed<'a> {
    loaded: &'a mut Loaded,
}

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = u32;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<u32, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_> {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with `version` and `findings`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<u32, A::Error> {
        let (mut version, mut findings) = (None, false);
        while let Some(name) = map.next_key::<String>()? {
            match name.as_str() {
                "version" if version.is_none() => version = Some(map.next_value::<u32>()?),
                "findings" if !findings => {
                    map.next_value_seed(FindingsSeed { loaded: &mut *self.loaded })?;
                    findings = true;
                }
                "version" | "findings" => return Err(de::Error::custom(format_args!("duplicate field `{name}`"))),
                other => return Err(de::Error::unknown_field(other, &["version", "findings"])),
            }
        }
        if !findings {
            return Err(de::Error::missing_field("findings"));
        }
        version.ok_or_else(|| de::Error::missing_field("version"))
    }
}

struct FindingsSeed<'a> {
    loaded: &'a mut Loaded,
}

impl<'de> DeserializeSeed<'de> for FindingsSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FindingsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of findings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(entry) = seq.next_element::<Entry>()? {
            self.loaded.push(entry);
        }
        Ok(())
    }
}

/// Writes a baseline file as the run goes: each file's entries, sorted by line, rule and
/// fingerprint, are spooled to a temporary file; [`BaselineWriter::finish`] copies them out in
/// path order (the file diffs well under review) and replaces the target atomically.
pub struct BaselineWriter {
    spool: Result<BufWriter<std::fs::File>, String>,
    written: u64,
    /// Repository-relative path, and where its entries sit in the spool.
    files: Vec<(String, u64, u64)>,
    count: usize,
}

impl Default for BaselineWriter {
    fn default() -> Self {
        let spool = tempfile::tempfile()
            .map(|file| BufWriter::with_capacity(1 << 16, file))
            .map_err(|e| format!("cannot create a temporary file for the baseline: {}", describe_io(&e)));
        BaselineWriter { spool, written: 0, files: Vec::new(), count: 0 }
    }
}

impl BaselineWriter {
    /// Records one file's entries (all of one path).
    pub fn add_file(&mut self, repo_path: &str, mut entries: Vec<Entry>) {
        if entries.is_empty() {
            return;
        }
        entries.sort_by(|a, b| (a.line, &a.code, &a.fingerprint).cmp(&(b.line, &b.code, &b.fingerprint)));
        let mut chunk = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            if i > 0 {
                chunk.extend_from_slice(b",\n");
            }
            write_entry(&mut chunk, entry);
        }
        self.count += entries.len();
        let start = self.written;
        let Ok(spool) = &mut self.spool else { return };
        if let Err(e) = spool.write_all(&chunk) {
            self.spool = Err(format!("cannot write the baseline's temporary file: {}", describe_io(&e)));
            return;
        }
        self.written += chunk.len() as u64;
        self.files.push((repo_path.to_string(), start, chunk.len() as u64));
    }

    /// How many entries were recorded.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Writes the baseline file at `path`.
    pub fn finish(mut self, path: &Path) -> Result<(), String> {
        let cannot = |e: io::Error| format!("{}: cannot write the baseline: {}", path.display(), describe_io(&e));
        let mut spool = self.spool?.into_inner().map_err(|e| cannot(e.into_error()))?;
        self.files.sort_by(|a, b| a.0.cmp(&b.0));
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let mut out = tempfile::NamedTempFile::new_in(folder).map_err(cannot)?;
        {
            let mut writer = BufWriter::with_capacity(1 << 16, out.as_file_mut());
            writer.write_all(format!("{{\n  \"version\": {VERSION},\n  \"findings\": [").as_bytes()).map_err(cannot)?;
            for (i, (_, start, len)) in self.files.iter().enumerate() {
                writer.write_all(if i == 0 { b"\n" } else { b",\n" }).map_err(cannot)?;
                spool.seek(io::SeekFrom::Start(*start)).map_err(cannot)?;
                io::copy(&mut (&mut spool).take(*len), &mut writer).map_err(cannot)?;
            }
            writer.write_all(if self.files.is_empty() { b"]\n}\n" } else { b"\n  ]\n}\n" }).map_err(cannot)?;
            writer.flush().map_err(cannot)?;
        }
        out.persist(path).map_err(|e| cannot(e.error))?;
        Ok(())
    }
}

/// One entry as `serde_json::to_string_pretty` writes it inside the file's `findings` array
/// (four spaces in), so a written baseline reads as one pretty-printed document.
fn write_entry(out: &mut Vec<u8>, entry: &Entry) {
    let pretty = serde_json::to_string_pretty(entry).expect("an entry is plain strings and numbers");
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(b"    ");
        out.extend_from_slice(line.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, line: usize, fingerprint: &str) -> Entry {
        Entry {
            fingerprint: fingerprint.into(),
            path: path.into(),
            code: "PR101".into(),
            line,
            message: "'recieve' is \"misspelled\"".into(),
        }
    }

    /// The streamed file is the pretty-printed document serde would write in one piece, in
    /// path order whatever order the files came in, and it loads back.
    #[test]
    fn a_written_baseline_is_one_pretty_document_that_loads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("baseline.json");
        let b = entry("b.md", 3, "00000000000000020000000000000000");
        let a2 = entry("a.md", 9, "00000000000000030000000000000000");
        let a1 = entry("a.md", 1, "00000000000000010000000000000000");
        let mut writer = BaselineWriter::default();
        writer.add_file("b.md", vec![b.clone()]);
        writer.add_file("a.md", vec![a2.clone(), a1.clone()]);
        assert_eq!(writer.len(), 3);
        writer.finish(&path).expect("written");
        #[derive(Serialize)]
        struct Whole {
            version: u32,
            findings: Vec<Entry>,
        }
        let whole = Whole { version: VERSION, findings: vec![a1, a2, b] };
        let expected = serde_json::to_string_pretty(&whole).expect("json") + "\n";
        assert_eq!(std::fs::read_to_string(&path).expect("read"), expected);

        let loaded = Baseline::load(&path).expect("loads");
        assert_eq!(loaded.len(), 3);
        assert!(loaded.take("a.md", "00000000000000030000000000000000"));
        assert!(!loaded.take("b.md", "00000000000000030000000000000000"), "a fingerprint belongs to its file");
        let linted: HashSet<String> = ["a.md".to_string(), "c.md".to_string()].into();
        assert_eq!(loaded.gone(&linted), 1, "a.md's first finding was not seen; b.md was not linted");
    }

    #[test]
    fn an_empty_baseline_is_the_document_serde_writes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("baseline.json");
        BaselineWriter::default().finish(&path).expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "{\n  \"version\": 1,\n  \"findings\": []\n}\n");
        assert!(Baseline::load(&path).expect("loads").is_empty());
    }

    /// Entries of a file hand-edited out of order, duplicated, or with fingerprints that are
    /// not hblint's still match.
    #[test]
    fn entries_in_any_order_and_any_fingerprint_match() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("baseline.json");
        let findings = [
            entry("b.md", 1, "zz"),
            entry("a.md", 1, "00000000000000050000000000000000"),
            entry("b.md", 2, "00000000000000050000000000000000"),
            entry("b.md", 2, "00000000000000050000000000000000"),
        ];
        let text = serde_json::json!({ "findings": findings.iter().map(|e| serde_json::to_value(e).unwrap()).collect::<Vec<_>>(), "version": 1 });
        std::fs::write(&path, text.to_string()).expect("write");
        let loaded = Baseline::load(&path).expect("loads");
        assert_eq!(loaded.len(), 3, "the duplicate counts once");
        assert!(loaded.take("b.md", "zz"));
        assert!(loaded.take("a.md", "00000000000000050000000000000000"));
        let linted: HashSet<String> = ["a.md".to_string(), "b.md".to_string()].into();
        assert_eq!(loaded.gone(&linted), 1);
    }

    #[test]
    fn a_newer_version_is_refused_where_it_is_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("baseline.json");
        std::fs::write(&path, "{\n  \"findings\": [],\n  \"version\": 7\n}\n").expect("write");
        let message = Baseline::load(&path).err().expect("refused").to_string();
        assert!(message.contains("baseline.json:3:3"), "{message}");
        assert!(message.contains("baseline version 7 is not supported"), "{message}");
        std::fs::write(&path, "{\"version\": 1, \"findings\": [], \"extra\": 1}").expect("write");
        let message = Baseline::load(&path).err().expect("refused").to_string();
        assert!(message.contains("unknown field `extra`"), "{message}");
    }
}
