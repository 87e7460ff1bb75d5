//! One golden file per output format, `tests/golden/<format name>.<extension>`, for every format
//! registered in `output::FORMATS`: registering a format without a golden file fails here.
//! `HBLINT_BLESS=1 cargo test --test output` rewrites them.

use assert_cmd::Command;
use hblint::output::FORMATS;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn hblint() -> Command {
    let mut cmd = Command::cargo_bin("hblint").expect("binary");
    cmd.current_dir(root()).args(["check", "--color", "never"]);
    cmd
}

/// The goldens show one rule's findings (how each format writes findings, labels and help): they
/// stay the same when other rules, such as the page-schema ones, also fire on the fixture.
const ONE_RULE: [&str; 2] = ["--select", "JF004"];

const FIXTURE: [&str; 2] =
    ["fixtures/JF004-inherited-duplicate-bullet/bad.md", "fixtures/JF004-inherited-duplicate-bullet/good.md"];

/// The golden file of a format: the one file in tests/golden named after it.
fn golden_path(format: &str) -> PathBuf {
    let dir = root().join("tests/golden");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/golden exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.file_stem().and_then(|s| s.to_str()) == Some(format))
        .collect();
    assert_eq!(found.len(), 1, "exactly one golden file for format '{format}' in {}: {found:?}", dir.display());
    found.remove(0)
}

#[test]
fn every_registered_format_matches_its_golden_file() {
    assert!(FORMATS.len() >= 7, "the formats are registered");
    for format in FORMATS {
        let output = hblint().args(["--format", format.name]).args(ONE_RULE).args(FIXTURE).output().expect("runs");
        assert_eq!(output.status.code(), Some(1), "{}: {}", format.name, String::from_utf8_lossy(&output.stderr));
        let actual = String::from_utf8(output.stdout).expect("utf-8 output");
        let path = golden_path(format.name);
        if std::env::var_os("HBLINT_BLESS").is_some() {
            std::fs::write(&path, &actual).expect("write golden");
            continue;
        }
        let expected = std::fs::read_to_string(&path).expect("golden file exists");
        assert_eq!(actual, expected, "--format {} differs from {}", format.name, path.display());
    }
}

#[test]
fn every_file_format_writes_the_same_report_with_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    for format in FORMATS.iter().filter(|f| !f.terminal) {
        let report = dir.path().join(format!("report.{}", format.name));
        let value = format!("{}={}", format.name, report.display());
        hblint().args(["--format", format.name, "-o", &value]).args(ONE_RULE).args(FIXTURE).assert().code(1);
        let expected = std::fs::read_to_string(golden_path(format.name)).expect("golden file exists");
        assert_eq!(std::fs::read_to_string(&report).expect("report written"), expected, "-o {value}");
    }
}

#[test]
fn format_names_come_from_the_registration() {
    let output = hblint().args(["--format", "no-such-format", "x.md"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let names: Vec<&str> = FORMATS.iter().map(|f| f.name).collect();
    assert!(stderr.contains(&format!("[possible values: {}]", names.join(", "))), "{stderr}");
    let output = hblint().args(["--output", "report.txt", "x.md"]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let file_names: Vec<&str> = FORMATS.iter().filter(|f| !f.terminal).map(|f| f.name).collect();
    assert!(stderr.contains(&format!("(formats: {})", file_names.join(", "))), "{stderr}");
}

#[test]
fn empty_reports_are_complete_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("clean.md"), "# Clean\n\nNothing to see.\n").expect("write");
    for (format, empty) in [("json", "[]\n"), ("gitlab", "[]\n"), ("concise", "")] {
        let output = hblint().current_dir(dir.path()).args(["--format", format, "clean.md"]).output().expect("runs");
        assert_eq!(String::from_utf8_lossy(&output.stdout), empty, "--format {format}");
    }
    let output = hblint().current_dir(dir.path()).args(["--format", "sarif", "clean.md"]).output().expect("runs");
    let sarif: Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    assert_eq!(sarif["runs"][0]["results"], Value::Array(Vec::new()));
    let output = hblint().current_dir(dir.path()).args(["--format", "junit", "clean.md"]).output().expect("runs");
    let junit = String::from_utf8_lossy(&output.stdout);
    assert!(junit.contains("tests=\"1\" failures=\"0\"") && junit.ends_with("</testsuites>\n"), "{junit}");
}

#[test]
fn sarif_rule_indexes_point_at_their_rules() {
    // Every fixture, so many rules report; each result's ruleIndex must name its ruleId.
    let output = hblint().args(["--format", "sarif", "fixtures"]).output().expect("runs");
    let sarif: Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(results.len() > 50, "fixtures give many findings, got {}", results.len());
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "{result}");
    }
}

#[test]
fn sarif_lists_a_rule_a_page_turns_on_and_indexes_after_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(".markdownlint.json"), r#"{ "default": false, "MD009": true }"#).expect("write");
    // The first page's trailing spaces (MD009) are written before the second page turns MD001
    // on, which sorts before MD009 and moves its index.
    std::fs::write(dir.path().join("a.md"), "# Title\n\nTrailing   \n").expect("write");
    let page = "# Title\n\n<!-- markdownlint-configure-file { \"MD001\": true } -->\n\n### Skips\n\nTrailing   \n";
    std::fs::write(dir.path().join("b.md"), page).expect("write");
    let output = hblint().current_dir(dir.path()).args(["--format", "sarif", "a.md", "b.md"]).output().expect("runs");
    let sarif: Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let ids: Vec<&str> =
        results.iter().filter_map(|r| r["ruleId"].as_str()).filter(|id| id.starts_with("MD")).collect();
    assert_eq!(ids, ["MD009", "MD001", "MD009"], "{results:?}");
    assert!(rules.iter().any(|r| r["id"] == "MD001"), "the rule the page turned on is listed");
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "{result}");
    }
}
