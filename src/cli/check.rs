//! `hblint check`: from the command line's inputs to a run over them, each finished file handed
//! to the report (see `report`).

use super::args::{CheckArgs, ColorChoice};
use super::data_files::{Coverage, data_file_findings};
use super::error;
use super::filters::Filters;
use super::removed_pages::{Removal, removed_page_links};
use super::report::{self, Output, RunReport};
use crate::baseline::Baseline;
use crate::config::Resolver;
use crate::diagnostic::{Finding, Severity};
use crate::error::LocatedError;
use crate::git::TouchedLines;
use crate::linter::Linter;
use crate::output::{FileFindings, ReportContext};
use crate::rendering::Rendering;
use crate::rules::RuleMeta;
use crate::run::{self, Input};
use crate::source::SourceFile;
use crate::walk;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// What to lint: the inputs, what could not even be listed, `--new-only`'s touched lines, and
/// what the run covers (for findings about data files, see `data_files`).
struct Inputs {
    inputs: Vec<Input>,
    unreadable: Vec<(PathBuf, String)>,
    touched: Option<TouchedLines>,
    coverage: Coverage,
    /// With `--changed-since`: the files the change deleted or renamed away (LK007).
    removal: Option<Removal>,
    /// The folders walked, when the run is only a walk of folders (no files named, no stdin,
    /// no change): finding nothing there to lint is an error, not a clean run.
    walked_folders: Option<Vec<PathBuf>>,
    /// With `--new-findings`: the repository root, the merge-base to compare with, and the
    /// lines the change touched (which decide for the findings in data files).
    base: Option<(PathBuf, String, TouchedLines)>,
}

/// Reads stdin, walks directories or asks git for the change, then keeps this shard's share.
fn collect_inputs(args: &CheckArgs) -> Result<Inputs, String> {
    let mut inputs: Vec<Input> = Vec::new();
    let mut unreadable: Vec<(PathBuf, String)> = Vec::new();
    let (stdin_paths, paths): (Vec<PathBuf>, Vec<PathBuf>) =
        args.paths.iter().cloned().partition(|p| p.as_os_str() == "-");
    // Stdin comes first: with --fix its outcome decides what stdout is for (see `report`).
    if !stdin_paths.is_empty() {
        let mut bytes = Vec::new();
        match std::io::stdin().read_to_end(&mut bytes) {
            Ok(_) => {
                let name = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("<stdin>"));
                inputs.push(Input::Text(name, bytes));
            }
            Err(err) => unreadable.push((PathBuf::from("<stdin>"), err.to_string())),
        }
    }
    let mut touched = None;
    let mut removal = None;
    let mut walked_folders = None;
    let mut base = None;
    let mut coverage = if paths.iter().any(|p| p.is_dir()) { Coverage::Directories } else { Coverage::NamedFiles };
    if let Some(rev) = &args.changed_since {
        // git runs in the repository the first path is in, which need not be the working
        // directory's (`hblint check --changed-since main ../handbook`).
        let dir = paths.iter().find_map(|p| existing_dir(p)).unwrap_or_else(|| PathBuf::from("."));
        let change = crate::git::change_since(rev, &dir)?;
        // A path that is not there, or not in the change's repository, would silently narrow
        // the change to nothing: it is an error, as it is without --changed-since.
        for path in &paths {
            if let Err(err) = std::fs::metadata(path) {
                unreadable.push((path.clone(), crate::error::describe_io(&err)));
            } else if !in_repository(path, &change.root) {
                return Err(format!(
                    "--changed-since: '{}' is not in the repository at '{}' (git runs in the repository of the first path given)",
                    crate::paths::display_path(path),
                    change.root.display()
                ));
            }
        }
        let scopes = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.clone() };
        inputs.extend(change.files_under(&scopes).into_iter().map(Input::File));
        coverage = Coverage::Change { root: change.root.clone(), files: change.files.clone() };
        removal = Some(Removal { root: change.root.clone(), removed: change.removed.clone() });
        // git names the touched files from the change's repository root; the filters look them
        // up by the path reports show, which is from the working directory's repository when
        // the change's is nested in it (a submodule linted from its superproject).
        let lines: TouchedLines = change
            .touched
            .into_iter()
            .map(|(file, lines)| (crate::paths::repo_path(&change.root.join(file)), lines))
            .collect();
        if args.new_findings {
            base = Some((change.root.clone(), change.base.clone(), lines));
        } else if args.new_only {
            touched = Some(lines);
        }
    } else if !paths.is_empty() {
        let walked = walk::collect(&paths);
        if stdin_paths.is_empty() && walked.errors.is_empty() && paths.iter().all(|p| p.is_dir()) {
            walked_folders = Some(paths.clone());
        }
        unreadable.extend(walked.errors);
        inputs.extend(walked.files.into_iter().map(Input::File));
    }
    if let Some((index, total)) = args.shard {
        inputs.retain(|input| match input {
            Input::File(path) => walk::in_shard(&crate::paths::repo_path(path), index, total),
            Input::Text(..) => true,
        });
    }
    Ok(Inputs { inputs, unreadable, touched, coverage, removal, walked_folders, base })
}

/// Whether an existing `path` lies inside the repository at `root` (as git names it: symlinks
/// resolved).
fn in_repository(path: &Path, root: &Path) -> bool {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    canonical(path).starts_with(canonical(root))
}

/// The folder a path is, or the folder of the file it names, when it exists.
fn existing_dir(path: &Path) -> Option<PathBuf> {
    if path.is_dir() {
        Some(path.to_path_buf())
    } else {
        path.parent().filter(|p| !p.as_os_str().is_empty() && p.is_dir()).map(Path::to_path_buf)
    }
}

fn nothing_to_lint(folders: &[PathBuf], found: usize) -> String {
    let named: Vec<String> = folders.iter().map(|p| format!("'{}'", crate::paths::display_path(p))).collect();
    let named = named.join(", ");
    if found == 0 {
        format!(
            "no Markdown files (.md, .markdown, .md.erb) to lint in {named}: check the path, and the .gitignore and .ignore files inside it and above it up to the repository root"
        )
    } else {
        format!(
            "the {found} Markdown file{} in {named} {} excluded by the configuration's `exclude` ('hblint config {}' shows where it is set)",
            super::plural(found),
            if found == 1 { "is" } else { "are all" },
            crate::paths::display_path(&folders[0])
        )
    }
}

/// What to say about a broken configuration and the files it kept from being linted, and how
/// many those are.
fn not_linted(err: &LocatedError, files: &[PathBuf]) -> (String, usize) {
    let first = crate::paths::display_path(&files[0]);
    let which = match files.len() {
        1 => format!("'{first}' was not linted"),
        n => format!("'{first}' and {} other file{} it governs were not linted", n - 1, super::plural(n - 1)),
    };
    (format!("{err}; {which}"), files.len())
}

/// Renders one file's findings for every output still taking text (in the worker, while the
/// source is in memory).
fn render_for(outputs: &[Output], source: &SourceFile, diagnostics: &[Finding]) -> Vec<Rendering> {
    if !outputs.iter().any(Output::is_open) {
        return Vec::new();
    }
    let file = FileFindings::new(&source.path, diagnostics);
    outputs.iter().map(|output| Rendering::new(output.render_file(&file, source))).collect()
}

/// The result cache, unless `--no-cache` or `CI` says not to. The default folder that cannot be
/// used (a read-only checkout) means no cache, silently: it only makes runs faster, and a warning
/// on every run there would be noise. A `--cache-dir` that cannot be used is said.
fn open_cache(args: &CheckArgs) -> Option<std::sync::Arc<crate::cache::Cache>> {
    let in_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    if args.no_cache || in_ci {
        return None;
    }
    let folder = args.cache_dir.clone().unwrap_or_else(|| PathBuf::from(crate::cache::FOLDER));
    match crate::cache::Cache::open(&folder) {
        Ok(cache) => Some(std::sync::Arc::new(cache)),
        Err(err) => {
            if args.cache_dir.is_some() {
                eprintln!(
                    "hblint: warning: --cache-dir '{}': {}; linting without the cache",
                    crate::paths::display_path(&folder),
                    crate::error::describe_io(&err)
                );
            }
            None
        }
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The rules in force in any of the run's configurations, sorted by code, each once.
fn rules_in_force(linters: &[&Linter]) -> Vec<&'static RuleMeta> {
    let mut rules: Vec<_> = linters.iter().flat_map(|l| l.rules().map(|r| r.meta())).collect();
    rules.sort_by_key(|m| m.code);
    rules.dedup_by_key(|m| m.code);
    rules
}

pub(super) fn check(args: CheckArgs) -> u8 {
    let report_files = match report::report_files(&args) {
        Ok(files) => files,
        Err(message) => return error(message),
    };
    let baseline = match &args.baseline {
        Some(path) => match Baseline::load(path) {
            Ok(baseline) => Some(baseline),
            Err(message) => return error(message),
        },
        None => None,
    };
    let mut resolver = Resolver::new(args.settings.config.clone(), args.settings.overrides());
    let Inputs { inputs, unreadable, touched, coverage, removal, walked_folders, base } = match collect_inputs(&args) {
        Ok(inputs) => inputs,
        Err(message) => return error(message),
    };
    let found = inputs.len();
    let inputs = super::exclude::without_excluded(inputs, &args.paths, args.force_exclude, &mut resolver);
    let mode = if args.fix {
        run::Mode::Fix
    } else if args.diff {
        run::Mode::Diff
    } else {
        run::Mode::Check
    };

    // Each file gets the settings of the nearest hblint.toml above it (cached per directory).
    // A broken configuration costs the files it governs, not the run: each is said once with
    // the files it kept from being linted, the others are linted, and the run exits 2.
    let mut assigned = Vec::with_capacity(inputs.len());
    let mut broken: Vec<(LocatedError, Vec<PathBuf>)> = Vec::new();
    for input in inputs {
        let path = match &input {
            Input::File(p) | Input::Text(p, _) => p.clone(),
        };
        match resolver.for_file(&path) {
            Ok(index) => assigned.push((input, index)),
            Err(err) => match broken.iter_mut().find(|(known, _)| *known == err) {
                Some((_, files)) => files.push(path),
                None => broken.push((err, vec![path])),
            },
        }
    }
    if assigned.is_empty() && !broken.is_empty() {
        broken.iter().for_each(|(err, _)| {
            error(err);
        });
        return super::EXIT_ERROR;
    }
    // Said once each, however many folders share the configuration that has them.
    let mut warned = std::collections::BTreeSet::new();
    for warning in resolver.settings.iter().flat_map(|s| &s.warnings) {
        if warned.insert(warning.to_string()) {
            eprintln!("hblint: warning: {warning}");
        }
    }
    let not_linted: Vec<(String, usize)> = broken.iter().map(|(err, files)| not_linted(err, files)).collect();
    if assigned.is_empty()
        && let Err(err) = resolver.for_dir(Path::new("."))
    {
        return error(err);
    }
    // Folders that hold nothing to lint are a mistake to say, not a clean run: a wrong path,
    // ignore files or an `exclude` that leave nothing (a broken configuration is said first).
    if assigned.is_empty()
        && let Some(folders) = &walked_folders
    {
        return error(nothing_to_lint(folders, found));
    }

    // Reports are written as files finish. A diff, --statistics and a baseline to write take
    // stdout's place; --diff and --write-baseline write no --output files.
    let context = {
        let linters: Vec<&Linter> = resolver.settings.iter().map(|s| &s.linter).collect();
        ReportContext { color: use_color(args.color), rules: rules_in_force(&linters) }
    };
    let reporting = mode != run::Mode::Diff && args.write_baseline.is_none();
    let mut outputs = Vec::new();
    if reporting && !args.statistics {
        outputs.push(Output::stdout(args.format, &context));
    }
    if reporting {
        outputs.extend(report_files.into_iter().map(|file| Output::file(file, &context)));
    }
    let mut filters = Filters::new(touched, baseline);
    // Fingerprints cost a hash and three strings per finding: only reports that show them pay.
    let needs_fingerprints = outputs.iter().any(Output::needs_fingerprints)
        || filters.has_baseline()
        || args.write_baseline.is_some()
        || base.is_some();
    // The site index of every handbook repository the inputs are in, when a link rule runs.
    let mut removed_files = Vec::new();
    for path in removal.iter().flat_map(Removal::paths) {
        match resolver.for_file(&path) {
            Ok(index) => removed_files.push((path, index)),
            Err(err) => return error(err),
        }
    }
    resolver.forget_folders();
    // `removed` files are indexed too: their repository is needed for LK007 even when no page
    // of the change remains to lint.
    let files = assigned.iter().map(|(input, index)| (input.path().as_path(), *index));
    let removed = removed_files.iter().map(|(path, index)| (path.as_path(), *index));
    let sites = match crate::config::site::build_sites(files.chain(removed), &resolver.settings) {
        Ok(sites) => sites,
        Err(err) => return error(err),
    };
    for settings in &mut resolver.settings {
        settings.linter.set_fingerprints(needs_fingerprints);
        settings.linter.set_sites(sites.clone());
    }
    if mode == run::Mode::Check
        && let Some(cache) = open_cache(&args)
    {
        super::cache::attach(&cache, &mut resolver.settings, sites.as_deref());
    }
    if let Some((root, rev, touched)) = base {
        let linters: Vec<&Linter> = resolver.settings.iter().map(|s| &s.linter).collect();
        match super::base_findings::fingerprints_at_base(&root, &rev, &assigned, &linters, args.threads) {
            Ok(known) => filters = filters.with_known_at_base(known, touched),
            Err(err) => return error(err),
        }
    }
    let fail_on: Vec<Severity> = assigned.iter().map(|(_, i)| resolver.settings[*i].fail_on).collect();
    let linters: Vec<&Linter> = resolver.settings.iter().map(|s| &s.linter).collect();

    // In the worker: filter, then render for every output still taking text.
    let render = |source: &SourceFile, diagnostics: &mut Vec<Finding>| -> Vec<Rendering> {
        filters.apply(source, diagnostics);
        render_for(&outputs, source, diagnostics)
    };
    let mut report = RunReport::new(&args, mode, &outputs, fail_on, unreadable);
    report.not_linted(not_linted);
    run::lint_all(assigned, &linters, mode, args.threads, &render, &mut |outcome| report.add(outcome));
    // Stale entries of the skip list and the list of job families: findings in a data file, after the pages (no diff to show for them).
    if mode != run::Mode::Diff {
        // With --shard, the data file is one shard's, as a page would be; another shard's is
        // neither reported nor matched against the baseline here.
        let in_shard = |path: &Path| {
            args.shard.is_none_or(|(index, total)| walk::in_shard(&crate::paths::repo_path(path), index, total))
        };
        let render_data = |source: &SourceFile, diagnostics: &mut Vec<Finding>| -> Vec<Rendering> {
            if !in_shard(&source.path) {
                return Vec::new();
            }
            filters.apply_data_file(source, diagnostics);
            render_for(&outputs, source, diagnostics)
        };
        for (outcome, fail_on) in data_file_findings(&resolver.settings, &coverage, needs_fingerprints, &render_data) {
            if in_shard(&outcome.path) {
                report.add_data_file(outcome, fail_on);
            }
        }
    }
    // Links elsewhere to pages the change removed: found after the pages, reported whatever
    // lines the change touched (the change made them), so --new-only keeps them.
    if mode != run::Mode::Diff
        && let Some(removal) = &removal
    {
        let render_change = |source: &SourceFile, diagnostics: &mut Vec<Finding>| -> Vec<Rendering> {
            filters.apply_baseline(source, diagnostics);
            render_for(&outputs, source, diagnostics)
        };
        for (outcome, fail_on) in
            removed_page_links(removal, sites.as_deref(), &mut resolver, needs_fingerprints, &render_change)
        {
            report.add_data_file(outcome, fail_on);
        }
    }
    report.finish(&filters)
}
