//! Reads any text as a rule pack and, when it loads, lints a page with its rules and fixes it
//! twice: never a panic, and a pack's fixes settle.
#![no_main]

use hblint::linter::{Linter, lint_source};
use hblint::rules::Rule;
use hblint::source::SourceFile;
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

const PAGE: &str = "# Notes\n\nWork with Gitlab and the the team member, e-mail and whitelist.\n\n\
    * GitLabber `gitlab` stays\n* ALL CAPS GITLAB\n\n\"Gitlab Internal\" [gitlab](https://gitlab.com)\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let pack = match hblint::rules::pack::parse(Path::new("pack.toml"), text) {
        Ok(pack) => pack,
        Err(error) => return drop(error.to_string()),
    };
    {
        let rules: Vec<&'static dyn Rule> = pack.rules.iter().map(|&r| r as &'static dyn Rule).collect();
        let linter = Linter::with_rules(rules);
        let page = SourceFile::from_text(PathBuf::from("page.md"), PAGE.to_string(), false);
        lint_source(&page, &linter);
        // A pack's fix may grow the text (a replacement holding its key); --fix must stop, not blow up.
        if let Ok(once) = hblint::fix::fix_source(&page, &linter) {
            assert!(once.text.len() <= 64 * 1024 + PAGE.len() * 1024, "fixed page of {} bytes", once.text.len());
        }
    }
    // A pack's rules are leaked (loaded once per run, `&'static` like the built-in ones); loaded
    // here a million times, they are freed once nothing built with them is left.
    // SAFETY: the linter, the page's findings and the fixed text are dropped above.
    unsafe { pack.release() };
});
