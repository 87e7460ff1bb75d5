//! Which config files make a folder's configuration, and reading each once.
//!
//! A folder's configuration is a stack of layers, lowest precedence first: the config files of
//! the folders above it (outermost first, up to the repository's root or a file that says
//! `root = true`), then the nearest one; each file preceded by the files it `extends` (base
//! first). `--config FILE` replaces the stack with FILE and what it extends.

use super::raw::RawConfig;
use crate::error::{LocatedError, describe_io};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file names a config is found under, in order of preference.
pub const FILE_NAMES: &[&str] = &["hblint.toml", ".hblint.toml"];

/// One config file, read and parsed.
pub struct Layer {
    /// The file, relative to the working directory when it is below it.
    pub path: PathBuf,
    pub text: String,
    pub raw: RawConfig,
    /// The file whose `extends` brought this one in, if any.
    pub extended_by: Option<PathBuf>,
}

impl Layer {
    /// Parses a config file's text.
    pub fn parse(path: &Path, text: String) -> Result<Layer, LocatedError> {
        let raw: RawConfig = toml::from_str(&text).map_err(|e| {
            LocatedError::at_offset(path, &text, e.span().map_or(0, |s| s.start), e.message().trim().replace('\n', " "))
        })?;
        Ok(Layer { path: path.to_path_buf(), text, raw, extended_by: None })
    }

    /// The folder the file's relative paths and globs are relative to.
    pub fn folder(&self) -> PathBuf {
        self.path.parent().map(Path::to_path_buf).unwrap_or_default()
    }

    /// An error at a byte offset of this file.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> LocatedError {
        LocatedError::at_offset(&self.path, &self.text, offset, message)
    }
}

/// The stack of layers of one configuration, lowest precedence first.
pub type Stack = Vec<Arc<Layer>>;

/// Reads config files once and remembers what each folder resolved to.
#[derive(Default)]
pub struct Layers {
    /// A file and what it extends, base first, by the path it was named by.
    chains: HashMap<PathBuf, Stack>,
    /// The nearest config file at or above each absolute folder asked about.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// The hierarchy of each nearest config file: every folder under it shares it.
    hierarchies: HashMap<PathBuf, Vec<PathBuf>>,
}

impl Layers {
    /// The config files that make the configuration of the files in `dir`, outermost first
    /// (each file alone, without what it extends); empty when none is found.
    pub fn hierarchy(&mut self, dir: &Path) -> Result<Vec<PathBuf>, LocatedError> {
        // Absolute while walking up, shown relative to the working directory.
        let Some(nearest) = self.nearest_at(dir) else { return Ok(Vec::new()) };
        if let Some(files) = self.hierarchies.get(&nearest) {
            return Ok(files.clone());
        }
        let mut current = nearest.clone();
        let mut files = Vec::new();
        loop {
            let shown = relative_to_cwd(current.clone());
            let says_root =
                self.chain(&shown)?.last().is_some_and(|l| l.raw.root.as_ref().is_some_and(|r| *r.get_ref()));
            files.push(shown);
            let folder = current.parent().unwrap_or(Path::new("/"));
            if says_root || is_repository_root(folder) {
                break;
            }
            let Some(above) = folder.parent() else { break };
            let Some(next) = self.nearest_at(above) else { break };
            // A config above the repository's root belongs to another project.
            let next_folder = next.parent().unwrap_or(Path::new("/"));
            if above.ancestors().take_while(|a| *a != next_folder).any(is_repository_root) {
                break;
            }
            current = next;
        }
        files.reverse();
        self.hierarchies.insert(nearest, files.clone());
        Ok(files)
    }

    /// Drops the per-folder caches (see `Resolver::forget_folders`).
    pub fn forget_folders(&mut self) {
        self.nearest = HashMap::new();
        self.hierarchies = HashMap::new();
    }

    /// The file at `path` preceded by the files it extends, base first.
    pub fn chain(&mut self, path: &Path) -> Result<Stack, LocatedError> {
        if let Some(chain) = self.chains.get(path) {
            return Ok(chain.clone());
        }
        let chain = read_chain(path, None, &mut Vec::new())?;
        self.chains.insert(path.to_path_buf(), chain.clone());
        Ok(chain)
    }

    /// The nearest config file at or above `dir`, as an absolute path.
    fn nearest_at(&mut self, dir: &Path) -> Option<PathBuf> {
        discover_cached(dir, FILE_NAMES, &mut self.nearest)
    }
}

/// The nearest file named one of `names` at or above `dir`, with a cache of what each
/// directory resolved to: a walk over thousands of directories asks the file system about each
/// ancestor once.
pub fn discover_cached(dir: &Path, names: &[&str], cache: &mut HashMap<PathBuf, Option<PathBuf>>) -> Option<PathBuf> {
    let start = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let absolute = crate::paths::lexical_normalize(&std::path::absolute(start).ok()?);
    let mut visited = Vec::new();
    let mut found = None;
    for ancestor in absolute.ancestors() {
        if let Some(known) = cache.get(ancestor) {
            found = known.clone();
            break;
        }
        visited.push(ancestor.to_path_buf());
        if let Some(config) = names.iter().map(|n| ancestor.join(n)).find(|p| p.is_file()) {
            found = Some(config);
            break;
        }
    }
    for dir in visited {
        cache.insert(dir, found.clone());
    }
    found
}

/// Whether `dir` is a repository's root: it holds `.git` (a folder, or a file in a worktree).
fn is_repository_root(dir: &Path) -> bool {
    dir.join(".git").exists()
}

/// `path` relative to the working directory when it is below it.
pub fn relative_to_cwd(path: PathBuf) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else { return path };
    match path.strip_prefix(&cwd) {
        Ok(relative) => relative.to_path_buf(),
        Err(_) => path,
    }
}

/// Reads `path` and, first, what it extends. `extended_from` is the layer whose `extends` named
/// it (errors about reading it point there); `seen` the files on the way, to find a cycle.
fn read_chain(
    path: &Path,
    extended_from: Option<&Layer>,
    seen: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<Stack, LocatedError> {
    let named_at = |message: String| match extended_from {
        Some(layer) => {
            let offset = layer.raw.extends.as_ref().map_or(0, |e| e.span().start);
            layer.error_at(offset, message)
        }
        None => LocatedError::in_file(path, message),
    };
    let text = std::fs::read_to_string(path).map_err(|e| match extended_from {
        Some(_) => named_at(format!("cannot read the config it extends, '{}': {}", path.display(), describe_io(&e))),
        None => LocatedError::in_file(path, format!("cannot read config: {}", describe_io(&e))),
    })?;
    let identity = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if let Some(first) = seen.iter().position(|(known, _)| *known == identity) {
        let mut cycle: Vec<String> = seen[first..].iter().map(|(_, shown)| crate::paths::display_path(shown)).collect();
        cycle.push(crate::paths::display_path(path));
        return Err(named_at(format!("'extends' makes a cycle: {}", cycle.join(" → "))));
    }
    seen.push((identity, path.to_path_buf()));
    let layer = Layer { extended_by: extended_from.map(|l| l.path.clone()), ..Layer::parse(path, text)? };
    let mut chain = Vec::new();
    if let Some(extends) = &layer.raw.extends {
        let base = join_relative(&layer.folder(), Path::new(extends.get_ref()));
        chain = read_chain(&base, Some(&layer), seen)?;
    }
    chain.push(Arc::new(layer));
    Ok(chain)
}

/// `folder` joined with `relative`, `.` and `..` resolved by their text (a leading `..` of a
/// relative path is kept: `../shared/base.toml` beside the working directory stays so).
fn join_relative(folder: &Path, relative: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in folder.join(relative).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            Component::ParentDir if out.has_root() => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        path
    }

    #[test]
    fn relative_paths_keep_their_leading_parents() {
        assert_eq!(join_relative(Path::new(""), Path::new("../shared/b.toml")), PathBuf::from("../shared/b.toml"));
        assert_eq!(join_relative(Path::new("a/b"), Path::new("../../../c.toml")), PathBuf::from("../c.toml"));
        assert_eq!(join_relative(Path::new("/a"), Path::new("../../c.toml")), PathBuf::from("/c.toml"));
        assert_eq!(join_relative(Path::new("a"), Path::new("./b/../c.toml")), PathBuf::from("a/c.toml"));
    }

    #[test]
    fn extends_chains_base_first_and_reports_cycles_and_missing_files_where_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "base.toml", "fail-on = \"error\"\n");
        write(dir.path(), "team/mid.toml", "extends = \"../base.toml\"\n");
        let top = write(dir.path(), "team/hblint.toml", "# team\nextends = \"mid.toml\"\n");
        let chain = read_chain(&top, None, &mut Vec::new()).expect("reads");
        let names: Vec<_> = chain.iter().map(|l| l.path.file_name().expect("name").to_owned()).collect();
        assert_eq!(names, ["base.toml", "mid.toml", "hblint.toml"]);
        assert_eq!(chain[0].extended_by.as_deref(), Some(dir.path().join("team/mid.toml").as_path()));

        let a = write(dir.path(), "a.toml", "extends = \"b.toml\"\n");
        write(dir.path(), "b.toml", "\nextends = \"a.toml\"\n");
        let err = read_chain(&a, None, &mut Vec::new()).err().expect("a cycle").to_string();
        assert!(err.contains("b.toml:2:11: 'extends' makes a cycle: "), "{err}");
        let (a, b) = (a.display(), dir.path().join("b.toml"));
        assert!(err.ends_with(&format!("{a} → {} → {a}", b.display())), "{err}");

        let lost = write(dir.path(), "lost.toml", "select = []\nextends = \"nowhere.toml\"\n");
        let err = read_chain(&lost, None, &mut Vec::new()).err().expect("missing").to_string();
        assert!(err.contains("lost.toml:2:11: cannot read the config it extends, '"), "{err}");
        assert!(err.ends_with("nowhere.toml': no such file or directory"), "{err}");
    }
}
