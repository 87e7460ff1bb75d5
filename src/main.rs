//! The `hblint` binary: parse the command line, call the library, exit with its code.

use std::process::ExitCode;

// Linting allocates many small, short-lived strings and vectors per file on every thread;
// mimalloc's thread-local pools handle that far better than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    return_freed_memory_promptly();
    match hblint::cli::parse(std::env::args_os().collect()) {
        Ok(cli) => ExitCode::from(hblint::cli::run(cli)),
        Err(err) => {
            let usage = err.use_stderr();
            let _ = err.print();
            ExitCode::from(if usage { hblint::cli::EXIT_ERROR } else { hblint::cli::EXIT_CLEAN })
        }
    }
}

/// mimalloc gives freed memory back to the system a second after it is freed (its
/// `purge_delay`); a run frees as fast as it allocates, so memory freed within that second made
/// up a third of the peak on the handbook. 10 ms (mimalloc 2's default) costs no measurable
/// time. The crate binds no constant for the option, so its index in mimalloc 3's `mi_option_e`
/// is checked against the option's default before it is set: another version is left alone.
fn return_freed_memory_promptly() {
    const PURGE_DELAY: std::ffi::c_int = 15;
    const DEFAULT_PURGE_DELAY_MS: std::ffi::c_long = 1000;
    unsafe extern "C" {
        fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    // SAFETY: both functions only read or write mimalloc's option table; an index within it
    // (15 is, in every mimalloc version) is never out of bounds.
    unsafe {
        if mi_option_get(PURGE_DELAY) == DEFAULT_PURGE_DELAY_MS {
            mi_option_set(PURGE_DELAY, 10);
        }
    }
}
