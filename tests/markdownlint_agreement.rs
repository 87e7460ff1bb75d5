//! The markdownlint rules' fixtures say what markdownlint itself says: every page under
//! `fixtures/MDxxx-*/` and `fixtures/markdownlint/` is linted by markdownlint-cli2 (npm, pinned
//! below) with the same configuration the fixture test gives hblint, and the (line, rule) pairs
//! it reports must be those of the page's `.expected` file (none for a `good*.md`).
//!
//! - `fixtures/MDxxx-name/page.md` runs that rule alone (`{"default": false, "MDxxx": …}`), with
//!   the parameters of `page.options.json` when there is one;
//! - `fixtures/markdownlint/page.md` runs every rule (`{"default": true}`): pages about what
//!   markdownlint's comments and configure-file comments do.
//!
//! The pages run in one markdownlint-cli2 process: each is copied into a folder of its own with
//! a `.markdownlint.json`, which markdownlint-cli2 applies to the files beside it.
//! A fixture that differs from markdownlint on purpose is listed in `DELIBERATE` with the reason;
//! the rule's `hblint explain` text says the same.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The markdownlint-cli2 release the fixtures agree with (markdownlint 0.42.1; it declares Node 22 but runs on Node 20).
const MARKDOWNLINT_CLI2: &str = "markdownlint-cli2@0.24.1";

/// Fixture pages whose findings differ from markdownlint's on purpose: (path under fixtures/,
/// why). Each reason is in the rule's docs too.
const DELIBERATE: &[(&str, &str)] = &[
    (
        "MD009-no-trailing-spaces/good-nbsp-off.md",
        "`nbsp` is hblint's own parameter: markdownlint always counts a trailing no-break space",
    ),
    (
        "MD052-reference-links-images/bad-code-span-label.md",
        "markdownlint misses an undefined label when the link text holds a code span",
    ),
];

fn skip(why: &str) {
    assert!(std::env::var("CI").is_err(), "cannot run under CI: {why}");
    eprintln!("skipped: {why}");
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// One fixture page and the markdownlint configuration it runs with.
struct Case {
    /// Under fixtures/, e.g. `MD040-fenced-code-language/bad-allowed-languages.md`.
    name: String,
    page: PathBuf,
    config: serde_json::Value,
    /// The (line, rule) pairs hblint's fixture expects.
    expected: BTreeSet<(usize, String)>,
    /// The rule the page is about; `None`: every rule.
    rule: Option<String>,
}

fn cases() -> Vec<Case> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&fixtures).expect("fixtures/").flatten().map(|e| e.path()).collect();
    dirs.sort();
    let mut cases = Vec::new();
    for dir in dirs {
        let dir_name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let code = dir_name.split('-').next().unwrap_or_default().to_string();
        let every_rule = dir_name == "markdownlint";
        let one_rule = code.starts_with("MD") && code.len() == 5;
        if !(every_rule || one_rule) {
            continue;
        }
        let mut pages: Vec<PathBuf> =
            std::fs::read_dir(&dir).expect("fixture dir").flatten().map(|e| e.path()).collect();
        pages.sort();
        for page in pages {
            let file_name = page.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            if !file_name.ends_with(".md") || file_name.ends_with(".fixed.md") {
                continue;
            }
            let options = page.with_extension("options.json");
            let config = if every_rule {
                serde_json::json!({"default": true})
            } else {
                let options: serde_json::Value = match std::fs::read_to_string(&options) {
                    Ok(text) => serde_json::from_str(&text).expect("options.json"),
                    Err(_) => serde_json::Value::Bool(true),
                };
                // MD034 only makes markdownlint parse the page: MD052 and MD053 read a parse
                // that markdownlint makes only for other rules, and alone report nothing.
                serde_json::json!({"default": false, "MD034": true, code.clone(): options})
            };
            let expected = std::fs::read_to_string(page.with_extension("expected"))
                .unwrap_or_default()
                .lines()
                .filter_map(|line| {
                    let (place, rest) = line.split_once(' ')?;
                    let line_number = place.split(':').next()?.parse().ok()?;
                    let rule = rest.split(' ').next()?.to_string();
                    Some((line_number, rule))
                })
                .collect();
            let rule = (!every_rule).then(|| code.clone());
            cases.push(Case { name: format!("{dir_name}/{file_name}"), page, config, expected, rule });
        }
    }
    cases
}

#[test]
fn every_markdownlint_fixture_expects_what_markdownlint_cli2_reports() {
    let program = match common::npm::npm_tool("markdownlint-cli2", MARKDOWNLINT_CLI2, "markdownlint-cli2") {
        Ok(program) => program,
        Err(why) => return skip(&why),
    };
    let cases = cases();
    assert!(cases.len() > 100, "found only {} markdownlint fixture pages", cases.len());
    let work = tempfile::tempdir().expect("tempdir");
    for (i, case) in cases.iter().enumerate() {
        let folder = work.path().join(format!("{i:04}"));
        std::fs::create_dir(&folder).expect("case folder");
        std::fs::copy(&case.page, folder.join("page.md")).expect("copy the page");
        std::fs::write(folder.join(".markdownlint.json"), case.config.to_string()).expect("write its config");
    }
    std::fs::write(
        work.path().join(".markdownlint-cli2.jsonc"),
        r#"{"gitignore": false, "noBanner": true, "noProgress": true}"#,
    )
    .expect("write the cli2 options");
    let output =
        Command::new(&program).arg("**/*.md").current_dir(work.path()).output().expect("run markdownlint-cli2");
    // `0004/page.md:12:3 error MD040/fenced-code-language …`
    let report = String::from_utf8_lossy(&output.stderr);
    let mut reported: Vec<BTreeSet<(usize, String)>> = vec![BTreeSet::new(); cases.len()];
    for line in report.lines() {
        let Some((folder, rest)) = line.split_once("/page.md:") else { continue };
        let Ok(index) = folder.parse::<usize>() else { continue };
        let Some(line_number) = rest.split([':', ' ']).next().and_then(|n| n.parse().ok()) else { continue };
        let Some(rule) = rest.split_whitespace().find(|w| w.starts_with("MD")).and_then(|w| w.split('/').next()) else {
            continue;
        };
        if cases.get(index).is_some_and(|case| case.rule.as_ref().is_none_or(|r| r == rule)) {
            reported[index].insert((line_number, rule.to_string()));
        }
    }
    assert!(
        output.status.code() == Some(1) || output.status.code() == Some(0),
        "markdownlint-cli2 failed:\n{}",
        text(&output)
    );
    let mut failures = Vec::new();
    for (case, reported) in cases.iter().zip(&reported) {
        if DELIBERATE.iter().any(|(name, _)| *name == case.name) {
            if *reported == case.expected {
                failures.push(format!("{}: listed as a deliberate difference but agrees now", case.name));
            }
            continue;
        }
        if *reported != case.expected {
            let only = |a: &BTreeSet<(usize, String)>, b: &BTreeSet<(usize, String)>| {
                a.difference(b).map(|(l, r)| format!("{l} {r}")).collect::<Vec<_>>().join(", ")
            };
            failures.push(format!(
                "{}: markdownlint only: [{}]; fixture only: [{}]",
                case.name,
                only(reported, &case.expected),
                only(&case.expected, reported)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixture pages disagree with markdownlint:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
