//! Linting a set of files in parallel; each file is read, linted and rendered by one worker, and
//! nothing of it but its diagnostics (and rendered text) outlives that.

use crate::diagnostic::Finding;
use crate::linter::{Linter, lint_source};
use crate::rendering::Rendering;
use crate::source::SourceFile;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// The result of linting one file.
pub struct FileOutcome {
    /// The path as given or as found by the walk.
    pub path: PathBuf,
    pub result: Result<Linted, String>,
}

/// A linted file: its diagnostics and their renderings, one per report being written.
pub struct Linted {
    pub diagnostics: Vec<Finding>,
    pub rendered: Vec<Rendering>,
    /// How many diagnostics `--fix` fixed (or `--diff` would fix).
    pub fixed: usize,
    /// With `--diff`, the unified diff of the fixes; with `--fix` on stdin, the fixed text.
    pub output: Option<String>,
    /// With `--fix`, why the file was not fixed: it is unchanged and its findings are
    /// reported as they are.
    pub not_fixed: Option<NotFixed>,
}

/// Why `--fix` left a file unchanged.
pub enum NotFixed {
    /// The fixed text could not be written (a read-only file, a full disk).
    Unwritable(String),
    /// The fixes never settle (see `fix::Runaway`): a bug in a rule's fix, said so.
    Runaway(String),
}

/// What to do with fixable diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Report only.
    Check,
    /// Apply safe fixes and write the files (stdin: print the fixed text).
    Fix,
    /// Print the fixes as a diff and write nothing.
    Diff,
}

/// Where a file's text comes from.
pub enum Input {
    File(PathBuf),
    /// Text read from stdin, linted under the given name.
    Text(PathBuf, Vec<u8>),
}

impl Input {
    pub fn path(&self) -> &PathBuf {
        match self {
            Input::File(p) | Input::Text(p, _) => p,
        }
    }
}

/// Filters one file's diagnostics (`--new-only`, a baseline) and renders what is left while the
/// source is still in memory, once per report being written.
pub type Renderer<'r> = dyn Fn(&SourceFile, &mut Vec<Finding>) -> Vec<Rendering> + Sync + 'r;

/// Worker threads get a large stack: deeply nested documents recurse in the parser.
const WORKER_STACK: usize = 256 << 20;

/// How many files a worker may start beyond the first not yet emitted, per worker. Outcomes
/// wait in memory until every file before them is emitted, so behind one slow file the others
/// must not run ahead without bound. 4 left workers idle behind the handbook's large pages
/// (`--select ALL` 7% slower in wall time than unbounded); 32 is as fast as unbounded.
const AHEAD_PER_WORKER: usize = 32;

/// How many bytes of finished outcomes (findings and their renderings) may wait to be emitted
/// before workers stop starting files beyond the first not yet emitted. A file's outcome
/// averages some 35 KB with one report, but some pages have thousands of findings and each
/// `-o` report renders them again (156 KB a file on average with four, megabytes for a few):
/// counted in files alone, the window held 30 MB of renderings at times.
const WAITING_BYTES: usize = 4 << 20;

/// The emitter's progress, which workers wait on to stay within the window.
struct Window {
    /// Files emitted so far.
    emitted: Mutex<usize>,
    advanced: Condvar,
    /// How many files past the first not emitted may be started; `usize::MAX` once lifted.
    size: AtomicUsize,
    /// The bytes of the outcomes done but not yet emitted (see [`weight`]).
    waiting: AtomicUsize,
}

impl Window {
    /// Waits until file `i` is within the window. The first file not emitted always is, so
    /// the emitter never waits for a file no worker may start.
    fn wait_for(&self, i: usize) {
        let mut emitted = self.emitted.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let size = self.size.load(Ordering::Relaxed);
            let within = i < emitted.saturating_add(size)
                && (i == *emitted || size == usize::MAX || self.waiting.load(Ordering::Relaxed) < WAITING_BYTES);
            if within {
                return;
            }
            emitted = self.advanced.wait(emitted).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn advance(&self, emitted: usize, freed: usize) {
        let mut lock = self.emitted.lock().unwrap_or_else(|e| e.into_inner());
        self.waiting.fetch_sub(freed, Ordering::Relaxed);
        *lock = emitted;
        drop(lock);
        self.advanced.notify_all();
    }

    /// Lets every worker run to the end: the emitter stopped, or a worker died holding a file
    /// the emitter waits for (it lints that one itself once the others end).
    fn lift(&self) {
        self.size.store(usize::MAX, Ordering::Relaxed);
        let _lock = self.emitted.lock().unwrap_or_else(|e| e.into_inner());
        self.advanced.notify_all();
    }
}

/// The memory a finished outcome holds while it waits to be emitted, roughly.
fn weight(outcome: &FileOutcome) -> usize {
    match &outcome.result {
        Ok(linted) => {
            let findings: usize = linted
                .diagnostics
                .iter()
                .map(|f| {
                    std::mem::size_of::<Finding>()
                        + f.diagnostic.message.len()
                        + f.section.len()
                        + f.snippet.len()
                        + f.fingerprint.len()
                })
                .sum();
            findings
                + linted.rendered.iter().map(Rendering::in_memory_len).sum::<usize>()
                + linted.output.as_ref().map_or(0, String::len)
        }
        Err(message) => message.len(),
    }
}

/// Lifts the window when dropped: by the emitter always, by a worker when it unwinds.
struct LiftOnDrop<'w> {
    window: &'w Window,
    always: bool,
}

impl Drop for LiftOnDrop<'_> {
    fn drop(&mut self) {
        if self.always || std::thread::panicking() {
            self.window.lift();
        }
    }
}

/// How many threads to lint with: `requested` (`--threads`), or one per core when 0; never more
/// than there are files.
pub fn thread_count(requested: usize, files: usize) -> usize {
    let threads = if requested == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { requested };
    threads.min(files.max(1))
}

/// Lints every input on `threads` threads (0: all cores), each with the linter at its index, and
/// hands each outcome to `sink` on the calling thread in input order as soon as it and all before
/// it are done: output streams while later files are still being linted, and nothing the sink
/// drops is held. The order, and so the output, does not depend on the number of threads.
pub fn lint_all(
    inputs: Vec<(Input, usize)>,
    linters: &[&Linter],
    mode: Mode,
    threads: usize,
    render: &Renderer<'_>,
    sink: &mut dyn FnMut(FileOutcome),
) {
    let threads = thread_count(threads, inputs.len());
    let next = AtomicUsize::new(0);
    let window = Window {
        emitted: Mutex::new(0),
        advanced: Condvar::new(),
        size: AtomicUsize::new(threads * AHEAD_PER_WORKER),
        waiting: AtomicUsize::new(0),
    };
    let window = &window;
    let inputs = &inputs;
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::channel::<(usize, FileOutcome)>();
        let workers: Vec<_> = (0..threads)
            .filter_map(|_| {
                let sender = sender.clone();
                let next = &next;
                // A worker that cannot start leaves its share to the others (or to the loop below).
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, move || {
                        let _lift = LiftOnDrop { window, always: false };
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some((input, which)) = inputs.get(i) else { break };
                            window.wait_for(i);
                            let outcome = lint_one(input, linters[*which], mode, render);
                            window.waiting.fetch_add(weight(&outcome), Ordering::Relaxed);
                            if sender.send((i, outcome)).is_err() {
                                break;
                            }
                        }
                    })
                    .ok()
            })
            .collect();
        drop(sender);
        let lift = LiftOnDrop { window, always: true };
        emit_in_order(receiver, inputs, window, sink, |input, which| lint_one(input, linters[which], mode, render));
        drop(lift);
        // Joined here, a worker that panicked outside a file's own guard costs its files (linted
        // again above), not the run: an unjoined panicked thread would make the scope panic.
        for worker in workers {
            let _ = worker.join();
        }
    });
}

/// Hands outcomes to `sink` in input order as they arrive; once every worker has ended, lints
/// here the inputs a worker left undone (one that died or never started).
fn emit_in_order(
    receiver: std::sync::mpsc::Receiver<(usize, FileOutcome)>,
    inputs: &[(Input, usize)],
    window: &Window,
    sink: &mut dyn FnMut(FileOutcome),
    lint_here: impl Fn(&Input, usize) -> FileOutcome,
) {
    let mut pending = std::collections::BTreeMap::new();
    let mut emitted = 0;
    for (i, outcome) in receiver.iter() {
        pending.insert(i, outcome);
        while let Some(outcome) = pending.remove(&emitted) {
            let freed = weight(&outcome);
            sink(outcome);
            emitted += 1;
            window.advance(emitted, freed);
        }
    }
    while let Some((input, which)) = inputs.get(emitted) {
        sink(pending.remove(&emitted).unwrap_or_else(|| lint_here(input, *which)));
        emitted += 1;
    }
}

fn lint_one(input: &Input, linter: &Linter, mode: Mode, render: &Renderer<'_>) -> FileOutcome {
    let path = input.path().clone();
    let bytes = match input {
        Input::File(p) => match std::fs::read(p) {
            Ok(bytes) => bytes,
            Err(err) => {
                let message = if err.kind() == std::io::ErrorKind::IsADirectory {
                    "is a directory".to_string()
                } else {
                    crate::error::describe_io(&err)
                };
                return FileOutcome { path, result: Err(message) };
            }
        },
        Input::Text(_, bytes) => bytes.clone(),
    };
    let source = match SourceFile::from_bytes(path.clone(), bytes) {
        Ok(source) => source,
        Err(err) => return FileOutcome { path, result: Err(err.to_string()) },
    };
    // A bug in a rule must cost one file, not the run: report it like an unreadable file.
    let linted =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint_decoded(&source, input, linter, mode, render)));
    match linted {
        Ok(result) => FileOutcome { path, result },
        Err(_) => FileOutcome {
            path,
            result: Err("internal error while linting this file; please report it with the file attached".into()),
        },
    }
}

fn lint_decoded(
    source: &SourceFile,
    input: &Input,
    linter: &Linter,
    mode: Mode,
    render: &Renderer<'_>,
) -> Result<Linted, String> {
    if mode == Mode::Check {
        let mut diagnostics = crate::linter::lint_source_cached(source, linter).diagnostics;
        let rendered = render(source, &mut diagnostics);
        return Ok(Linted { diagnostics, rendered, fixed: 0, output: None, not_fixed: None });
    }
    let fixed = match crate::fix::fix_source(source, linter) {
        Ok(fixed) => fixed,
        Err(runaway) => {
            let mut diagnostics = lint_source(source, linter).diagnostics;
            let rendered = render(source, &mut diagnostics);
            let not_fixed = Some(NotFixed::Runaway(runaway.to_string()));
            // Text fixed from stdin goes back unchanged: an editor replaces its buffer with it.
            let output = matches!((mode, input), (Mode::Fix, Input::Text(..))).then(|| source.text.clone());
            return Ok(Linted { diagnostics, rendered, fixed: 0, output, not_fixed });
        }
    };
    let changed = fixed.applied > 0 && fixed.text != source.text;
    let mut output = None;
    match (mode, input) {
        (Mode::Diff, _) => {
            if changed {
                let name = crate::paths::display_path(&source.path);
                output = Some(crate::fix::unified_diff(&name, &source.text, &fixed.text));
            }
        }
        (_, Input::Text(..)) => output = Some(fixed.text.clone()),
        (_, Input::File(path)) => {
            if changed && let Err(err) = crate::fix::write_atomic(path, &fixed.text, source.bom) {
                // Nothing was fixed: the findings are the file's as it still is.
                let mut diagnostics = lint_source(source, linter).diagnostics;
                let rendered = render(source, &mut diagnostics);
                let not_fixed = Some(NotFixed::Unwritable(format!(
                    "cannot write the fixed file ({}); it is unchanged and its findings are reported as they are",
                    crate::error::describe_io(&err)
                )));
                return Ok(Linted { diagnostics, rendered, fixed: 0, output: None, not_fixed });
            }
        }
    }
    // What is left is reported against the fixed text, which is what the file now holds.
    let after = SourceFile::from_text(source.path.clone(), fixed.text, source.bom);
    let mut diagnostics = if mode == Mode::Fix { fixed.remaining } else { Vec::new() };
    let rendered = if mode == Mode::Fix { render(&after, &mut diagnostics) } else { Vec::new() };
    Ok(Linted { diagnostics, rendered, fixed: fixed.applied, output, not_fixed: None })
}
