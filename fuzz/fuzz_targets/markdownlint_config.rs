//! Reads any text as a markdownlint configuration, the first byte choosing the file name (so
//! the format: JSON, JSONC, YAML, markdownlint-cli2's JSONC and YAML), then lints a page with it
//! as the CLI does: never a panic.
#![no_main]

use hblint::linter::lint_source;
use hblint::source::SourceFile;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

const NAMES: [&str; 6] = [
    ".markdownlint.json",
    ".markdownlint.jsonc",
    ".markdownlint.yaml",
    ".markdownlint.yml",
    ".markdownlint-cli2.jsonc",
    ".markdownlint-cli2.yaml",
];

const PAGE: &str = "#Title\n\n* one\n+ two\n\nSee https://example.com  \n\n|a|b|\n|-|\n";

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(NAMES[selector as usize % NAMES.len()]);
    std::fs::write(&path, rest).expect("write");
    let config = match hblint::config::markdownlint::load(&path) {
        Ok(config) => config,
        Err(error) => return drop(error.to_string()),
    };
    let merged = hblint::config::merge::Merged::from_layers(Vec::new());
    let overrides = hblint::config::Overrides::default();
    if let Ok(settings) = hblint::config::settings_with(merged, Some(&config), &overrides) {
        let page = SourceFile::from_text(PathBuf::from("page.md"), PAGE.to_string(), false);
        lint_source(&page, &settings.linter);
    }
});
