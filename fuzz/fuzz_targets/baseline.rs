//! Reads any bytes as a baseline file: a located error or a baseline, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut file = tempfile::NamedTempFile::new().expect("temporary file");
    std::io::Write::write_all(&mut file, data).expect("write");
    match hblint::baseline::Baseline::load(file.path()) {
        Ok(baseline) => {
            baseline.mark_linted("other.md");
            let found = baseline.file("page.md").is_some_and(|page| page.take("0123456789abcdef0123456789abcdef"));
            assert!(baseline.gone() <= baseline.len() - usize::from(found));
        }
        Err(error) => drop(error.to_string()),
    }
});
