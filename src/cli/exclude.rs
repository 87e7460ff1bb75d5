//! `exclude` applied to a run's inputs: a walked or changed file a configuration excludes is not
//! linted; a file named on the command line is, unless `--force-exclude` (which pre-commit hooks
//! need: they name every staged file) says to exclude it too, as ruff does.

use crate::config::Resolver;
use crate::run::Input;
use std::collections::HashSet;
use std::path::PathBuf;

/// Drops the inputs the configuration of their folder excludes. `named` are the paths given
/// on the command line; `force` is `--force-exclude`. Text from stdin is named by
/// `--stdin-filename` and excluded only with `--force-exclude`.
pub(super) fn without_excluded(
    mut inputs: Vec<Input>,
    named: &[PathBuf],
    force: bool,
    resolver: &mut Resolver,
) -> Vec<Input> {
    let named: HashSet<&PathBuf> = if force { HashSet::new() } else { named.iter().filter(|p| !p.is_dir()).collect() };
    // In place: the list holds every file of the handbook.
    inputs.retain(|input| {
        // A broken configuration excludes nothing here: the file is kept, and the run reports
        // the configuration once for all the files it governs (see `check`).
        let excluded = match input {
            Input::File(path) => !named.contains(path) && resolver.excludes(path).unwrap_or(false),
            Input::Text(name, _) => force && resolver.excludes(name).unwrap_or(false),
        };
        !excluded
    });
    inputs
}
