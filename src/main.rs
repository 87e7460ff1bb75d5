//! The `hblint` binary: parse the command line, call the library, exit with its code.

use std::process::ExitCode;

fn main() -> ExitCode {
    match hblint::cli::parse(std::env::args_os().collect()) {
        Ok(cli) => ExitCode::from(hblint::cli::run(cli)),
        Err(err) => {
            let usage = err.use_stderr();
            let _ = err.print();
            ExitCode::from(if usage { hblint::cli::EXIT_ERROR } else { hblint::cli::EXIT_CLEAN })
        }
    }
}
