//! Fixes any bytes as a page with every rule on. Properties: the fixes settle (no runaway);
//! fixing twice equals fixing once; the fixed text has no fixable finding left; in each round,
//! the text outside the edited ranges survives, in order.
#![no_main]

use hblint::linter::{Linter, lint_source};
use hblint::rules::registry::Registry;
use hblint::source::SourceFile;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::LazyLock;

static EVERY_RULE: LazyLock<Linter> = LazyLock::new(|| Linter::with_rules(Registry::builtin().rules().to_vec()));

fn source(text: String, bom: bool) -> SourceFile {
    SourceFile::from_text(PathBuf::from("page.md"), text, bom)
}

/// Whether `parts` occur in `text` in order, without overlapping.
fn survives_in_order(text: &str, parts: &[&str]) -> bool {
    let mut at = 0;
    parts.iter().all(|part| match text[at..].find(part) {
        Some(i) => {
            at += i + part.len();
            true
        }
        None => false,
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(original) = SourceFile::from_bytes(PathBuf::from("page.md"), data.to_vec()) else { return };
    // One round by hand: what no fixable finding's edit touches must be there afterwards.
    let findings = lint_source(&original, &EVERY_RULE).diagnostics;
    let mut edited: Vec<(usize, usize)> = findings
        .iter()
        .filter_map(|f| f.diagnostic.fix.as_ref())
        .flatten()
        .map(|e| (e.span.start, e.span.end))
        .collect();
    edited.sort_unstable();
    let text = &original.text;
    let mut untouched = Vec::new();
    let mut at = 0;
    for (start, end) in edited {
        if start > at {
            untouched.push(&text[at..start]);
        }
        at = at.max(end);
    }
    untouched.push(&text[at.min(text.len())..]);
    let (round, _) = hblint::fix::apply(text, &findings);
    assert!(survives_in_order(&round, &untouched), "a fix removed text no edit touched");

    let once = match hblint::fix::fix_source(&original, &EVERY_RULE) {
        Ok(fixed) => fixed,
        Err(runaway) => panic!("{runaway}"),
    };
    let left: Vec<&str> =
        once.remaining.iter().filter(|f| f.diagnostic.fix.is_some()).map(|f| f.diagnostic.rule.code).collect();
    assert!(left.is_empty(), "fixable findings left after --fix: {left:?}");
    let twice = hblint::fix::fix_source(&source(once.text.clone(), original.bom), &EVERY_RULE).expect("settles");
    assert_eq!(twice.text, once.text, "a second --fix changes more");
});
