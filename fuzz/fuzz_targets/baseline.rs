//! Reads any bytes as a baseline file: a located error or a baseline, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut file = tempfile::NamedTempFile::new().expect("temporary file");
    std::io::Write::write_all(&mut file, data).expect("write");
    match hblint::baseline::Baseline::load(file.path()) {
        Ok(baseline) => drop(baseline.contains("0123456789abcdef")),
        Err(error) => drop(error.to_string()),
    }
});
