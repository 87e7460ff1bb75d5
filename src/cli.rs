//! The command line: `check` (the default), `rules`, `explain`.

use crate::config::{Overrides, Resolver};
use crate::output::{self, Format, human::Summary};
use crate::rules::Severity;
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
    Check(CheckArgs),
    /// List every rule: code, name, group, default severity, summary.
    Rules {
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
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
    /// Run only these rules: codes, code prefixes, names or groups, comma-separated.
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
        Command::Check(args) => check(args),
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

fn check(args: CheckArgs) -> u8 {
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
    if !paths.is_empty() {
        let walked = walk::collect(&paths);
        unreadable.extend(walked.errors);
        inputs.extend(walked.files.into_iter().map(Input::File));
    }

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let human = args.format == Format::Human;
    let render = move |source: &crate::source::SourceFile, diagnostics: &[crate::diagnostic::Located]| {
        if human { output::human::render_file(source, diagnostics, color) } else { Vec::new() }
    };
    let mode = if args.fix {
        run::Mode::Fix
    } else if args.diff {
        run::Mode::Diff
    } else {
        run::Mode::Check
    };
    // Each file gets the settings of the nearest hblint.toml above it (cached per directory).
    let mut assigned = Vec::with_capacity(inputs.len());
    for input in inputs {
        let path = match &input {
            run::Input::File(p) | run::Input::Text(p, _) => p.clone(),
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        match resolver.for_dir(&dir) {
            Ok(index) => assigned.push((input, index)),
            Err(err) => {
                eprintln!("hblint: error: {err}");
                return EXIT_ERROR;
            }
        }
    }
    if assigned.is_empty()
        && let Err(err) = resolver.for_dir(Path::new("."))
    {
        eprintln!("hblint: error: {err}");
        return EXIT_ERROR;
    }
    let fail_on: Vec<Severity> = resolver.settings.iter().map(|s| s.fail_on).collect();
    let file_fail_on: Vec<Severity> = assigned.iter().map(|(_, i)| fail_on[*i]).collect();
    let linters: Vec<&crate::Linter> = resolver.settings.iter().map(|s| &s.linter).collect();
    let outcomes = run::lint_all(assigned, &linters, mode, &render);
    if mode == run::Mode::Diff {
        return print_diffs(&outcomes);
    }

    let mut summary = Summary { files_checked: outcomes.len(), ..Summary::default() };
    let mut failing = false;
    let mut reported: Vec<(String, &[crate::diagnostic::Located])> = Vec::new();
    for (outcome, fail_on) in outcomes.iter().zip(&file_fail_on) {
        match &outcome.result {
            Ok(linted) => {
                if !linted.diagnostics.is_empty() {
                    summary.files_with_problems += 1;
                }
                for d in &linted.diagnostics {
                    match d.diagnostic.severity {
                        Severity::Error => summary.errors += 1,
                        Severity::Warning => summary.warnings += 1,
                        Severity::Info => summary.infos += 1,
                    }
                    failing |= d.diagnostic.severity >= *fail_on;
                }
                reported.push((output::display_path(&outcome.path), &linted.diagnostics));
            }
            Err(message) => unreadable.push((outcome.path.clone(), message.clone())),
        }
    }
    summary.files_checked -= outcomes.iter().filter(|o| o.result.is_err()).count();
    summary.unreadable = unreadable.len();

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // With --fix on stdin, stdout is the fixed text and nothing else (an editor pipes it back).
    if let Some(fixed) = outcomes.iter().find_map(|o| o.result.as_ref().ok().and_then(|l| l.output.as_ref())) {
        let _ = out.write_all(fixed.as_bytes());
        for (path, message) in &unreadable {
            eprintln!("hblint: error: {}: {message}", output::display_path(path));
        }
        return if !unreadable.is_empty() {
            EXIT_ERROR
        } else if failing {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        };
    }
    let fixed: usize = outcomes.iter().filter_map(|o| o.result.as_ref().ok()).map(|l| l.fixed).sum();
    let written = match args.format {
        Format::Human => {
            let mut result = Ok(());
            for outcome in &outcomes {
                if let Ok(linted) = &outcome.result {
                    result = result.and(out.write_all(&linted.rendered));
                }
            }
            if fixed > 0 {
                let files = outcomes.iter().filter(|o| o.result.as_ref().is_ok_and(|l| l.fixed > 0)).count();
                result = result.and(writeln!(
                    out,
                    "Fixed {fixed} problem{} in {files} file{}.",
                    plural(fixed),
                    plural(files)
                ));
            }
            result.and(writeln!(out, "{}", summary.line()))
        }
        Format::Json => out.write_all(output::json::render(&reported).as_bytes()),
    };
    let _ = out.flush();
    drop(out);
    for (path, message) in &unreadable {
        eprintln!("hblint: error: {}: {message}", output::display_path(path));
    }
    if let Err(err) = written
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("hblint: error: cannot write output: {err}");
        return EXIT_ERROR;
    }
    if !unreadable.is_empty() {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
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
            eprintln!("hblint: error: cannot write hblint.toml: {}", crate::walk::describe_io(&err));
            EXIT_ERROR
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `--diff`: print every file's diff; exit 1 when there is something to fix.
fn print_diffs(outcomes: &[run::FileOutcome]) -> u8 {
    let mut any = false;
    let mut errors = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for outcome in outcomes {
        match &outcome.result {
            Ok(linted) => {
                if let Some(diff) = &linted.output {
                    any = true;
                    let _ = out.write_all(diff.as_bytes());
                }
            }
            Err(message) => {
                errors = true;
                eprintln!("hblint: error: {}: {message}", output::display_path(&outcome.path));
            }
        }
    }
    if errors {
        EXIT_ERROR
    } else if any {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn list_rules(registry: &Registry, format: Format) -> u8 {
    let mut out = String::new();
    match format {
        Format::Human => {
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
        Format::Json => {
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
            let m = rule.meta();
            println!("# {} ({})\n", m.name, m.code);
            println!("{}\n", m.summary);
            let fix = if m.fix { " Fixable with --fix." } else { "" };
            println!("Group: {}. Default severity: {}.{fix}\n", m.group.as_str(), m.severity.as_str());
            print!("{}", m.docs);
            EXIT_CLEAN
        }
        None => {
            eprintln!("hblint: error: unknown rule '{key}' (see 'hblint rules')");
            EXIT_ERROR
        }
    }
}
