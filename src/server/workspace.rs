//! What the server knows: the open documents, the configuration resolved for them (the same
//! discovery as `hblint check`), the handbook-wide site index, and the problems of the config
//! files. Linting a document here is `lint_source` on its current text, as `check` lints a file.

use super::convert::{Encoding, LineMap, path_of, uri_of};
use crate::config::{Overrides, Resolver};
use crate::diagnostic::{Finding, Severity};
use crate::error::LocatedError;
use crate::linter::{Linter, lint_source};
use crate::site::Sites;
use crate::source::SourceFile;
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
    Range, TextDocumentContentChangeEvent, Uri,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One open document: its text as the editor has it, and what the last lint of it found.
pub struct Document {
    pub uri: Uri,
    /// The file it is (or will be) saved as; an unsaved buffer is linted under its URI as a name,
    /// with the configuration of the working directory.
    pub path: PathBuf,
    pub version: i32,
    /// The text, a leading BOM included when the editor keeps one.
    pub text: String,
    pub lines: LineMap,
    /// What the last lint found, with spans into `text` after the BOM (see `bom_len`).
    pub findings: Vec<Finding>,
    /// Whether `findings` are of the current text (a change makes them stale until the next lint).
    pub linted: bool,
}

impl Document {
    /// The bytes of a leading BOM, which hblint's spans do not count.
    pub fn bom_len(&self) -> usize {
        if self.text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 }
    }

    /// The protocol range of a span of the linted text.
    pub fn range(&self, span: crate::source::Span) -> Range {
        let bom = self.bom_len();
        self.lines.range(&self.text, span.start + bom, span.end + bom)
    }

    /// The offset into the linted text (after the BOM) of a protocol position.
    pub fn offset(&self, position: Position) -> usize {
        self.lines.offset(&self.text, position).saturating_sub(self.bom_len())
    }

    /// The text as hblint lints it.
    pub fn source(&self) -> SourceFile {
        let bom = self.bom_len();
        SourceFile::from_text(self.path.clone(), self.text[bom..].to_string(), bom > 0)
    }
}

/// What linting a document came to.
pub enum Outcome {
    Findings,
    /// The configuration's `exclude` leaves the file out: no diagnostics, as `check` would not
    /// lint it when walking the folder.
    Excluded,
    /// The configuration that governs the file cannot be read; said on the document and on the
    /// config file.
    BrokenConfig(LocatedError),
    /// A rule panicked: a bug, said on the document instead of taking the server down.
    Crashed(String),
}

pub struct Workspace {
    resolver: Resolver,
    overrides: (Option<PathBuf>, Overrides),
    /// How many of the resolver's settings have been prepared for the server (see `prepare`).
    prepared: usize,
    sites: Option<Arc<Sites>>,
    /// Folders whose files belong to no handbook site: not looked for again until files change.
    siteless: HashSet<PathBuf>,
    pub documents: BTreeMap<Uri, Document>,
    pub encoding: Encoding,
    /// The config files' problems (errors and warnings), by file, as last published.
    pub config_problems: BTreeMap<PathBuf, Vec<(LocatedError, Severity)>>,
    /// Where each rule's `explain` text was written for diagnostics to link to.
    docs: RuleDocs,
}

impl Workspace {
    pub fn new(config: Option<PathBuf>, overrides: Overrides, encoding: Encoding) -> Workspace {
        Workspace {
            resolver: Resolver::new(config.clone(), overrides.clone()),
            overrides: (config, overrides),
            prepared: 0,
            sites: None,
            siteless: HashSet::new(),
            documents: BTreeMap::new(),
            encoding,
            config_problems: BTreeMap::new(),
            docs: RuleDocs::new(),
        }
    }

    pub fn open(&mut self, uri: Uri, version: i32, text: String) {
        let path = path_of(&uri).unwrap_or_else(|| PathBuf::from(uri.as_str()));
        let lines = LineMap::new(&text, self.encoding);
        let document = Document { uri: uri.clone(), path, version, text, lines, findings: Vec::new(), linted: false };
        self.documents.insert(uri, document);
    }

    /// Applies the editor's changes, in order: a change with a range replaces that range, one
    /// without replaces the whole text.
    pub fn change(&mut self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) -> bool {
        let encoding = self.encoding;
        let Some(document) = self.documents.get_mut(uri) else { return false };
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = document.lines.offset(&document.text, range.start);
                    let end = document.lines.offset(&document.text, range.end).max(start);
                    document.text.replace_range(start..end, &change.text);
                }
                None => document.text = change.text,
            }
            document.lines = LineMap::new(&document.text, encoding);
        }
        document.version = version;
        document.linted = false;
        true
    }

    pub fn close(&mut self, uri: &Uri) {
        self.documents.remove(uri);
    }

    /// Reads every configuration afresh (a config file, pack or data file changed): the next
    /// lint of each document resolves its configuration again.
    pub fn reload(&mut self) {
        let (config, overrides) = &self.overrides;
        self.resolver = Resolver::new(config.clone(), overrides.clone());
        self.prepared = 0;
        self.sites = None;
        self.siteless.clear();
        self.config_problems.clear();
        for document in self.documents.values_mut() {
            document.linted = false;
        }
    }

    /// Pages were added, removed or changed on disk: the site index is built again when next
    /// needed, and every document is linted again against it.
    pub fn pages_changed(&mut self) {
        self.sites = None;
        self.siteless.clear();
        for document in self.documents.values_mut() {
            document.linted = false;
        }
    }

    /// Lints one open document and keeps its findings.
    pub fn lint(&mut self, uri: &Uri) -> Option<Outcome> {
        let path = self.documents.get(uri)?.path.clone();
        let outcome = match self.linter_for(&path) {
            Ok(None) => {
                self.documents.get_mut(uri)?.findings.clear();
                Outcome::Excluded
            }
            Ok(Some(index)) => {
                let linter = &self.resolver.settings[index].linter;
                let document = self.documents.get(uri)?;
                let source = document.source();
                let linted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint_source(&source, linter)));
                let document = self.documents.get_mut(uri)?;
                match linted {
                    Ok(report) => {
                        document.findings = report.diagnostics;
                        Outcome::Findings
                    }
                    Err(panic) => {
                        document.findings.clear();
                        Outcome::Crashed(panic_message(&panic))
                    }
                }
            }
            Err(err) => {
                self.documents.get_mut(uri)?.findings.clear();
                Outcome::BrokenConfig(err)
            }
        };
        let document = self.documents.get_mut(uri)?;
        document.linted = true;
        Some(outcome)
    }

    /// The linter of the settings that govern `path` (`None` when their `exclude` leaves it
    /// out), with the site index when one of its rules reads it.
    fn linter_for(&mut self, path: &Path) -> Result<Option<usize>, LocatedError> {
        let result = self.resolver.for_file(path).and_then(|index| {
            let excluded = self.resolver.excludes(path)?;
            Ok((index, excluded))
        });
        self.note_config_problems(&result);
        let (index, excluded) = result?;
        self.prepare();
        if excluded {
            return Ok(None);
        }
        if self.resolver.settings[index].linter.needs_sites() {
            self.ensure_site(path, index);
        }
        Ok(Some(index))
    }

    /// Settings made since the last call: no fingerprints (an editor shows findings, it does
    /// not compare them across runs), and the site index.
    fn prepare(&mut self) {
        for settings in &mut self.resolver.settings[self.prepared..] {
            settings.linter.set_fingerprints(false);
            settings.linter.set_sites(self.sites.clone());
        }
        self.prepared = self.resolver.settings.len();
    }

    /// Builds the site index over every open document's repository when `path` is in one it
    /// does not cover yet. A redirects file that cannot be read leaves the rules without the
    /// index and is said on that file.
    fn ensure_site(&mut self, path: &Path, index: usize) {
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if self.sites.as_ref().is_some_and(|sites| sites.of(path).is_some()) || self.siteless.contains(&folder) {
            return;
        }
        let mut files: Vec<(PathBuf, usize)> = vec![(path.to_path_buf(), index)];
        let others: Vec<PathBuf> = self.documents.values().map(|d| d.path.clone()).filter(|p| p != path).collect();
        for other in others {
            if let Ok(i) = self.resolver.for_file(&other) {
                files.push((other, i));
            }
        }
        self.prepare();
        let files = files.iter().map(|(path, index)| (path.as_path(), *index));
        let sites = match crate::config::site::build_sites(files, &self.resolver.settings) {
            Ok(sites) => sites,
            Err(err) => {
                self.config_problems.entry(absolute(&err.path)).or_default().push((err, Severity::Error));
                None
            }
        };
        if sites.as_ref().is_none_or(|sites| sites.of(path).is_none()) {
            self.siteless.insert(folder);
        }
        self.sites = sites;
        for settings in &mut self.resolver.settings {
            settings.linter.set_sites(self.sites.clone());
        }
    }

    /// Records the errors and warnings of the configuration a file resolved to. They stay until
    /// the configuration is read again (`reload`): only a change to a config file changes them.
    fn note_config_problems(&mut self, result: &Result<(usize, bool), LocatedError>) {
        let problems: Vec<(LocatedError, Severity)> = match result {
            Err(err) => vec![(err.clone(), Severity::Error)],
            Ok((index, _)) => {
                self.resolver.settings[*index].warnings.iter().map(|w| (w.clone(), Severity::Warning)).collect()
            }
        };
        for (problem, severity) in problems {
            let known = self.config_problems.entry(absolute(&problem.path)).or_default();
            if !known.iter().any(|(p, _)| *p == problem) {
                known.push((problem, severity));
            }
        }
    }

    /// The linter that governs a document, for fixes (`None` when none does).
    pub fn linter_of(&mut self, uri: &Uri) -> Option<&Linter> {
        let path = self.documents.get(uri)?.path.clone();
        let index = self.linter_for(&path).ok()??;
        Some(&self.resolver.settings[index].linter)
    }

    /// The protocol diagnostics of a document's last lint.
    pub fn diagnostics(&mut self, uri: &Uri, outcome: &Outcome) -> Vec<Diagnostic> {
        let Some(document) = self.documents.get(uri) else { return Vec::new() };
        match outcome {
            Outcome::Findings => {
                document.findings.iter().map(|finding| to_protocol(document, finding, &mut self.docs)).collect()
            }
            Outcome::Excluded => Vec::new(),
            Outcome::BrokenConfig(err) => {
                let mut diagnostic =
                    whole_file_error(format!("not linted: the configuration that governs this file is broken: {err}"));
                if let Some(uri) = uri_of(&absolute(&err.path)) {
                    diagnostic.related_information = Some(vec![DiagnosticRelatedInformation {
                        location: Location { uri, range: located_range(err) },
                        message: err.message.clone(),
                    }]);
                }
                vec![diagnostic]
            }
            Outcome::Crashed(message) => vec![whole_file_error(format!(
                "not linted: hblint failed on this page ({message}); please report it with the page attached"
            ))],
        }
    }

    /// The documents whose findings are stale.
    pub fn stale(&self) -> Vec<Uri> {
        self.documents.values().filter(|d| !d.linted).map(|d| d.uri.clone()).collect()
    }
}

/// A finding as the protocol shows it: the rule's code linking to its `explain` text, the help
/// after the message, and the secondary labels as related locations.
fn to_protocol(document: &Document, finding: &Finding, docs: &mut RuleDocs) -> Diagnostic {
    let d = &finding.diagnostic;
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location { uri: document.uri.clone(), range: document.range(label.span) },
            message: label.message.clone(),
        })
        .collect();
    Diagnostic {
        range: document.range(d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.code.to_string())),
        code_description: docs.link(d.rule).map(|href| CodeDescription { href }),
        source: Some("hblint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

fn whole_file_error(message: String) -> Diagnostic {
    Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("hblint".into()),
        message,
        ..Diagnostic::default()
    }
}

/// The range of a located error: its line, from its column to the line's end (the protocol
/// clamps a character past the line's end to it).
pub fn located_range(err: &LocatedError) -> Range {
    let line = err.line.saturating_sub(1) as u32;
    let start = Position { line, character: err.column.saturating_sub(1) as u32 };
    Range { start, end: Position { line, character: u32::MAX } }
}

/// A path the resolver shows relative to the working directory, made absolute for a URI.
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    std::env::current_dir().map(|cwd| cwd.join(path)).unwrap_or_else(|_| path.to_path_buf())
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a rule panicked".into())
}

/// Each rule's `explain` text as a Markdown file, written the first time a diagnostic of the rule
/// is shown, so the code in the editor opens the rule's documentation without a network (the
/// same text `hblint explain` prints). In the user's cache folder, one folder per hblint version.
struct RuleDocs {
    folder: Option<PathBuf>,
    written: HashMap<&'static str, Option<Uri>>,
}

impl RuleDocs {
    fn new() -> RuleDocs {
        let cache = std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
            .unwrap_or_else(std::env::temp_dir);
        let folder = cache.join("hblint").join(env!("CARGO_PKG_VERSION")).join("rules");
        RuleDocs { folder: Some(folder), written: HashMap::new() }
    }

    fn link(&mut self, meta: &'static crate::rules::RuleMeta) -> Option<Uri> {
        let folder = self.folder.as_ref()?;
        self.written
            .entry(meta.code)
            .or_insert_with(|| {
                let file = folder.join(format!("{}.md", meta.code));
                let text = meta.explain(crate::rules::registry::on_by_default(meta));
                let current = std::fs::read_to_string(&file).is_ok_and(|old| old == text);
                let written = current
                    || (std::fs::create_dir_all(folder).is_ok()
                        && crate::fix::write_atomic(&file, &text, false).is_ok());
                written.then(|| uri_of(&absolute(&file))).flatten()
            })
            .clone()
    }
}

/// Whether a change on disk may move a route or an anchor of the site index: a page, or a
/// folder (a renamed or deleted folder of pages comes as one event for the folder).
pub fn may_be_page(path: &Path) -> bool {
    crate::walk::is_markdown(path) || path.extension().is_none()
}
