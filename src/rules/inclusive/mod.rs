//! Inclusive-language rules: what the handbook's job-family CI job checks besides structure
//! (gender-coded words, gendered pronouns, misused terms, fixed-mindset words).

pub mod coded;
pub mod coded_words;
pub mod fixed_mindset_language;
pub mod gender_coded_word;
pub mod masculine_coded_language;
pub mod mindset_coded_word;
pub mod mindset_words;
