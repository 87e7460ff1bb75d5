//! Inclusive-language rules: what the handbook's job-family CI job checks besides structure
//! (gender-coded words, gendered pronouns, misused terms, fixed-mindset words).
