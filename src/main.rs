//! The `hblint` binary: parse the command line, call the library, exit with its code.

use std::process::ExitCode;

// Linting allocates many small, short-lived strings and vectors per file on every thread;
// mimalloc's thread-local pools handle that far better than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
