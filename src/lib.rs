//! hblint: a Markdown linter that understands handbook job-family pages.
//!
//! The pipeline: walk → parse → page model → rules → diagnostics → output.
//! [`lint_source`] runs one file through the middle of it and is what tests call.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod fingerprint;
pub mod fix;
pub mod git;
pub mod linter;
pub mod output;
pub mod page;
pub mod paths;
pub mod rules;
pub mod run;
pub mod source;
pub mod suppression;
pub mod walk;

pub use linter::{FileReport, Linter, lint_source};
