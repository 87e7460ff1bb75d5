//! Inclusive-language rules: what the handbook's job-family CI job checks besides structure
//! (gender-coded words, gendered pronouns, misused terms, fixed-mindset words).

pub mod il003_gendered_pronoun;
pub mod il004_misused_term;
pub mod il007_stale_skip_entry;
pub mod misused_terms;
pub mod page_scope;
pub mod skip_list;
