//! Output formats. Each converts `Finding` diagnostics at the edge; nothing upstream knows them.
//!
//! Every format is a [`Reporter`] and streams: a worker thread renders a file's findings while
//! its source is in memory, the main thread writes that rendering as the file finishes (files
//! in input order), and [`Reporter::finish`] closes the report. A new format is one file and
//! one line in [`FORMATS`]; `--format` and `--output FORMAT=FILE` take their names from there.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
mod human_window;
pub mod json;
mod json_stream;
pub mod junit;
pub mod sarif;

use crate::diagnostic::Finding;
use crate::paths::{display_path, repo_path};
use crate::rendering::Rendering;
use crate::rules::meta::RuleMeta;
use crate::source::SourceFile;
use std::io::{self, Write};
use std::path::Path;

/// An output format while it writes one report.
///
/// `render_file` runs on worker threads, `write_file` and `finish` on the main thread, once per
/// file in input order, then once; a format that counts or remembers something between files
/// keeps it behind a lock or an atomic, never contended.
pub trait Reporter: Sync {
    /// Whether the format shows fingerprints (they cost a hash and three strings a finding).
    fn needs_fingerprints(&self) -> bool {
        false
    }

    /// Renders one file's findings (possibly none) while its source is in memory.
    fn render_file(&self, file: &FileFindings<'_>, source: &SourceFile) -> Vec<u8>;

    /// Writes one file's rendering; `file` is what it was rendered from.
    fn write_file(&self, file: &FileFindings<'_>, rendered: &Rendering, out: &mut dyn Write) -> io::Result<()> {
        let _ = file;
        rendered.write_to(out)
    }

    /// Ends the report after the last file: closing brackets, totals.
    fn finish(&self, out: &mut dyn Write) -> io::Result<()> {
        let _ = out;
        Ok(())
    }
}

/// What a format may need to know before the first file.
pub struct ReportContext {
    /// Whether to color the output (human output only).
    pub color: bool,
    /// The rules in force in this run, sorted by code, each once.
    pub rules: Vec<&'static RuleMeta>,
}

/// A registered output format: what `--format` and `--output` accept.
#[derive(Debug)]
pub struct Format {
    /// The name `--format` takes.
    pub name: &'static str,
    /// One line for `--help`.
    pub description: &'static str,
    /// Written for people at a terminal: never to a file, and followed by the summary line.
    pub terminal: bool,
    /// Starts a report in this format.
    pub start: fn(&ReportContext) -> Box<dyn Reporter>,
}

/// Every output format, in the order `--help` lists them; the first is the default.
pub static FORMATS: &[Format] = &[
    Format {
        name: "human",
        description: "Line-annotated diagnostics for people (codespan-reporting)",
        terminal: true,
        start: human::start,
    },
    Format { name: "json", description: "One JSON array of findings", terminal: false, start: json::start },
    Format {
        name: "concise",
        description: "`path:line:col: CODE message`, one a line (editors, grep)",
        terminal: false,
        start: concise::start,
    },
    Format {
        name: "github",
        description: "GitHub Actions workflow annotations",
        terminal: false,
        start: github::start,
    },
    Format {
        name: "gitlab",
        description: "GitLab Code Quality report (the merge-request widget)",
        terminal: false,
        start: gitlab::start,
    },
    Format {
        name: "junit",
        description: "JUnit XML (GitLab's test report): a failing test case per finding",
        terminal: false,
        start: junit::start,
    },
    Format { name: "sarif", description: "SARIF 2.1.0 (code-scanning tools)", terminal: false, start: sarif::start },
];

impl Format {
    /// The format named `name`, if one is registered.
    pub fn from_name(name: &str) -> Option<&'static Format> {
        FORMATS.iter().find(|f| f.name == name)
    }

    /// The format `--format` uses when none is given.
    pub fn default_format() -> &'static Format {
        &FORMATS[0]
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.name == other.name
    }
}

/// The findings of one linted file, as every machine format needs them.
pub struct FileFindings<'a> {
    /// The path as shown to people (as given or found by the walk).
    pub path: String,
    /// The path relative to the repository root (what GitLab and SARIF resolve).
    pub repo_path: String,
    pub diagnostics: &'a [Finding],
}

impl<'a> FileFindings<'a> {
    pub fn new(path: &Path, diagnostics: &'a [Finding]) -> FileFindings<'a> {
        FileFindings { path: display_path(path), repo_path: repo_path(path), diagnostics }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_are_unique_and_found_by_name() {
        for format in FORMATS {
            assert_eq!(Format::from_name(format.name), Some(format));
            assert_eq!(FORMATS.iter().filter(|f| f.name == format.name).count(), 1, "{}", format.name);
        }
        assert_eq!(Format::default_format().name, "human");
    }
}
