//! Reads any text as one of the handbook's data files the rules read, the first byte choosing
//! which: `redirects.yml`, `misused_terms.yml`, `inclusiveness_check.yml`, `job_families.yml`.
//! A located error or the data, never a panic.
#![no_main]

use hblint::config::{handbook, site};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let error = match selector % 4 {
        0 => site::parse_redirects(Path::new("data/redirects.yml"), text).err(),
        1 => handbook::parse_misused_terms(Path::new("data/misused_terms.yml"), text).err(),
        2 => {
            handbook::parse_skip_list(Path::new("data/inclusiveness_check.yml"), text, PathBuf::from("/handbook")).err()
        }
        _ => handbook::parse_job_families(Path::new("data/job_families.yml"), text).err(),
    };
    if let Some(error) = error {
        drop(error.to_string());
    }
});
