//! A baseline: the findings a handbook had when it adopted hblint, by fingerprint, so a run
//! reports only new ones. `--write-baseline FILE` records them; `--baseline FILE` filters them
//! out and counts the recorded findings that no longer occur.
//!
//! A baseline grows with the handbook (every finding of every page), so neither side holds it
//! in memory: [`Baseline::load`] streams the file into a temporary file of 8-byte keys, one
//! sorted run a recorded page, and keeps 16 bytes and 2 bits a page; a page's keys are read
//! back when it is linted ([`Baseline::file`]). [`BaselineWriter`] spools each page's entries
//! to a temporary file as the run goes, then copies them out in path order.

use crate::error::{LocatedError, describe_io};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::os::unix::fs::FileExt;
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
pub struct Baseline {
    /// One a recorded page, sorted by path hash.
    pages: Vec<RecordedPage>,
    /// Every recorded finding's key (see [`key`]), little-endian, one sorted, deduplicated run
    /// a page; a key's index there is its bit in `seen`.
    keys: std::fs::File,
    /// How many distinct findings are recorded.
    count: usize,
    /// One bit a key: seen again in this run. Atomic: pages are linted on every core.
    seen: Vec<AtomicU64>,
    /// One bit a page (its index in `pages`): linted in this run.
    linted: Vec<AtomicU64>,
}

/// Where one page's keys are. Pages are known by a 64-bit hash of their path: among a
/// handbook's thousands of paths two sharing one is as likely as never, and not holding the
/// paths keeps the baseline's memory at 16 bytes a page.
#[derive(Clone, Copy)]
struct RecordedPage {
    path_hash: u64,
    /// Index of the page's first key in `keys`.
    first: u32,
    count: u32,
}

/// A recorded page's findings, read back for the page being linted.
pub struct PageBaseline<'b> {
    baseline: &'b Baseline,
    first: usize,
    keys: Vec<u64>,
}

impl PageBaseline<'_> {
    /// Whether the finding with this fingerprint is recorded for the page; marks it seen.
    pub fn take(&self, fingerprint: &str) -> bool {
        match self.keys.binary_search(&key(fingerprint)) {
            Ok(i) => {
                set_bit(&self.baseline.seen, self.first + i);
                true
            }
            Err(_) => false,
        }
    }
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, LocatedError> {
        let unreadable =
            |e: &io::Error| LocatedError::in_file(path, format!("cannot read the baseline: {}", describe_io(e)));
        let file = std::fs::File::open(path).map_err(|e| unreadable(&e))?;
        let spool = tempfile::tempfile().map_err(|e| {
            LocatedError::in_file(path, format!("cannot create a temporary file to load it: {}", describe_io(&e)))
        })?;
        let mut loaded = Loaded::new(spool);
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
        loaded.into_baseline().map_err(|e| unreadable(&e))
    }

    /// The recorded findings of the page at this repository-relative path, if any, and marks
    /// the page linted (see [`Baseline::gone`]). Reading them back can only fail if the
    /// temporary file does; the page's findings are then all reported, none hidden.
    pub fn file(&self, repo_path: &str) -> Option<PageBaseline<'_>> {
        let index = self.page_index(repo_path)?;
        let page = self.pages[index];
        let mut bytes = vec![0; page.count as usize * 8];
        self.keys.read_exact_at(&mut bytes, u64::from(page.first) * 8).ok()?;
        // Only now: a page whose keys could not be read has none of them counted as gone.
        set_bit(&self.linted, index);
        let keys = bytes.chunks_exact(8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes"))).collect();
        Some(PageBaseline { baseline: self, first: page.first as usize, keys })
    }

    /// Marks a page linted without reading its findings (it has none this run).
    pub fn mark_linted(&self, repo_path: &str) {
        if let Some(index) = self.page_index(repo_path) {
            set_bit(&self.linted, index);
        }
    }

    fn page_index(&self, repo_path: &str) -> Option<usize> {
        let hash = crate::hash::fnv1a(repo_path.bytes());
        self.pages.binary_search_by_key(&hash, |page| page.path_hash).ok()
    }

    /// How many recorded findings in the pages linted this run were not seen again.
    pub fn gone(&self) -> usize {
        self.pages
            .iter()
            .enumerate()
            .filter(|&(index, _)| bit(&self.linted, index))
            .map(|(_, page)| {
                let first = page.first as usize;
                (first..first + page.count as usize).filter(|&key| !bit(&self.seen, key)).count()
            })
            .sum()
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

fn bits(count: usize) -> Vec<AtomicU64> {
    (0..count.div_ceil(64)).map(|_| AtomicU64::new(0)).collect()
}

fn set_bit(bits: &[AtomicU64], index: usize) {
    bits[index / 64].fetch_or(1 << (index % 64), Ordering::Relaxed);
}

fn bit(bits: &[AtomicU64], index: usize) -> bool {
    bits[index / 64].load(Ordering::Relaxed) & (1 << (index % 64)) != 0
}

/// A fingerprint as 64 bits: its first 16 hex digits (hblint's fingerprints are 32), or a hash
/// of it when someone wrote something else. Looked up within one page's findings, so two
/// fingerprints sharing 64 bits there is as likely as never.
fn key(fingerprint: &str) -> u64 {
    fingerprint
        .get(..16)
        .and_then(|hex| u64::from_str_radix(hex, 16).ok())
        .filter(|_| fingerprint.len() == 32)
        .unwrap_or_else(|| crate::hash::fnv1a(fingerprint.bytes()))
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

/// The entries as they stream in: the current page's keys, written out as one sorted,
/// deduplicated run each time the path changes (once a page in a file hblint wrote, which is
/// sorted by path).
struct Loaded {
    spool: BufWriter<std::fs::File>,
    written: u32,
    pages: Vec<RecordedPage>,
    current: Option<(String, Vec<u64>)>,
    error: Option<io::Error>,
}

impl Loaded {
    fn new(spool: std::fs::File) -> Loaded {
        Loaded {
            spool: BufWriter::with_capacity(1 << 16, spool),
            written: 0,
            pages: Vec::new(),
            current: None,
            error: None,
        }
    }

    fn push(&mut self, entry: Entry) {
        match &mut self.current {
            Some((path, keys)) if *path == entry.path => keys.push(key(&entry.fingerprint)),
            _ => {
                self.end_page();
                self.current = Some((entry.path, vec![key(&entry.fingerprint)]));
            }
        }
    }

    fn end_page(&mut self) {
        if let Some((path, keys)) = self.current.take() {
            self.write_run(crate::hash::fnv1a(path.bytes()), keys);
        }
    }

    /// Appends one page's keys, sorted and deduplicated: a finding recorded twice counts once.
    fn write_run(&mut self, path_hash: u64, mut keys: Vec<u64>) {
        keys.sort_unstable();
        keys.dedup();
        let bytes: Vec<u8> = keys.iter().flat_map(|k| k.to_le_bytes()).collect();
        if let Err(e) = self.spool.write_all(&bytes) {
            self.error.get_or_insert(e);
        }
        let count = keys.len() as u32;
        self.pages.push(RecordedPage { path_hash, first: self.written, count });
        self.written = self.written.saturating_add(count);
    }

    /// Sorts the pages by path hash. A hand-edited file may list one path in several places:
    /// its runs are read back, merged and written again as one (for such files only).
    fn into_baseline(mut self) -> io::Result<Baseline> {
        self.end_page();
        self.pages.sort_by_key(|page| (page.path_hash, page.first));
        let repeated: std::collections::BTreeSet<u64> =
            self.pages.windows(2).filter(|w| w[0].path_hash == w[1].path_hash).map(|w| w[0].path_hash).collect();
        if !repeated.is_empty() {
            self.spool.flush()?;
            let file = self.spool.get_ref().try_clone()?;
            let mut merged = Vec::new();
            for &hash in &repeated {
                let mut keys = Vec::new();
                for page in self.pages.iter().filter(|page| page.path_hash == hash) {
                    let mut bytes = vec![0; page.count as usize * 8];
                    file.read_exact_at(&mut bytes, u64::from(page.first) * 8)?;
                    keys.extend(bytes.chunks_exact(8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes"))));
                }
                merged.push((hash, keys));
            }
            self.pages.retain(|page| !repeated.contains(&page.path_hash));
            for (hash, keys) in merged {
                self.write_run(hash, keys);
            }
            self.pages.sort_by_key(|page| page.path_hash);
        }
        if let Some(e) = self.error {
            return Err(e);
        }
        if self.written == u32::MAX {
            return Err(io::Error::other("more than 4 billion findings"));
        }
        let keys = self.spool.into_inner().map_err(|e| e.into_error())?;
        let count = self.pages.iter().map(|page| page.count as usize).sum();
        let (seen, linted) = (bits(self.written as usize), bits(self.pages.len()));
        Ok(Baseline { pages: self.pages, keys, count, seen, linted })
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
    /// Where each page's record starts in the spool: its repository-relative path (a 4-byte
    /// length first), then its entries (an 8-byte length first). The paths are read back to
    /// be sorted when the run is over, not held while it goes.
    records: Vec<u64>,
    count: usize,
}

impl Default for BaselineWriter {
    fn default() -> Self {
        let spool = tempfile::tempfile()
            .map(|file| BufWriter::with_capacity(1 << 16, file))
            .map_err(|e| format!("cannot create a temporary file for the baseline: {}", describe_io(&e)));
        BaselineWriter { spool, written: 0, records: Vec::new(), count: 0 }
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
        let Ok(spool) = &mut self.spool else { return };
        let mut header = Vec::with_capacity(repo_path.len() + 12);
        header.extend_from_slice(&(repo_path.len() as u32).to_le_bytes());
        header.extend_from_slice(repo_path.as_bytes());
        header.extend_from_slice(&(chunk.len() as u64).to_le_bytes());
        if let Err(e) = spool.write_all(&header).and_then(|()| spool.write_all(&chunk)) {
            self.spool = Err(format!("cannot write the baseline's temporary file: {}", describe_io(&e)));
            return;
        }
        self.records.push(self.written);
        self.written += (header.len() + chunk.len()) as u64;
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
        // (path, where its entries start, their length), in path order.
        let mut files = Vec::with_capacity(self.records.len());
        for &record in &self.records {
            let mut length = [0; 4];
            spool.read_exact_at(&mut length, record).map_err(cannot)?;
            let mut path = vec![0; u32::from_le_bytes(length) as usize];
            spool.read_exact_at(&mut path, record + 4).map_err(cannot)?;
            let mut chunk_length = [0; 8];
            let chunk_start = record + 4 + path.len() as u64;
            spool.read_exact_at(&mut chunk_length, chunk_start).map_err(cannot)?;
            files.push((path, chunk_start + 8, u64::from_le_bytes(chunk_length)));
        }
        self.records = Vec::new();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        // A new baseline gets a new file's permissions (0666 less the umask), not a temporary
        // file's 0600: it is committed and read by others; a rewritten one keeps its own.
        let mut out = tempfile::Builder::new()
            .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
            .tempfile_in(folder)
            .map_err(cannot)?;
        if let Ok(meta) = std::fs::metadata(path) {
            out.as_file().set_permissions(meta.permissions()).map_err(cannot)?;
        }
        {
            let mut writer = BufWriter::with_capacity(1 << 16, out.as_file_mut());
            writer.write_all(format!("{{\n  \"version\": {VERSION},\n  \"findings\": [").as_bytes()).map_err(cannot)?;
            for (i, (_, start, len)) in files.iter().enumerate() {
                writer.write_all(if i == 0 { b"\n" } else { b",\n" }).map_err(cannot)?;
                spool.seek(io::SeekFrom::Start(*start)).map_err(cannot)?;
                io::copy(&mut (&mut spool).take(*len), &mut writer).map_err(cannot)?;
            }
            writer.write_all(if files.is_empty() { b"]\n}\n" } else { b"\n  ]\n}\n" }).map_err(cannot)?;
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
        assert!(loaded.file("a.md").expect("recorded").take("00000000000000030000000000000000"));
        loaded.mark_linted("c.md");
        assert!(loaded.file("c.md").is_none());
        assert_eq!(loaded.gone(), 1, "a.md's first finding was not seen; b.md was not linted");
        let b_md = loaded.file("b.md").expect("recorded");
        assert!(!b_md.take("00000000000000030000000000000000"), "a fingerprint belongs to its page");
        assert_eq!(loaded.gone(), 2, "b.md is linted now, and its finding was not seen");
        assert!(b_md.take("00000000000000020000000000000000"));
        assert_eq!(loaded.gone(), 1);
    }

    /// A baseline is committed and read by others: a new one is created as any new file is,
    /// and a rewritten one keeps the permissions it had.
    #[test]
    fn a_new_baseline_has_a_new_files_permissions_and_a_rewritten_one_keeps_its_own() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| std::fs::metadata(path).expect("written").permissions().mode() & 0o777;
        let umask = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| status.lines().find_map(|l| l.strip_prefix("Umask:").map(|m| m.trim().to_string())))
            .and_then(|m| u32::from_str_radix(&m, 8).ok())
            .expect("Linux reports the umask");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("baseline.json");
        BaselineWriter::default().finish(&path).expect("written");
        assert_eq!(mode(&path), 0o666 & !umask);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        BaselineWriter::default().finish(&path).expect("rewritten");
        assert_eq!(mode(&path), 0o640);
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
        assert!(loaded.file("b.md").expect("recorded").take("zz"));
        assert!(loaded.file("a.md").expect("recorded").take("00000000000000050000000000000000"));
        assert_eq!(loaded.gone(), 1, "b.md's second finding, recorded twice, was not seen");
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
