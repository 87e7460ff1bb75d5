//! Output formats. Each converts `Finding` diagnostics at the edge; nothing upstream knows them.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::diagnostic::Finding;
use crate::paths::{display_path, repo_path};
use crate::rules::meta::RuleMeta;
use crate::source::SourceFile;
use std::path::Path;

/// The formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Line-annotated diagnostics for people (codespan-reporting).
    Human,
    /// One JSON array of findings.
    Json,
    /// `path:line:col: CODE message`, one a line (editors, grep).
    Concise,
    /// GitHub Actions workflow annotations.
    Github,
    /// GitLab Code Quality report (the merge-request widget).
    Gitlab,
    /// JUnit XML (GitLab's test report): a test case per rule per file.
    Junit,
    /// SARIF 2.1.0 (code-scanning tools).
    Sarif,
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Concise => "concise",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
            Format::Junit => "junit",
            Format::Sarif => "sarif",
        }
    }

    /// Parses a `--format` name.
    pub fn from_name(name: &str) -> Option<Format> {
        use clap::ValueEnum;
        Format::value_variants().iter().copied().find(|f| f.name() == name)
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

/// Renders a machine format (every format but `human`, which is rendered per file).
pub fn render(format: Format, files: &[FileFindings<'_>], rules: &[&'static RuleMeta]) -> String {
    match format {
        Format::Human | Format::Concise => concise::render(files),
        Format::Json => json::render(files),
        Format::Github => github::render(files),
        Format::Gitlab => gitlab::render(files),
        Format::Junit => junit::render(files),
        Format::Sarif => sarif::render(files, rules),
    }
}

/// Whether a format is one file's text after another's, so it can be written as files finish.
pub fn streams(format: Format) -> bool {
    matches!(format, Format::Human | Format::Concise | Format::Github)
}

/// Renders one file's findings in a streaming format (see [`streams`]); empty for the others.
pub fn render_one(format: Format, source: &SourceFile, diagnostics: &[Finding], color: bool) -> Vec<u8> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let file = || FileFindings::new(&source.path, diagnostics);
    match format {
        Format::Human => human::render_file(source, diagnostics, color),
        Format::Concise => concise::render(&[file()]).into_bytes(),
        Format::Github => github::render(&[file()]).into_bytes(),
        Format::Json | Format::Gitlab | Format::Junit | Format::Sarif => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_name_round_trips() {
        use clap::ValueEnum;
        for format in Format::value_variants() {
            // name() is what --format accepts (clap's own name for the variant), and back.
            let accepted = format.to_possible_value().expect("every format is selectable");
            assert_eq!(accepted.get_name(), format.name());
            assert_eq!(Format::from_name(format.name()), Some(*format));
        }
    }
}
