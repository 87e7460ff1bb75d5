//! The handbook's skip list for the inclusive-language check, `data/inclusiveness_check.yml`:
//! which pages the check covers (`checked:` globs) and which it leaves out (`skipped:` paths).
//!
//! The handbook writes its entries as `source/job-families/…` or `/source/job-families/…`
//! (some with trailing spaces) while its pages live at `sites/uncategorized/source/job-families/…`,
//! and an export may hold them at `job-families/…`. So an entry is normalized (whitespace
//! trimmed, leading `/` and `./` dropped, then a leading `source/` dropped) and matches a page
//! whose path ends with it at a `/` boundary. A `checked:` glob is normalized the same way and
//! matches a page path ending with it (`**/` is put in front). A page's template extension
//! (`.erb`) is left out of the comparison. The linter applies the list to
//! every `Group::Inclusive` rule at once (see `Linter::set_skip_list`).

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One `skipped:` entry: as written, normalized, and where.
#[derive(Debug, Clone)]
pub struct SkipEntry {
    pub written: String,
    /// The path suffix it matches: `job-families/legal/legal-counsel/index.html.md`.
    pub suffix: String,
    /// 1-based line and column of the entry in the skip file.
    pub line: usize,
    pub column: usize,
}

/// The skip list of one repository.
#[derive(Debug)]
pub struct SkipList {
    /// The skip file, as found or configured.
    pub path: PathBuf,
    /// The directory entries are matched under when looking for stale ones (the repository root).
    pub root: PathBuf,
    /// `None` when the file has no `checked:` key: every page is checked.
    checked: Option<GlobSet>,
    pub entries: Vec<SkipEntry>,
    /// Entry suffixes, sorted, for lookups by binary search.
    sorted: Vec<String>,
}

/// Drops what differs between how the handbook writes a path and where the page lives.
pub fn normalize(written: &str) -> String {
    let mut text = written.trim().replace('\\', "/");
    while let Some(rest) = text.strip_prefix("./").or_else(|| text.strip_prefix('/')) {
        text = rest.to_string();
    }
    match text.strip_prefix("source/") {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

impl SkipList {
    /// A skip list from its parts; `checked` are the globs as written (an invalid one is an
    /// error naming it).
    pub fn new(
        path: PathBuf,
        root: PathBuf,
        checked: Option<Vec<String>>,
        entries: Vec<SkipEntry>,
    ) -> Result<Arc<SkipList>, String> {
        let checked = match checked {
            None => None,
            Some(globs) => {
                let mut set = GlobSetBuilder::new();
                for glob in &globs {
                    let pattern = format!("**/{}", normalize(glob));
                    let compiled = GlobBuilder::new(&pattern)
                        .literal_separator(true)
                        .build()
                        .map_err(|e| format!("invalid glob '{}' in checked: {e}", glob.trim()))?;
                    set.add(compiled);
                }
                Some(set.build().map_err(|e| e.to_string())?)
            }
        };
        let mut sorted: Vec<String> = entries.iter().map(|e| e.suffix.clone()).collect();
        sorted.sort();
        sorted.dedup();
        Ok(Arc::new(SkipList { path, root, checked, entries, sorted }))
    }

    /// Whether the inclusive-language rules check the page at `path`: it is inside a `checked:`
    /// glob (when there are any) and not on the list.
    pub fn checks(&self, path: &Path) -> bool {
        let text = comparable(path);
        if self.checked.as_ref().is_some_and(|globs| !globs.is_match(&text)) {
            return false;
        }
        !suffixes(&text).any(|suffix| self.sorted.binary_search_by(|e| e.as_str().cmp(suffix)).is_ok())
    }

    /// The entries no page in `pages` matches (paths relative to `root` or absolute).
    pub fn stale<'p>(&self, pages: impl IntoIterator<Item = &'p Path>) -> Vec<&SkipEntry> {
        let mut found = vec![false; self.sorted.len()];
        for page in pages {
            let text = comparable(page);
            for suffix in suffixes(&text) {
                if let Ok(i) = self.sorted.binary_search_by(|e| e.as_str().cmp(suffix)) {
                    found[i] = true;
                }
            }
        }
        self.entries.iter().filter(|e| self.sorted.binary_search(&e.suffix).is_ok_and(|i| !found[i])).collect()
    }
}

/// A path as entries are compared with it: absolute when it can be, `/`-separated, without a
/// template's `.erb` (the handbook lists `chief-executive-officer/index.html.md`, the page that
/// `index.html.md.erb` renders).
fn comparable(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = crate::paths::lexical_normalize(&absolute).to_string_lossy().replace('\\', "/");
    match text.strip_suffix(".erb") {
        Some(page) => page.to_string(),
        None => text,
    }
}

/// Every tail of `path` that starts after a `/`, longest first (`a/b/c` → `a/b/c`, `b/c`, `c`).
fn suffixes(path: &str) -> impl Iterator<Item = &str> {
    let path = path.trim_start_matches('/');
    std::iter::once(path).chain(path.match_indices('/').map(move |(i, _)| &path[i + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(written: &str, line: usize) -> SkipEntry {
        SkipEntry { written: written.into(), suffix: normalize(written), line, column: 5 }
    }

    #[test]
    fn entries_match_pages_by_normalized_suffix() {
        assert_eq!(normalize(" /source/job-families/a/index.html.md  "), "job-families/a/index.html.md");
        let list = SkipList::new(
            "data/inclusiveness_check.yml".into(),
            "/repo".into(),
            Some(vec!["/source/job-families/**/*".into()]),
            vec![entry("source/job-families/a/index.html.md ", 3), entry("/source/job-families/gone.html.md", 4)],
        )
        .unwrap();
        assert!(!list.checks(Path::new("/repo/sites/uncategorized/source/job-families/a/index.html.md")));
        assert!(!list.checks(Path::new("/corpus/job-families/a/index.html.md")));
        assert!(!list.checks(Path::new("/corpus/job-families/a/index.html.md.erb")));
        assert!(list.checks(Path::new("/repo/sites/uncategorized/source/job-families/b/index.html.md")));
        // Outside the checked globs: not checked. A longer name is not the same directory.
        assert!(!list.checks(Path::new("/repo/sites/handbook/source/handbook/index.html.md")));
        assert!(!list.checks(Path::new("/repo/old-job-families/b/index.html.md")));
        let pages = [PathBuf::from("/corpus/job-families/a/index.html.md")];
        let stale: Vec<usize> = list.stale(pages.iter().map(PathBuf::as_path)).iter().map(|e| e.line).collect();
        assert_eq!(stale, [4]);
    }
}
