//! Reads any bytes as a baseline file: a located error or a baseline, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut file = tempfile::NamedTempFile::new().expect("temporary file");
    std::io::Write::write_all(&mut file, data).expect("write");
    match hblint::baseline::Baseline::load(file.path()) {
        Ok(baseline) => {
            let found = baseline.take("page.md", "0123456789abcdef0123456789abcdef");
            let linted: std::collections::HashSet<String> = ["page.md".to_string()].into();
            assert!(baseline.gone(&linted) <= baseline.len() - usize::from(found));
        }
        Err(error) => drop(error.to_string()),
    }
});
