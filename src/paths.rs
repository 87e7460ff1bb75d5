//! Paths as every format shows them: as given (with `/` separators) and relative to the root of
//! the git repository around the working directory. A leaf: it imports nothing of the crate.

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

/// Path text as shown in every format: as given or as found by the walk, with `/` separators.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text);
    text.replace('\\', "/")
}

/// The working directory and the root of the git repository around it, found once.
fn cwd_and_root() -> &'static Option<(PathBuf, PathBuf)> {
    static FOUND: OnceLock<Option<(PathBuf, PathBuf)>> = OnceLock::new();
    FOUND.get_or_init(|| {
        let cwd = std::env::current_dir().ok()?;
        let root = cwd.ancestors().find(|dir| dir.join(".git").exists())?.to_path_buf();
        Some((cwd, root))
    })
}

/// A path relative to the root of the git repository around the working directory, with `/`
/// separators; paths outside it (or with no repository) are shown as given.
pub fn repo_path(path: &Path) -> String {
    let Some((cwd, root)) = cwd_and_root() else { return display_path(path) };
    let absolute = lexical_normalize(&cwd.join(path));
    match absolute.strip_prefix(root) {
        Ok(relative) if !relative.as_os_str().is_empty() => display_path(relative),
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
