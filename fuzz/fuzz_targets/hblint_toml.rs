//! Reads any text as `hblint.toml`: a located error or settings, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let overrides = hblint::config::Overrides::default();
    if let Err(error) = hblint::config::settings(Some((Path::new("hblint.toml"), text)), &overrides) {
        let _ = error.to_string();
    }
});
