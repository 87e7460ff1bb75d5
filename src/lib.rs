//! hblint: a Markdown linter that understands handbook job-family pages.
//!
//! The pipeline, one module a stage, data flowing one way:
//!
//! ```text
//! walk/git → source → page (one comrak parse) → rules → linter (suppression, fingerprints) → output
//!              ▲ leaves: source, paths, error, diagnostic::severity (import nothing of the crate)
//! ```
//!
//! [`lint_source`] runs one file through the middle of it and is what tests call. Where to add a
//! rule (`rules/<group>/`, one line in `rules/registry.rs`), a rule parameter (a `Param` beside
//! the rule's `META`), a pack kind (`rules/pack/kinds/`, one line in `KINDS`), an output format
//! (`output/`, one line in `FORMATS`) or a configuration key (`config/mod.rs`'s `RawConfig`):
//! see `ARCHITECTURE.md` at the repository root, which `tests/architecture.rs` keeps honest.

pub mod baseline;
pub mod cache;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod fingerprint;
pub mod fix;
pub mod git;
pub mod hash;
pub mod linter;
pub mod output;
pub mod page;
pub mod paths;
pub mod rendering;
pub mod rules;
pub mod run;
pub mod server;
pub mod site;
pub mod source;
pub mod suppression;
pub mod walk;

pub use linter::{FileReport, Linter, lint_source};
