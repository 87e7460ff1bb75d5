//! The commands about hblint itself rather than pages: `config` (each setting in force and
//! where it came from), `schema` (hblint.toml's JSON Schema), `completions` and `man`
//! (generated from the clap definitions in `args`, so they cannot disagree with `--help`).

use super::args::{Cli, ConfigArgs, ConfigFormat};
use super::{EXIT_CLEAN, EXIT_ERROR, error};
use crate::config::{Resolver, show};
use clap::CommandFactory;
use std::io::Write;

/// `hblint config [PATH]`.
pub(super) fn show(args: ConfigArgs) -> u8 {
    let overrides = args.settings.overrides();
    let mut resolver = Resolver::new(args.settings.config.clone(), overrides.clone());
    let path = &args.path;
    let is_file = match std::fs::metadata(path) {
        Ok(meta) => !meta.is_dir(),
        Err(err) => return error(format!("{}: {}", path.display(), crate::error::describe_io(&err))),
    };
    let resolved = if is_file { resolver.for_file(path) } else { resolver.for_dir(path) };
    let index = match resolved {
        Ok(index) => index,
        Err(err) => return error(err),
    };
    let excluded = match is_file.then(|| resolver.excludes(path)).transpose() {
        Ok(excluded) => excluded,
        Err(err) => return error(err),
    };
    let settings = &resolver.settings[index];
    let entries = show::entries(settings, &overrides);
    let out = match args.format {
        ConfigFormat::Text => show::text(path, settings, &entries, excluded),
        ConfigFormat::Json => show::json(path, settings, &entries, excluded),
    };
    print(out.as_bytes())
}

/// `hblint schema`: with the built-in rules and those of `packs`.
pub(super) fn schema(packs: &[std::path::PathBuf]) -> u8 {
    match crate::rules::registry::Registry::with_packs(packs) {
        Ok(registry) => print(crate::config::schema::json_schema(&registry).as_bytes()),
        Err(err) => error(err),
    }
}

/// `hblint completions SHELL`.
pub(super) fn completions(shell: clap_complete::Shell) -> u8 {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "hblint", &mut script);
    print(&script)
}

/// `hblint man [COMMAND]`: hblint's page, or a command's (`hblint-check`).
pub(super) fn man(command: Option<&str>) -> u8 {
    let cli = Cli::command();
    let page = match command {
        None => cli,
        Some(name) => match cli.find_subcommand(name) {
            // clap takes 'static names (without its `string` feature); this runs once.
            Some(sub) => {
                let page_name: &'static str = Box::leak(format!("hblint-{}", sub.get_name()).into_boxed_str());
                sub.clone().name(page_name).version(env!("CARGO_PKG_VERSION"))
            }
            None => {
                let known: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                return error(format!("no command '{name}' (known: {})", known.join(", ")));
            }
        },
    };
    let mut roff = Vec::new();
    if let Err(err) = clap_mangen::Man::new(page).render(&mut roff) {
        return error(err);
    }
    print(&roff)
}

/// Writes to stdout; a closed pipe (`hblint schema | head`) is the reader's choice.
fn print(bytes: &[u8]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => EXIT_CLEAN,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(err) => {
            eprintln!("hblint: error: cannot write: {err}");
            EXIT_ERROR
        }
    }
}
