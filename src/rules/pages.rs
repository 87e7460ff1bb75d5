//! The `pages` parameter of the rules that check job-family pages by default (the inclusive-
//! language rules, which is what the handbook's CI job checked, and the structure rules that
//! make sense anywhere): `job-family`, or `all` for every page.

use super::{Param, Params};
use crate::page::Page;

/// The `pages` parameter: `job-family` (default) or `all`.
pub const PAGES: Param = Param::choice(
    "pages",
    &["job-family", "all"],
    "job-family",
    "which pages the rule checks: job-family pages, or all pages",
);

/// Whether a rule configured with `params` (which declare [`PAGES`]) checks `page`.
pub fn applies(page: &Page<'_>, params: &Params) -> bool {
    page.job.is_some() || params.text(&PAGES) == "all"
}
