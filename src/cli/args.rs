//! The command line's shape: clap types for every subcommand and the value parsers they use.

use crate::config::Overrides;
use crate::diagnostic::Severity;
use crate::output::{FORMATS, Format};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "hblint",
    version,
    about = "A fast Markdown linter that understands handbook job-family pages",
    // `check` is what runs when no command is named; the usage line must not hide it.
    override_usage = "hblint [check] [OPTIONS] [PATHS]...\n       hblint <COMMAND>",
    after_help = "With no command, hblint runs `check`: `hblint docs/` is `hblint check docs/` (see `hblint check --help`)."
)]
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
    /// Every job family's career ladder: a table, JSON, or one HTML picture (-o ladder.html).
    Ladder(Box<LadderArgs>),
    /// Print each setting in force for a folder or file, with the file and line it comes from.
    Config(Box<ConfigArgs>),
    /// Print the JSON Schema of hblint.toml (for editors: taplo, Even Better TOML).
    Schema {
        /// Also offer the rules of this rule pack (repeatable).
        #[arg(long = "pack", value_name = "PATH")]
        packs: Vec<PathBuf>,
    },
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Run the language server (LSP over stdin and stdout) for editors: the findings of
    /// `check` as the page is written, fixes and "disable" comments as code actions, rule docs
    /// on hover.
    Server(ServerArgs),
    /// Print the man page (roff), of hblint or of one of its commands.
    Man {
        /// A command (check, config…): its own page instead of hblint's.
        command: Option<String>,
    },
}

#[derive(clap::Args, Debug)]
pub struct ServerArgs {
    #[command(flatten)]
    pub settings: SettingsArgs,
    /// Accepted for clients that pass it (VS Code's language client): stdio is the only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[derive(clap::Args, Debug)]
pub struct ConfigArgs {
    /// The folder or file whose settings to show.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// text (one setting a line, its origin after '#') or json.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ConfigFormat,
    /// The settings as `check` with the same options would use them.
    #[command(flatten)]
    pub settings: SettingsArgs,
}

/// The options that set what the configuration files set, shared by `check` and `config` so
/// that `hblint config` shows what `check` with the same options uses.
#[derive(clap::Args, Debug, Clone)]
pub struct SettingsArgs {
    /// Run only these rules: codes, code prefixes, names, groups or ALL, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these rules: codes, code prefixes, names or groups, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Load this rule pack (a TOML file) in addition to the shipped ones (repeatable).
    #[arg(long = "pack", value_name = "PATH")]
    pub packs: Vec<PathBuf>,
    /// Exit 1 only for findings at or above this severity [default: warning, or the config's fail-on].
    #[arg(long, value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Use this config file (and what it extends) for every file instead of the nearest
    /// hblint.toml and those above it.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

impl SettingsArgs {
    /// What the options change over the configuration files.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            packs: self.packs.clone(),
            fail_on: self.fail_on,
        }
    }
}

/// The formats `hblint config` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ConfigFormat {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct LadderArgs {
    /// Files or directories holding job-family pages (under a `job-families/` folder).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Write to this file instead of stdout; `.html` and `.json` choose the format.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// table (terminal), json, or html (a self-contained page) [default: from -o, else table].
    #[arg(long, value_enum)]
    pub format: Option<LadderFormat>,
    /// Where the pages are served: levels link to BASE_URL + route + #heading ('' for bare routes).
    #[arg(long, default_value = "https://handbook.gitlab.com")]
    pub base_url: String,
    /// Use this config file for every page instead of the nearest hblint.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Count findings of only these rules (as `check --select`).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not count findings of these rules (as `check --ignore`).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
}

/// The formats `hblint ladder` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LadderFormat {
    Table,
    Json,
    Html,
}

#[derive(clap::Args, Debug, Clone)]
pub struct CheckArgs {
    /// Files or directories to lint ('-' reads stdin). Directories are walked respecting .gitignore.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, default_value = FORMATS[0].name, value_parser = format_parser())]
    pub format: &'static Format,
    #[command(flatten)]
    pub settings: SettingsArgs,
    /// The file name to report for text read from stdin.
    #[arg(long)]
    pub stdin_filename: Option<PathBuf>,
    /// Exclude the files the config's `exclude` matches even when named on the command line
    /// (for pre-commit hooks and editors, which name files one by one).
    #[arg(long)]
    pub force_exclude: bool,
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
    /// With --changed-since: report only findings the merge-base version of each changed file
    /// does not have, by fingerprint, as GitLab's Code Quality widget tells new from old.
    #[arg(long, requires = "changed_since", conflicts_with = "new_only")]
    pub new_findings: bool,
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
    /// Lint with at most N threads (0: one per core, the default); the output is the same
    /// whatever N is.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Do not read or write the result cache (.hblint_cache/). It is off anyway when CI is set.
    #[arg(long)]
    pub no_cache: bool,
    /// Where the result cache is [default: .hblint_cache in the working directory].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Lint, then lint again each file saved in the paths, clearing the screen each time; a
    /// changed configuration lints everything again. Stop with Ctrl-C.
    #[arg(long, conflicts_with_all = ["diff", "write_baseline", "changed_since", "shard", "statistics"])]
    pub watch: bool,
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

/// `--format`: the registered output formats, each with its description for `--help`.
fn format_parser() -> impl TypedValueParser<Value = &'static Format> {
    PossibleValuesParser::new(FORMATS.iter().map(|f| PossibleValue::new(f.name).help(f.description)))
        .map(|name| Format::from_name(&name).unwrap_or(&FORMATS[0]))
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
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
