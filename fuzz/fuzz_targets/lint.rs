//! Lints any bytes as a page with every rule on (markdownlint comments inside it included):
//! never a panic, and every finding's span inside the text on character boundaries.
#![no_main]

use hblint::linter::{Linter, lint_source};
use hblint::rules::registry::Registry;
use hblint::source::SourceFile;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::LazyLock;

static EVERY_RULE: LazyLock<Linter> = LazyLock::new(|| Linter::with_rules(Registry::builtin().rules().to_vec()));

fuzz_target!(|data: &[u8]| {
    let Ok(source) = SourceFile::from_bytes(PathBuf::from("page.md"), data.to_vec()) else { return };
    let text = &source.text;
    for finding in lint_source(&source, &EVERY_RULE).diagnostics {
        let span = finding.diagnostic.span;
        let code = finding.diagnostic.rule.code;
        assert!(span.start <= span.end && span.end <= text.len(), "{code}: span {span:?} outside {} bytes", text.len());
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{code}: {span:?} splits a character"
        );
    }
});
