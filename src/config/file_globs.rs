//! `exclude` and `per-file-ignores`: gitignore-style globs, each relative to the folder of the
//! file that says it, compiled once per configuration (`ignore`'s gitignore matcher, the one
//! the walk already uses for `.gitignore`, so the two read a pattern alike).

use super::merge::{FolderGlob, PerFileIgnore};
use crate::error::LocatedError;
use crate::rules::registry::Registry;
use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::path::{Path, PathBuf};

/// The files a configuration's `exclude` leaves out of a walk.
#[derive(Default)]
pub struct Exclude {
    /// One matcher per run of globs from the same folder, lowest precedence first.
    matchers: Vec<Gitignore>,
}

impl Exclude {
    /// Compiles `globs`; a bad glob is an error where it is written.
    pub fn compile(globs: &[FolderGlob]) -> Result<Exclude, LocatedError> {
        let mut matchers = Vec::new();
        let mut start = 0;
        while start < globs.len() {
            let folder = &globs[start].folder;
            let end = globs[start..].iter().position(|g| g.folder != *folder).map_or(globs.len(), |n| start + n);
            let mut builder = GitignoreBuilder::new(absolute(folder));
            for glob in &globs[start..end] {
                add(&mut builder, glob)?;
            }
            matchers.push(builder.build().map_err(|e| globs[start].pattern.origin.error(e.to_string()))?);
            start = end;
        }
        Ok(Exclude { matchers })
    }

    /// Whether the file at `path` is excluded: the nearest folder's globs decide first, and a
    /// `!glob` there brings back what a folder above excluded.
    pub fn excludes(&self, path: &Path) -> bool {
        if self.matchers.is_empty() {
            return false;
        }
        let path = absolute(path);
        for matcher in self.matchers.iter().rev() {
            if !path.starts_with(matcher.path()) {
                continue;
            }
            match matcher.matched_path_or_any_parents(&path, false) {
                Match::Ignore(_) => return true,
                Match::Whitelist(_) => return false,
                Match::None => {}
            }
        }
        false
    }
}

/// `per-file-ignores`, compiled: each glob with the codes of the rules it switches off.
#[derive(Default)]
pub struct PerFileIgnores {
    entries: Vec<(Gitignore, Vec<&'static str>)>,
}

impl PerFileIgnores {
    /// Compiles the entries, reading their rules as `ignore` reads them (an unknown code is an
    /// error where it is written).
    pub fn compile(entries: &[PerFileIgnore], registry: &Registry) -> Result<PerFileIgnores, LocatedError> {
        let mut compiled = Vec::with_capacity(entries.len());
        for entry in entries {
            let pattern = &entry.glob.pattern;
            if pattern.value.starts_with('!') {
                return Err(pattern
                    .origin
                    .error(format!("'{}': a per-file-ignores glob cannot be negated", pattern.value)));
            }
            let mut builder = GitignoreBuilder::new(absolute(&entry.glob.folder));
            add(&mut builder, &entry.glob)?;
            let matcher = builder.build().map_err(|e| pattern.origin.error(e.to_string()))?;
            let mut codes = Vec::new();
            for rule in &entry.rules {
                let rules = registry.select(&rule.value).map_err(|e| rule.origin.error(e))?;
                codes.extend(rules.iter().map(|r| r.meta().code));
            }
            codes.sort_unstable();
            codes.dedup();
            compiled.push((matcher, codes));
        }
        Ok(PerFileIgnores { entries: compiled })
    }

    /// The indices of the entries whose glob matches the file at `path`.
    pub fn matching(&self, path: &Path) -> Vec<usize> {
        if self.entries.is_empty() {
            return Vec::new();
        }
        let path = absolute(path);
        let matches =
            |m: &Gitignore| path.starts_with(m.path()) && m.matched_path_or_any_parents(&path, false).is_ignore();
        self.entries.iter().enumerate().filter(|(_, (m, _))| matches(m)).map(|(i, _)| i).collect()
    }

    /// The codes the entries at `indices` switch off.
    pub fn codes(&self, indices: &[usize]) -> Vec<&'static str> {
        let mut codes: Vec<&'static str> =
            indices.iter().filter_map(|i| self.entries.get(*i)).flat_map(|(_, c)| c.iter().copied()).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }
}

fn add(builder: &mut GitignoreBuilder, glob: &FolderGlob) -> Result<(), LocatedError> {
    let pattern = &glob.pattern;
    builder
        .add_line(None, &pattern.value)
        .map(|_| ())
        .map_err(|e| pattern.origin.error(format!("'{}' is no glob: {e}", pattern.value)))
}

/// `path` made absolute and without `.`/`..`, so that it and a folder compare by prefix.
fn absolute(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() { Path::new(".") } else { path };
    crate::paths::lexical_normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}
