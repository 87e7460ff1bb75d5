//! The command line: `check` (the default), `rules`, `explain`.

use crate::config::{Overrides, Resolver};
use crate::diagnostic::Severity;
use crate::output::{self, Format, human::Summary};
use crate::rules::registry::Registry;
use crate::run::{self, Input};
use crate::walk;
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Exit code: no findings at or above the failing severity.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: findings at or above the failing severity.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: a usage, configuration or I/O error.
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(name = "hblint", version, about = "A fast Markdown linter that understands handbook job-family pages")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint Markdown files and directories (the default command).
    Check(Box<CheckArgs>),
    /// List every rule: code, name, group, default severity, summary.
    Rules {
        #[arg(long, value_enum, default_value = "human")]
        format: ListFormat,
        /// Also list the rules of this rule pack (repeatable).
        #[arg(long = "pack", value_name = "PATH")]
        packs: Vec<PathBuf>,
    },
    /// Write a commented hblint.toml in the current directory.
    Init {
        /// Overwrite an existing hblint.toml.
        #[arg(long)]
        force: bool,
    },
    /// Show a rule's documentation: what it finds, why, a bad and a good example.
    Explain {
        /// A rule code (JF002) or name (non-monotonic-grades).
        rule: String,
        /// Also look in this rule pack (repeatable).
        #[arg(long = "pack", value_name = "PATH")]
        packs: Vec<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to lint ('-' reads stdin). Directories are walked respecting .gitignore.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Run only these rules: codes, code prefixes, names, groups or ALL, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these rules: codes, code prefixes, names or groups, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Load this rule pack (a TOML file) in addition to the shipped ones (repeatable).
    #[arg(long = "pack", value_name = "PATH")]
    pub packs: Vec<PathBuf>,
    /// The file name to report for text read from stdin.
    #[arg(long)]
    pub stdin_filename: Option<PathBuf>,
    /// Exit 1 only for findings at or above this severity [default: warning, or the config's fail-on].
    #[arg(long, value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Use this config file for every file instead of the nearest hblint.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Apply safe fixes (substitutions, single-correction typos, doubled words) and write the files.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the safe fixes as a unified diff; write nothing.
    #[arg(long)]
    pub diff: bool,
    /// When to color human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Also write a report, as FORMAT=FILE (gitlab=gl-code-quality-report.json) or FILE in the
    /// --format format (repeatable); the terminal still gets the human output.
    #[arg(long = "output", short = 'o', value_name = "[FORMAT=]FILE")]
    pub outputs: Vec<String>,
    /// Lint only the Markdown files changed between the merge-base of REV and HEAD (uses git).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// With --changed-since: report only findings on lines the change added or modified.
    #[arg(long, requires = "changed_since")]
    pub new_only: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every finding of this run in a baseline file, then exit 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff", "baseline"])]
    pub write_baseline: Option<PathBuf>,
    /// Lint only shard I of N (1-based; "$CI_NODE_INDEX/$CI_NODE_TOTAL"), split by a hash of each path.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Print the findings only: no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Exit 0 even with findings (unreadable files and bad configuration still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
}

/// The formats `hblint rules` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

/// Parses `args`, inserting the default `check` command when none is named.
pub fn parse(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    let mut args = args;
    let first = args.get(1).and_then(|a| a.to_str()).unwrap_or("");
    let named = ["check", "rules", "explain", "init", "help", "-h", "--help", "-V", "--version"];
    if !named.contains(&first) {
        args.insert(1.min(args.len()), "check".into());
    }
    Cli::try_parse_from(args)
}

/// Runs a parsed command and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check(*args),
        Command::Rules { format, packs } => with_registry(&packs, |r| list_rules(r, format)),
        Command::Explain { rule, packs } => with_registry(&packs, |r| explain(r, &rule)),
        Command::Init { force } => init(force),
    }
}

/// Loads the registry with `packs`, reporting a broken pack (file:line:col) with exit 2.
fn with_registry(packs: &[PathBuf], run: impl FnOnce(&Registry) -> u8) -> u8 {
    match Registry::with_packs(packs) {
        Ok(registry) => run(&registry),
        Err(err) => {
            eprintln!("hblint: error: {err}");
            EXIT_ERROR
        }
    }
}

/// Where `--output` writes a report, and in which format.
#[derive(Debug, Clone)]
struct ReportFile {
    format: Format,
    path: PathBuf,
}

/// Reads `--output` values: `FORMAT=FILE`, or `FILE` in the `--format` format.
fn report_files(args: &CheckArgs) -> Result<Vec<ReportFile>, String> {
    let mut files = Vec::new();
    for value in &args.outputs {
        let (format, path) = match value.split_once('=') {
            Some((name, path)) if Format::from_name(name).is_some() => (Format::from_name(name), path),
            _ => (None, value.as_str()),
        };
        let format = match format {
            Some(format) => format,
            None if args.format != Format::Human => args.format,
            None => {
                return Err(format!(
                    "--output {value}: say which format to write, e.g. --output gitlab={value} (formats: json, concise, github, gitlab, junit, sarif)"
                ));
            }
        };
        if format == Format::Human {
            return Err(format!(
                "--output {value}: human output goes to the terminal; write 'concise' to a file instead"
            ));
        }
        if path.is_empty() {
            return Err(format!("--output {value}: no file name"));
        }
        files.push(ReportFile { format, path: PathBuf::from(path) });
    }
    Ok(files)
}

/// The findings `--new-only` and `--baseline` keep, decided per file while it is in memory.
struct Filters {
    /// `--new-only`: the lines the change touched, per repository-relative path.
    touched: Option<crate::git::TouchedLines>,
    baseline: Option<crate::baseline::Baseline>,
    /// Baselined fingerprints seen again in this run.
    seen_in_baseline: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl Filters {
    fn apply(&self, source: &crate::source::SourceFile, diagnostics: &mut Vec<crate::diagnostic::Finding>) {
        if let Some(touched) = &self.touched {
            let lines = touched.get(&crate::paths::repo_path(&source.path));
            diagnostics.retain(|d| {
                lines.is_some_and(|l| l.range(d.start.line..=d.end.line.max(d.start.line)).next().is_some())
            });
        }
        if let Some(baseline) = &self.baseline {
            let mut seen = self.seen_in_baseline.lock().unwrap_or_else(|e| e.into_inner());
            diagnostics.retain(|d| {
                if baseline.contains(&d.fingerprint) {
                    seen.insert(d.fingerprint.clone());
                    false
                } else {
                    true
                }
            });
        }
    }
}

fn error(message: impl std::fmt::Display) -> u8 {
    eprintln!("hblint: error: {message}");
    EXIT_ERROR
}

fn check(args: CheckArgs) -> u8 {
    let reports = match report_files(&args) {
        Ok(reports) => reports,
        Err(message) => return error(message),
    };
    let baseline = match &args.baseline {
        Some(path) => match crate::baseline::Baseline::load(path) {
            Ok(baseline) => Some(baseline),
            Err(message) => return error(message),
        },
        None => None,
    };
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        packs: args.packs.clone(),
        fail_on: args.fail_on,
    };
    let mut resolver = Resolver::new(args.config.clone(), overrides);
    let mut inputs: Vec<run::Input> = Vec::new();
    let mut unreadable: Vec<(PathBuf, String)> = Vec::new();
    let (stdin_paths, paths): (Vec<PathBuf>, Vec<PathBuf>) =
        args.paths.iter().cloned().partition(|p| p.as_os_str() == "-");
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
    if let Some(rev) = &args.changed_since {
        let change = match crate::git::change_since(rev) {
            Ok(change) => change,
            Err(message) => return error(message),
        };
        let scopes = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.clone() };
        inputs.extend(change.files_under(&scopes).into_iter().map(Input::File));
        if args.new_only {
            touched = Some(change.touched);
        }
    } else if !paths.is_empty() {
        let walked = walk::collect(&paths);
        unreadable.extend(walked.errors);
        inputs.extend(walked.files.into_iter().map(Input::File));
    }
    if let Some((index, total)) = args.shard {
        inputs.retain(|input| match input {
            Input::File(path) => walk::in_shard(&crate::paths::repo_path(path), index, total),
            Input::Text(..) => true,
        });
    }

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mode = if args.fix {
        run::Mode::Fix
    } else if args.diff {
        run::Mode::Diff
    } else {
        run::Mode::Check
    };
    let has_stdin = inputs.iter().any(|input| matches!(input, Input::Text(..)));
    // Human, concise and GitHub output are written file by file while later files are linted; the
    // other formats, --statistics and a baseline to write need the whole run first, and with --fix
    // on stdin the output is the fixed text alone.
    let stream = output::streams(args.format)
        && !args.statistics
        && args.write_baseline.is_none()
        && mode != run::Mode::Diff
        && !(mode == run::Mode::Fix && has_stdin);
    // A file's findings outlive it only when something after the run needs them.
    let keep = mode == run::Mode::Diff
        || !reports.is_empty()
        || args.write_baseline.is_some()
        || (!args.statistics && !output::streams(args.format));
    let filters = Filters { touched, baseline, seen_in_baseline: Default::default() };
    let format = args.format;
    // Set when stdout's reader goes away (`hblint check | head`): rendering stops, linting goes
    // on, since the exit code, reports and error messages still need every file.
    let output_closed = std::sync::atomic::AtomicBool::new(false);
    let render = |source: &crate::source::SourceFile, diagnostics: &mut Vec<crate::diagnostic::Finding>| {
        filters.apply(source, diagnostics);
        if stream && !output_closed.load(std::sync::atomic::Ordering::Relaxed) {
            output::render_one(format, source, diagnostics, color)
        } else {
            Vec::new()
        }
    };
    // Each file gets the settings of the nearest hblint.toml above it (cached per directory).
    let mut assigned = Vec::with_capacity(inputs.len());
    for input in inputs {
        let path = match &input {
            run::Input::File(p) | run::Input::Text(p, _) => p.clone(),
        };
        match resolver.for_file(&path) {
            Ok(index) => assigned.push((input, index)),
            Err(err) => return error(err),
        }
    }
    if assigned.is_empty()
        && let Err(err) = resolver.for_dir(Path::new("."))
    {
        return error(err);
    }
    // Fingerprints cost a hash and three strings per finding: only reports that show them pay.
    let fingerprinted = |format: Format| matches!(format, Format::Json | Format::Gitlab | Format::Sarif);
    let needs_fingerprints = (fingerprinted(args.format) && !args.statistics)
        || reports.iter().any(|r| fingerprinted(r.format))
        || filters.baseline.is_some()
        || args.write_baseline.is_some();
    for settings in &mut resolver.settings {
        settings.linter.set_fingerprints(needs_fingerprints);
    }
    let fail_on: Vec<Severity> = assigned.iter().map(|(_, i)| resolver.settings[*i].fail_on).collect();
    let linters: Vec<&crate::linter::Linter> = resolver.settings.iter().map(|s| &s.linter).collect();

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut written: std::io::Result<()> = Ok(());
    let mut summary = Summary::default();
    let mut failing = false;
    let mut kept: Vec<(PathBuf, run::Linted)> = Vec::new();
    let mut statistics = Statistics::default();
    let mut fixed = (0, 0); // (problems, files)
    let mut fixed_text: Option<String> = None;
    let mut linted_paths = std::collections::HashSet::new();
    let mut position = 0;
    run::lint_all(assigned, &linters, mode, &render, &mut |outcome: run::FileOutcome| {
        let fail_on = fail_on[position];
        position += 1;
        let mut linted = match outcome.result {
            Ok(linted) => linted,
            Err(message) => return unreadable.push((outcome.path, message)),
        };
        summary.files_checked += 1;
        if !linted.diagnostics.is_empty() {
            summary.files_with_problems += 1;
        }
        for d in &linted.diagnostics {
            match d.diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
            failing |= d.diagnostic.severity >= fail_on;
        }
        if args.statistics {
            statistics.add(&linted.diagnostics);
        }
        if linted.fixed > 0 {
            fixed = (fixed.0 + linted.fixed, fixed.1 + 1);
        }
        if filters.baseline.is_some() {
            linted_paths.insert(crate::paths::repo_path(&outcome.path));
        }
        if stream && written.is_ok() {
            written = out.write_all(&linted.rendered);
            if written.is_err() {
                output_closed.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
        linted.rendered = Vec::new();
        if mode == run::Mode::Fix && fixed_text.is_none() {
            fixed_text = linted.output.take();
        }
        if keep {
            kept.push((outcome.path, linted));
        }
    });
    if mode == run::Mode::Diff {
        drop(out);
        return print_diffs(&kept, &unreadable);
    }
    let reported: Vec<output::FileFindings<'_>> =
        kept.iter().map(|(path, linted)| output::FileFindings::new(path, &linted.diagnostics)).collect();
    summary.unreadable = unreadable.len();
    let report_errors = |unreadable: &[(PathBuf, String)]| {
        for (path, message) in unreadable {
            eprintln!("hblint: error: {}: {message}", crate::paths::display_path(path));
        }
    };

    if let Some(path) = &args.write_baseline {
        let entries = reported
            .iter()
            .flat_map(|file| {
                file.diagnostics.iter().map(|d| crate::baseline::Entry {
                    fingerprint: d.fingerprint.clone(),
                    path: file.repo_path.clone(),
                    code: d.diagnostic.rule.code.to_string(),
                    line: d.start.line,
                    message: d.diagnostic.message.clone(),
                })
            })
            .collect::<Vec<_>>();
        let count = entries.len();
        drop(out);
        report_errors(&unreadable);
        return match crate::baseline::write(path, entries) {
            Ok(()) => {
                println!(
                    "Wrote {count} finding{} of {} file{} to {}; run with --baseline {} to report only new ones.",
                    plural(count),
                    summary.files_checked,
                    plural(summary.files_checked),
                    path.display(),
                    path.display()
                );
                if unreadable.is_empty() { EXIT_CLEAN } else { EXIT_ERROR }
            }
            Err(message) => error(message),
        };
    }
    let baselined_gone = filters.baseline.as_ref().map(|baseline| {
        let seen = filters.seen_in_baseline.lock().unwrap_or_else(|e| e.into_inner());
        baseline.gone(&linted_paths, &seen)
    });

    // With --fix on stdin, stdout is the fixed text and nothing else (an editor pipes it back).
    if let Some(fixed) = fixed_text {
        let _ = out.write_all(fixed.as_bytes());
        drop(out);
        report_errors(&unreadable);
        return exit_code(&unreadable, failing, args.exit_zero);
    }
    let rules: Vec<&'static crate::rules::RuleMeta> = {
        let mut rules: Vec<_> = linters.iter().flat_map(|l| l.rules().map(|r| r.meta())).collect();
        rules.sort_by_key(|m| m.code);
        rules.dedup_by_key(|m| m.code);
        rules
    };
    if args.statistics {
        written = written.and(out.write_all(statistics.render(args.format).as_bytes()));
    } else if !stream {
        written = written.and(out.write_all(output::render(args.format, &reported, &rules).as_bytes()));
    }
    if (args.format == Format::Human || args.statistics) && !args.quiet {
        let (fixed, files) = fixed;
        if fixed > 0 {
            written =
                written.and(writeln!(out, "Fixed {fixed} problem{} in {files} file{}.", plural(fixed), plural(files)));
        }
        let mut line = summary.line();
        if let Some(gone) = baselined_gone.filter(|&n| n > 0) {
            line.push_str(&format!(
                "; {gone} baselined finding{} no longer occur{} (refresh the baseline with --write-baseline)",
                plural(gone),
                if gone == 1 { "s" } else { "" }
            ));
        }
        written = written.and(writeln!(out, "{line}"));
    } else if let Some(gone) = baselined_gone.filter(|&n| n > 0) {
        eprintln!(
            "hblint: {gone} baselined finding{} no longer occur{}",
            plural(gone),
            if gone == 1 { "s" } else { "" }
        );
    }
    let _ = out.flush();
    drop(out);
    report_errors(&unreadable);
    if let Err(err) = written
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        return error(format!("cannot write output: {err}"));
    }
    for report in &reports {
        let text = output::render(report.format, &reported, &rules);
        if let Err(err) = std::fs::write(&report.path, text) {
            return error(format!(
                "cannot write the {} report {}: {}",
                report.format.name(),
                report.path.display(),
                crate::error::describe_io(&err)
            ));
        }
    }
    exit_code(&unreadable, failing, args.exit_zero)
}

fn exit_code(unreadable: &[(PathBuf, String)], failing: bool, exit_zero: bool) -> u8 {
    if !unreadable.is_empty() {
        EXIT_ERROR
    } else if failing && !exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// `--statistics`: findings per rule, counted as files finish.
#[derive(Default)]
struct Statistics {
    /// Per rule code: how many findings, the rule, and whether any of them is fixable.
    counts: std::collections::BTreeMap<&'static str, (usize, &'static crate::rules::RuleMeta, bool)>,
}

impl Statistics {
    fn add(&mut self, diagnostics: &[crate::diagnostic::Finding]) {
        for d in diagnostics {
            let entry = self.counts.entry(d.diagnostic.rule.code).or_insert((0, d.diagnostic.rule, false));
            entry.0 += 1;
            entry.2 |= d.diagnostic.fix.is_some();
        }
    }

    /// Most frequent first (JSON with `--format json`).
    fn render(&self, format: Format) -> String {
        let mut rows: Vec<_> = self.counts.values().collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.code.cmp(b.1.code)));
        if format == Format::Json {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(count, rule, fixable)| {
                    serde_json::json!({"code": rule.code, "name": rule.name, "count": count, "fixable": fixable})
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&items).unwrap_or_default();
            text.push('\n');
            return text;
        }
        let width = rows.iter().map(|r| r.0.to_string().len()).max().unwrap_or(1);
        rows.iter()
            .map(|(count, rule, fixable)| {
                format!("{count:>width$}  {:<6} {:<3} {}\n", rule.code, if *fixable { "[*]" } else { "" }, rule.name)
            })
            .collect()
    }
}

fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let (index, total) = text.split_once('/').ok_or("expected I/N, e.g. 2/4")?;
    let index: usize = index.trim().parse().map_err(|_| format!("'{index}' is not a shard number"))?;
    let total: usize = total.trim().parse().map_err(|_| format!("'{total}' is not a shard count"))?;
    if total == 0 || index == 0 || index > total {
        return Err(format!("shard {index}/{total}: I must be between 1 and N (GitLab's CI_NODE_INDEX/CI_NODE_TOTAL)"));
    }
    Ok((index, total))
}

fn init(force: bool) -> u8 {
    let path = Path::new("hblint.toml");
    if path.exists() && !force {
        eprintln!("hblint: error: hblint.toml already exists (use --force to overwrite it)");
        return EXIT_ERROR;
    }
    match std::fs::write(path, crate::config::TEMPLATE) {
        Ok(()) => {
            println!("Wrote hblint.toml");
            EXIT_CLEAN
        }
        Err(err) => {
            eprintln!("hblint: error: cannot write hblint.toml: {}", crate::error::describe_io(&err));
            EXIT_ERROR
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `--diff`: print every file's diff; exit 1 when there is something to fix.
fn print_diffs(linted: &[(PathBuf, run::Linted)], unreadable: &[(PathBuf, String)]) -> u8 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut any = false;
    let mut written = Ok(());
    for diff in linted.iter().filter_map(|(_, l)| l.output.as_ref()) {
        any = true;
        written = written.and_then(|()| out.write_all(diff.as_bytes()));
    }
    written = written.and_then(|()| out.flush());
    drop(out);
    for (path, message) in unreadable {
        eprintln!("hblint: error: {}: {message}", crate::paths::display_path(path));
    }
    if let Err(err) = written
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        return error(format!("cannot write output: {err}"));
    }
    if !unreadable.is_empty() {
        EXIT_ERROR
    } else if any {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn list_rules(registry: &Registry, format: ListFormat) -> u8 {
    let mut out = String::new();
    match format {
        ListFormat::Human => {
            out.push_str(&format!(
                "{:<7} {:<28} {:<11} {:<8} {:<4} {}\n",
                "CODE", "NAME", "GROUP", "SEVERITY", "FIX", "SUMMARY"
            ));
            for rule in registry.rules() {
                let m = rule.meta();
                out.push_str(&format!(
                    "{:<7} {:<28} {:<11} {:<8} {:<4} {}\n",
                    m.code,
                    m.name,
                    m.group.as_str(),
                    m.severity.as_str(),
                    if m.fix { "yes" } else { "" },
                    m.summary
                ));
            }
        }
        ListFormat::Json => {
            let items: Vec<serde_json::Value> = registry
                .rules()
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "code": m.code, "name": m.name, "group": m.group.as_str(),
                        "severity": m.severity.as_str(), "fix": m.fix, "summary": m.summary,
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&items).unwrap_or_default();
            out.push('\n');
        }
    }
    print!("{out}");
    EXIT_CLEAN
}

fn explain(registry: &Registry, key: &str) -> u8 {
    match registry.find(key) {
        Some(rule) => {
            print!("{}", rule.meta().explain());
            EXIT_CLEAN
        }
        None => {
            eprintln!("hblint: error: unknown rule '{key}' (see 'hblint rules')");
            EXIT_ERROR
        }
    }
}
