//! Paths as every format shows them: as given (with `/` separators) and relative to the root of
//! the git repository they are in. A leaf: it imports nothing of the crate.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Path text as shown in every format: as given or as found by the walk, with `/` separators.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text);
    // Only Windows separates with `\`; elsewhere it is part of a file name (`back\slash.md`).
    if std::path::MAIN_SEPARATOR == '\\' { text.replace('\\', "/") } else { text.to_string() }
}

/// The working directory and the root of the git repository around it, found once.
fn cwd_and_root() -> &'static (Option<PathBuf>, Option<PathBuf>) {
    static FOUND: OnceLock<(Option<PathBuf>, Option<PathBuf>)> = OnceLock::new();
    FOUND.get_or_init(|| {
        let cwd = std::env::current_dir().ok();
        let root = cwd.as_deref().and_then(repository_of);
        (cwd, root)
    })
}

/// The nearest folder at or above `dir` that holds `.git` (a folder, or a file in a worktree
/// or submodule).
fn repository_of(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find(|d| d.join(".git").exists()).map(Path::to_path_buf)
}

/// The repository roots of folders outside the working directory's repository, by folder:
/// a run over `../other-handbook` asks once per folder, not once per file and report.
fn other_root(dir: &Path) -> Option<PathBuf> {
    static ROOTS: OnceLock<Mutex<HashMap<PathBuf, Option<PathBuf>>>> = OnceLock::new();
    let roots = ROOTS.get_or_init(Mutex::default);
    let mut roots = roots.lock().unwrap_or_else(|e| e.into_inner());
    roots.entry(dir.to_path_buf()).or_insert_with(|| repository_of(dir)).clone()
}

/// A path relative to the root of its git repository, with `/` separators: the working
/// directory's repository, or for a path outside it, the repository the path is in (so reports
/// name the same file the same way wherever hblint runs from). Paths in no repository are shown
/// as given.
pub fn repo_path(path: &Path) -> String {
    let (Some(cwd), cwd_root) = cwd_and_root() else { return display_path(path) };
    let absolute = lexical_normalize(&cwd.join(path));
    let root = match cwd_root {
        Some(root) if absolute.starts_with(root) => Some(root.clone()),
        _ => absolute.parent().and_then(other_root),
    };
    match root.as_deref().map(|root| absolute.strip_prefix(root)) {
        Some(Ok(relative)) if !relative.as_os_str().is_empty() => display_path(relative),
        _ => display_path(path),
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system (symlinks are kept as written).
pub fn lexical_normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_normalize_drops_dots() {
        assert_eq!(lexical_normalize(Path::new("/a/./b/../c/d.md")), PathBuf::from("/a/c/d.md"));
    }

    #[test]
    fn display_paths_drop_dot_slash_and_use_slashes() {
        assert_eq!(display_path(Path::new("./a/b.md")), "a/b.md");
    }
}
