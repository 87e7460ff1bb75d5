//! The command line: `check` (the default), `rules`, `explain`, `init`, `ladder`, and `config`,
//! `schema`, `completions`, `man` (in `config`).
//!
//! `args` holds the clap types, `check` turns inputs into a run, `report` ends the run
//! (summary, statistics, diffs, baseline, `--output` files), `rules` the rule commands.

mod args;
mod base_findings;
mod cache;
mod check;
mod config;
mod data_files;
mod exclude;
mod filters;
mod ladder;
mod ladder_html;
mod removed_pages;
mod report;
mod rules;
mod statistics;
mod watch;

pub use args::{CheckArgs, Cli, ColorChoice, Command, ConfigArgs, LadderArgs, LadderFormat, ListFormat, ServerArgs};

use crate::rules::registry::Registry;
use clap::Parser;
use std::path::PathBuf;

/// Exit code: no findings at or above the failing severity.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: findings at or above the failing severity.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: a usage, configuration or I/O error.
pub const EXIT_ERROR: u8 = 2;

/// Parses `args`, inserting the default `check` command when none is named.
pub fn parse(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    let mut args = args;
    let first = args.get(1).and_then(|a| a.to_str()).unwrap_or("");
    let named = [
        "check",
        "rules",
        "explain",
        "init",
        "ladder",
        "config",
        "schema",
        "completions",
        "man",
        "server",
        "help",
        "-h",
        "--help",
        "-V",
        "--version",
    ];
    if !named.contains(&first) {
        args.insert(1.min(args.len()), "check".into());
    }
    Cli::try_parse_from(args)
}

/// Runs a parsed command and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) if args.watch => watch::watch(*args),
        Command::Check(args) => check::check(*args),
        Command::Rules { format, packs } => with_registry(&packs, |r| rules::list_rules(r, format)),
        Command::Explain { rule, packs } => with_registry(&packs, |r| rules::explain(r, &rule)),
        Command::Init { force } => rules::init(force),
        Command::Ladder(args) => ladder::ladder(*args),
        Command::Config(args) => config::show(*args),
        Command::Schema { packs } => config::schema(&packs),
        Command::Completions { shell } => config::completions(shell),
        Command::Man { command } => config::man(command.as_deref()),
        Command::Server(args) => match crate::server::serve(args.settings.config.clone(), args.settings.overrides()) {
            Ok(()) => EXIT_CLEAN,
            Err(message) => error(message),
        },
    }
}

/// Loads the registry with `packs`, reporting a broken pack (file:line:col) with exit 2.
fn with_registry(packs: &[PathBuf], run: impl FnOnce(&Registry) -> u8) -> u8 {
    match Registry::with_packs(packs) {
        Ok(registry) => run(&registry),
        Err(err) => error(err),
    }
}

/// Prints a command's whole output. A reader that closed the pipe early (`hblint explain PR201 |
/// head -1`) has what it wanted: that ends the command cleanly, as it does in `cat`.
fn print_stdout(text: &str) -> u8 {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => EXIT_CLEAN,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(err) => error(format!("cannot write to stdout: {}", crate::error::describe_io(&err))),
    }
}

/// Reports an error that ends the run, and returns its exit code.
fn error(message: impl std::fmt::Display) -> u8 {
    eprintln!("hblint: error: {message}");
    EXIT_ERROR
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
