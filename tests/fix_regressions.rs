//! Fuzzing's findings on `--fix` (issue 15), each kept as a test: fixing twice changes nothing
//! more than fixing once, spans stay inside the text on character boundaries, and a fix that
//! never settles stops the run for that file instead of growing it.

use assert_cmd::Command;
use hblint::linter::{Linter, lint_source};
use hblint::rules::registry::Registry;
use hblint::source::SourceFile;
use predicates::prelude::*;
use std::path::PathBuf;

/// Every rule, as `--select ALL` runs them.
fn every_rule() -> Linter {
    Linter::with_rules(Registry::builtin().rules().to_vec())
}

fn source(text: &str) -> SourceFile {
    SourceFile::from_text(PathBuf::from("page.md"), text.to_string(), false)
}

/// Fixes `text`, checks that a second fix does nothing and that every span of every finding,
/// before and after, is inside the text on character boundaries; returns the fixed text.
fn fix_settles(text: &str, linter: &Linter) -> String {
    for finding in lint_source(&source(text), linter).diagnostics {
        let span = finding.diagnostic.span;
        let code = finding.diagnostic.rule.code;
        assert!(span.end <= text.len(), "{code}: span {span:?} past the end of {text:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{code}: {span:?} in {text:?}");
    }
    let fixed = hblint::fix::fix_source(&source(text), linter).expect("fixes settle");
    let left: Vec<&str> =
        fixed.remaining.iter().filter(|f| f.diagnostic.fix.is_some()).map(|f| f.diagnostic.rule.code).collect();
    assert!(left.is_empty(), "fixable findings left after fixing {text:?}: {left:?}");
    let once = fixed.text;
    let twice = hblint::fix::fix_source(&source(&once), linter).expect("fixes settle");
    assert_eq!(twice.text, once, "a second fix of {text:?} changes more");
    assert_eq!(twice.applied, 0, "{text:?}");
    once
}

#[test]
fn a_lone_carriage_return_ends_a_line_for_every_rule_and_fixes_keep_it() {
    let linter = every_rule();
    // MD031 added a blank line per round: comrak ended the line at '\r', the line index did not.
    assert_eq!(fix_settles("\r~~~", &linter), "\r~~~\r");
    assert_eq!(fix_settles("\r#\n*\n~~~", &linter), "\r#\n\r*\n\r~~~\r");
    assert_eq!(fix_settles("# T\r\r|a|\r|-|\r> x\r", &linter), "# T\r\r|a|\r|-|\r\r> x\r");
    assert_eq!(fix_settles("> a\r|x|\n|-|\n", &linter), fix_settles(&fix_settles("> a\r|x|\n|-|\n", &linter), &linter));
    // Positions count a lone '\r' as a line end, as markdownlint does.
    let findings = lint_source(
        &source("# T\r\rtext \r"),
        &Linter::with_rules(vec![hblint::rules::registry::find("MD009").unwrap()]),
    )
    .diagnostics;
    assert_eq!(findings.iter().map(|f| (f.start.line, f.start.column)).collect::<Vec<_>>(), vec![(3, 5)]);
}

#[test]
fn md055_spans_stay_inside_a_table_ended_by_carriage_returns() {
    let md055 = Linter::with_rules(vec![hblint::rules::registry::find("MD055").unwrap()]);
    for text in ["|a|b|\r|-|-|\r|c", "a|b\r-|-\rc|d|\r", "|a|\r|-|\r|b"] {
        fix_settles(text, &md055);
    }
}

#[test]
fn md034_reports_an_address_angle_brackets_would_not_link_without_a_fix() {
    let linter = Linter::with_rules(vec![hblint::rules::registry::find("MD034").unwrap()]);
    // GFM links `r@.c`; `<r@.c>` is no autolink, so wrapping it doubled the brackets each run.
    let findings = lint_source(&source("r@.c\n"), &linter).diagnostics;
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].diagnostic.message, "bare URL 'r@.c'");
    assert!(findings[0].diagnostic.fix.is_none());
    assert_eq!(fix_settles("r@.c\n<<r@.c>>\n", &linter), "r@.c\n<<r@.c>>\n");
    // Found by fuzzing: a control character makes `<…>` no autolink, and GFM's link then takes
    // the closing '>' in; wrapping it added a '<' and a '>' each round.
    let text = "See <https://about.gi\u{6}tlab.com> or write to <h nice@gitlab.com>.\n";
    assert_eq!(fix_settles(text, &linter), "See <https://about.gi\u{6}tlab.com> or write to <h <nice@gitlab.com>>.\n");
    assert_eq!(
        fix_settles("Mail a.b@example.com or see https://x.org.\n", &linter),
        "Mail <a.b@example.com> or see <https://x.org>.\n"
    );
}

#[test]
fn md030_offers_no_fix_that_would_make_the_item_indented_code() {
    let mut wide = Linter::with_rules(vec![hblint::rules::registry::find("MD030").unwrap()]);
    wide.set_options("MD030", serde_json::json!({"ul_single": 5}));
    let findings = lint_source(&source("- a\n"), &wide).diagnostics;
    assert_eq!(findings[0].diagnostic.message, "1 space after list marker '-'; expected 5");
    assert!(findings[0].diagnostic.fix.is_none());
    assert_eq!(fix_settles("- a\n-      code\n", &wide), "- a\n-      code\n");
    let mut three = Linter::with_rules(vec![hblint::rules::registry::find("MD030").unwrap()]);
    three.set_options("MD030", serde_json::json!({"ul_single": 3}));
    // The second item starts with indented code: one space is all the parser sees, and more
    // spaces would not change that.
    assert_eq!(fix_settles("- a\n-      code\n", &three), "-   a\n-      code\n");
}

#[test]
fn md020_reports_on_character_boundaries_and_inserts_only_the_missing_space() {
    let md020 = Linter::with_rules(vec![hblint::rules::registry::find("MD020").unwrap()]);
    let text = "# \u{a0}#\n";
    let findings = lint_source(&source(text), &md020).diagnostics;
    assert_eq!((findings[0].start.column, findings[0].end.column), (3, 5));
    assert_eq!(fix_settles(text, &md020), "# \u{a0} #\n");
    // The rest of the line (MD021's runs of spaces, trailing blanks) is left as written.
    assert_eq!(fix_settles("#Title   ##  \n", &md020), "# Title   ##  \n");
    assert_eq!(fix_settles("##  Title##\n", &md020), "##  Title ##\n");
    assert_eq!(fix_settles("# Foo\\##\n", &md020), "# Foo \\# #\n");
}

#[test]
fn fix_stops_and_says_so_when_the_fixes_keep_growing_the_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("echo.toml");
    std::fs::write(
        &pack,
        "[pack]\nname = \"echo\"\nprefix = \"EC\"\n\n[[rule]]\ncode = \"EC1\"\nname = \"say-it-twice\"\n\
         kind = \"substitution\"\nseverity = \"warning\"\nscope = \"text\"\nmessage = \"'{match}': write '{replacement}'\"\n[rule.swap]\ncat = \"cat cat\"\n",
    )
    .expect("write");
    let page = dir.path().join("page.md");
    let original = "# Pets\n\nA cat.\n";
    std::fs::write(&page, original).expect("write");
    // The finding is reported as the page has it, and the summary says why the page was not
    // fixed (it was read: saying "could not be read" would send the user to the wrong place).
    Command::cargo_bin("hblint")
        .expect("binary")
        .args(["check", "--fix", "--select", "EC1", "--pack"])
        .arg(&pack)
        .arg(&page)
        .env("NO_COLOR", "1")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("warning[EC1]: 'cat': write 'cat cat'\n  ┌─ "))
        .stdout(predicate::str::contains(
            "1 problem (0 errors, 1 warning) in 1 file (1 checked); 1 file could not be fixed (fixes that never settle)",
        ))
        .stdout(predicate::str::contains("could not be read").not())
        .stderr(predicate::str::contains(
            "page.md: --fix stopped, file left unchanged: the fixes by EC1 still grow the text after 10 rounds \
             (15 → 4107 bytes); those fixes never settle (fix this file by hand)",
        ));
    assert_eq!(std::fs::read_to_string(&page).expect("read"), original);
    // --diff shows no diff for it and fails the same way; fixing stdin gives the text back as
    // it came (an editor replaces its buffer with what it reads).
    Command::cargo_bin("hblint")
        .expect("binary")
        .args(["check", "--diff", "--select", "EC1", "--pack"])
        .arg(&pack)
        .arg(&page)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--fix stopped, file left unchanged"));
    Command::cargo_bin("hblint")
        .expect("binary")
        .args(["check", "--fix", "--select", "EC1", "--stdin-filename", "page.md", "--pack"])
        .arg(&pack)
        .arg("-")
        .write_stdin(original)
        .assert()
        .code(2)
        .stdout(original)
        .stderr(predicate::str::contains("--fix stopped, file left unchanged"));
}

/// Every input a fuzz run found wrong, kept in `fuzz/regressions/` (lint and fix): linted with
/// every rule and fixed, in this debug build with overflow checks, as the fuzz targets do. So
/// `cargo test` catches a known crash without building the fuzzers.
#[test]
fn every_committed_fuzz_regression_lints_and_fixes() {
    let linter = every_rule();
    let mut checked = 0;
    for target in ["lint", "fix"] {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
        let mut inputs: Vec<PathBuf> =
            std::fs::read_dir(&dir).expect("fuzz/regressions is committed").map(|e| e.expect("entry").path()).collect();
        inputs.sort();
        for input in inputs {
            let Ok(source) = SourceFile::from_bytes(input.clone(), std::fs::read(&input).expect("readable")) else {
                continue;
            };
            fix_settles(&source.text, &linter);
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} regression inputs read");
}

/// MD027 and MD005 undo each other on a list in a quote after another list: MD027 takes the
/// second space after '>', MD005 puts it back to align the item with the list before it. The
/// rounds came back to the page as it was, "fixed 10 problems" and left MD027 fixable; now the
/// cycle is seen, nothing is claimed, and both rules' findings are reported without a fix.
#[test]
fn fixes_that_undo_each_other_stop_and_are_reported_without_a_fix() {
    let text = "1)\n>  1)\n>1)";
    let fixed = hblint::fix::fix_source(&source(text), &every_rule()).expect("no runaway");
    let md027: Vec<_> = fixed.remaining.iter().filter(|f| f.diagnostic.rule.code == "MD027").collect();
    assert_eq!(md027.len(), 1, "{:?}", fixed.text);
    assert!(md027[0].diagnostic.fix.is_none());
    assert!(fixed.text.contains(">  1)"), "the quote keeps its two spaces: {:?}", fixed.text);
    assert_eq!(fix_settles(text, &every_rule()), fixed.text);
}
