//! `hblint check --watch`: lint, then lint again each file saved under the paths, until Ctrl-C.
//!
//! The file system tells of changes (the `notify` crate: inotify, FSEvents, ReadDirectoryChangesW).
//! Changes are gathered until none has come for [`QUIET`] (an editor's save is a burst of events:
//! a temporary file, a rename, a metadata change). Then the Markdown files among them that a walk
//! of the paths finds (so `.gitignore` and the configuration's `exclude` apply as for `check`)
//! and whose text really changed are linted again, after clearing the screen; a changed config
//! file, pack or data file lints everything again. A file `--fix` just wrote does not come back:
//! its text is what the run left.

use super::args::CheckArgs;
use super::check::check;
use super::{EXIT_ERROR, error};
use crate::paths::lexical_normalize;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::{BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

/// How long after the last event a batch of changes is linted.
const QUIET: Duration = Duration::from_millis(100);

/// Folders whose changes are never pages: version control, build output, caches.
const NEVER: &[&str] = &[".git", "target", "node_modules", ".hblint_cache"];

pub(super) fn watch(args: CheckArgs) -> u8 {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        return error("--watch lints files as they are saved: it cannot read stdin ('-')");
    }
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(err) => return error(format!("--watch: cannot read the working directory: {err}")),
    };
    let roots: Vec<PathBuf> = args.paths.iter().map(|p| lexical_normalize(&cwd.join(p))).collect();
    let (sender, events) = channel();
    let mut watcher = match notify::recommended_watcher(sender) {
        Ok(watcher) => watcher,
        Err(err) => return error(format!("--watch: cannot watch for changes: {err}")),
    };
    for root in &roots {
        // A file is watched through its folder: an editor that saves by renaming a new file
        // over it would end a watch on the file itself.
        let watched = if root.is_file() { root.parent().unwrap_or(root) } else { root.as_path() };
        if let Err(err) = watcher.watch(watched, RecursiveMode::Recursive) {
            return error(format!("--watch: cannot watch '{}': {err}", crate::paths::display_path(root)));
        }
    }
    // The configuration may live above the paths: each folder up to the repository's root (its
    // hblint.toml, markdownlint config, packs beside them), and the root's `data/` folder.
    for folder in configuration_folders(&roots) {
        let mode = if folder.ends_with("data") { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
        let _ = watcher.watch(&folder, mode);
    }
    let mut seen: HashMap<PathBuf, u64> = HashMap::new();
    run(&args, None);
    remember_fixed(&args, None, &mut seen);
    waiting();
    loop {
        // Wait for a first change, then for the burst to end.
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        let mut wait = None;
        loop {
            let event = match wait {
                None => events.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(quiet) => events.recv_timeout(quiet),
            };
            match event {
                Ok(Ok(event)) => {
                    if matches!(event.kind, EventKind::Access(_)) {
                        continue;
                    }
                    changed.extend(event.paths.into_iter().filter(|p| !under_never(p, &roots)));
                    if !changed.is_empty() {
                        wait = Some(QUIET);
                    }
                }
                Ok(Err(err)) => eprintln!("hblint: warning: --watch: {err}"),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return EXIT_ERROR,
            }
        }
        if changed.iter().any(|p| crate::config::may_configure(p)) {
            seen.clear();
            run(&args, None);
            remember_fixed(&args, None, &mut seen);
            waiting();
            continue;
        }
        // What `check` would lint of the paths, keyed as the events name files.
        let walked = crate::walk::collect(&args.paths);
        let files: Vec<PathBuf> = walked
            .files
            .into_iter()
            .filter(|file| changed.contains(&lexical_normalize(&cwd.join(file))))
            .filter(|file| {
                // Saved with the same text (an editor's touch, or --fix's own write): nothing to say.
                let Ok(bytes) = std::fs::read(file) else { return true };
                let hash = crate::hash::fnv1a(bytes.iter().copied());
                seen.insert(file.clone(), hash) != Some(hash)
            })
            .collect();
        if files.is_empty() {
            continue;
        }
        run(&args, Some(files.clone()));
        remember_fixed(&args, Some(files), &mut seen);
        waiting();
    }
}

/// After a `--fix` run, the text of the files it linted (`None`: all of the paths), so that its
/// own writes start no run. (Without --fix the text read before the run stays: reading again
/// could catch the next save half-written.)
fn remember_fixed(args: &CheckArgs, files: Option<Vec<PathBuf>>, seen: &mut HashMap<PathBuf, u64>) {
    if !args.fix {
        return;
    }
    let files = files.unwrap_or_else(|| crate::walk::collect(&args.paths).files);
    for file in files {
        if let Ok(bytes) = std::fs::read(&file) {
            seen.insert(file, crate::hash::fnv1a(bytes.iter().copied()));
        }
    }
}

/// The folders above `roots` up to their repository's root, and that root's `data/` folder.
/// Nothing above a path outside any repository (its configuration would be the user's home's).
fn configuration_folders(roots: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut folders = BTreeSet::new();
    for root in roots {
        let start = if root.is_dir() { root.as_path() } else { root.parent().unwrap_or(root) };
        let Some(repository) = start.ancestors().find(|folder| folder.join(".git").exists()) else { continue };
        folders.extend(start.ancestors().take_while(|folder| folder.starts_with(repository)).map(Path::to_path_buf));
        folders.insert(repository.join("data"));
    }
    folders.retain(|f| f.is_dir() && !roots.iter().any(|r| f.starts_with(r)));
    folders
}

/// One `check` run over `files` (`None`: the paths given), after clearing the screen.
fn run(args: &CheckArgs, files: Option<Vec<PathBuf>>) {
    let mut stdout = std::io::stdout();
    if stdout.is_terminal() {
        // Clear the screen and the scrollback, cursor home.
        let _ = write!(stdout, "\x1b[2J\x1b[3J\x1b[H");
        let _ = stdout.flush();
    }
    let mut args = args.clone();
    if let Some(files) = files {
        args.paths = files;
        // Named here by the watch, not by the user: excluded files stay excluded.
        args.force_exclude = true;
    }
    check(args);
}

/// Said once a run and what it wrote are settled: from here on, a save is a change.
fn waiting() {
    eprintln!("hblint: watching for changes (Ctrl-C to stop)");
}

/// Whether a changed path is under a folder that never holds pages, below the watched root it
/// is in (a checkout inside someone's `target/` is still watched).
fn under_never(path: &Path, roots: &[PathBuf]) -> bool {
    let below = roots.iter().find_map(|root| path.strip_prefix(root).ok()).unwrap_or(path);
    below.components().any(|c| NEVER.iter().any(|never| c.as_os_str() == *never))
}
