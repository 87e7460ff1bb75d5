//! Output formats. Each converts `Located` diagnostics at the edge; nothing upstream knows them.

pub mod human;
pub mod json;

/// The formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Line-annotated diagnostics for people (codespan-reporting).
    Human,
    /// One JSON array of findings.
    Json,
}

/// Path text as shown in every format: as given or as found by the walk, with `/` separators.
pub fn display_path(path: &std::path::Path) -> String {
    let text = path.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text);
    text.replace('\\', "/")
}
