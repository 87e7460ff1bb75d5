//! Finding the files to lint: explicit paths always, directories walked in parallel with `ignore`
//! (respecting .gitignore and .ignore up to the repository root, never above it; hidden folders
//! are walked, version-control ones are not), results sorted by path.

use crate::error::describe_io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Whether a file name is Markdown hblint lints when walking a directory.
pub fn is_markdown(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".md.erb")
}

/// The files found and the paths that could not be walked.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<PathBuf>,
    pub errors: Vec<(PathBuf, String)>,
}

/// Expands `paths` into the sorted, de-duplicated list of files to lint.
pub fn collect(paths: &[PathBuf]) -> Walked {
    let mut walked = Walked::default();
    let mut dirs = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => dirs.push(path.clone()),
            // A path named explicitly is always linted, whatever its name or ignore files say.
            Ok(_) => walked.files.push(path.clone()),
            Err(err) => walked.errors.push((path.clone(), describe_io(&err))),
        }
    }
    // Ignore files apply as git applies them: inside a repository, from the folders walked up
    // to its root and never above it (a `*` in a home folder's .gitignore, or in a CI runner's
    // build folder, must not hide the repository's pages); outside any repository (an export),
    // from the folders walked and below.
    let (in_repository, outside): (Vec<PathBuf>, Vec<PathBuf>) =
        dirs.into_iter().partition(|dir| repository_around(dir).is_some());
    walk_dirs(&in_repository, true, &mut walked);
    walk_dirs(&outside, false, &mut walked);
    walked.files.sort();
    // The same file reached twice (`hblint check . docs`, `docs ./docs`) is linted once: by its
    // absolute path without `.` and `..`, keeping the first spelling. Only several paths can
    // reach a file twice; the list is the run's largest, so the check keeps a 128-bit hash of
    // each normalized path rather than a second copy of it.
    if paths.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        walked.files.retain(|path| {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            seen.insert(hash128(&crate::paths::lexical_normalize(&absolute)))
        });
    }
    walked.errors.sort();
    walked
}

/// Walks `dirs` with one parallel walker; `in_repository` says they are all inside git
/// repositories, which bounds the ignore files read above them at each repository's root.
fn walk_dirs(dirs: &[PathBuf], in_repository: bool, walked: &mut Walked) {
    let Some((first, rest)) = dirs.split_first() else { return };
    let mut builder = ignore::WalkBuilder::new(first);
    for dir in rest {
        builder.add(dir);
    }
    if in_repository {
        // `ignore` reads .gitignore files from the parents of a walked folder up to the first
        // one that holds `.git`, and no further.
        builder.require_git(true);
    } else {
        // No repository: .gitignore still applies (handbooks are linted from exports), but
        // only from the folders walked downwards.
        builder.require_git(false).parents(false);
    }
    // Hidden folders hold real pages (`.gitlab/issue_templates/`, `.github/`), which
    // markdownlint-cli2 lints too; only version-control folders are skipped.
    builder.hidden(false);
    builder.filter_entry(|entry| {
        !(entry.file_type().is_some_and(|t| t.is_dir())
            && matches!(entry.file_name().to_str(), Some(".git" | ".hg" | ".svn" | ".jj")))
    });
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_some_and(|t| t.is_file()) && is_markdown(entry.path()) {
                        lock(&found).push(entry.into_path());
                    }
                }
                Err(err) => lock(&errors).push(walk_error(err)),
            }
            ignore::WalkState::Continue
        })
    });
    // The list outlives the walk: each path is copied to its exact length on this thread, so
    // the walker threads' memory (their joins' spare capacity, their pages, interleaved with
    // what they freed) is all given back when they end.
    let found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    walked.files.extend(found.iter().map(|path| PathBuf::from(path.as_os_str().to_owned())));
    walked.errors.extend(errors.into_inner().unwrap_or_else(|e| e.into_inner()));
}

/// The root of the git repository `dir` is in: the nearest folder at or above it holding
/// `.git` (a folder, or a file in a worktree or submodule).
pub fn repository_around(dir: &Path) -> Option<PathBuf> {
    let absolute = crate::paths::lexical_normalize(&std::path::absolute(dir).ok()?);
    absolute.ancestors().find(|d| d.join(".git").exists()).map(Path::to_path_buf)
}

/// Two independent 64-bit SipHashes of a path: equal for different paths as likely as never.
fn hash128(path: &Path) -> (u64, u64) {
    use std::hash::{Hash, Hasher};
    let mut first = std::hash::DefaultHasher::new();
    path.hash(&mut first);
    let mut second = std::hash::DefaultHasher::new();
    0x9e37_79b9_7f4a_7c15_u64.hash(&mut second);
    path.hash(&mut second);
    (first.finish(), second.finish())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn walk_error(err: ignore::Error) -> (PathBuf, String) {
    let path = match &err {
        ignore::Error::WithPath { path, .. } => path.clone(),
        ignore::Error::WithDepth { err, .. } => match err.as_ref() {
            ignore::Error::WithPath { path, .. } => path.clone(),
            _ => PathBuf::new(),
        },
        _ => PathBuf::new(),
    };
    // The path is said once, before the message: ignore's own text repeats it.
    let message = match err.io_error() {
        Some(io) if path.is_dir() => format!("cannot list this folder: {}", describe_io(io)),
        Some(io) => describe_io(io),
        None => err.to_string(),
    };
    (path, message)
}

/// Whether a file belongs to shard `index` of `total` (1-based, as GitLab's `CI_NODE_INDEX`):
/// a hash of its repository-relative path, the same on every runner and every run.
pub fn in_shard(repo_path: &str, index: usize, total: usize) -> bool {
    let hash = crate::hash::fnv1a(repo_path.bytes());
    total > 0 && (hash % total as u64) as usize == index - 1
}
