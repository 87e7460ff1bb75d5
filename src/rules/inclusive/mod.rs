//! Inclusive-language rules: what the handbook's job-family CI job checks besides structure
//! (gender-coded words, gendered pronouns, misused terms, fixed-mindset words).

pub mod coded;
pub mod coded_words;
pub mod il001_masculine_coded_language;
pub mod il002_gender_coded_word;
pub mod il003_gendered_pronoun;
pub mod il004_misused_term;
pub mod il005_fixed_mindset_language;
pub mod il006_mindset_coded_word;
pub mod il007_stale_skip_entry;
pub mod mindset_words;
pub mod misused_terms;
pub mod page_scope;
pub mod skip_list;
