//! markdownlint compatibility: its configuration files and inline comments.

use assert_cmd::Command;
use std::path::Path;

fn codes(dir: &Path, args: &[&str]) -> Vec<String> {
    let output = Command::cargo_bin("hblint")
        .expect("binary")
        .args(args)
        .args(["--format", "json"])
        .arg(dir)
        .output()
        .expect("runs");
    let items: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    items
        .as_array()
        .expect("array")
        .iter()
        .map(|i| format!("{}:{}", i["code"].as_str().unwrap_or(""), i["line"]))
        .collect()
}

const PAGE: &str = "# Title\n\nTrailing spaces   \n\n### Skips a level\n\n## Full-width question？\n";

#[test]
fn without_a_markdownlint_config_md_rules_are_off_unless_selected() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("page.md"), PAGE).expect("write");
    assert!(codes(dir.path(), &[]).iter().all(|c| !c.starts_with("MD")));
    assert_eq!(codes(dir.path(), &["--select", "MD"]), ["MD009:3", "MD001:5"]);
}

#[test]
fn a_markdownlint_json_enables_rules_and_sets_parameters() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("page.md"), PAGE).expect("write");
    std::fs::write(
        dir.path().join(".markdownlint.json"),
        r#"{ "default": false, "MD009": { "br_spaces": 3 }, "heading-increment": true }"#,
    )
    .expect("write");
    // br_spaces = 3 allows the three trailing spaces; MD001 is on; MD026 stays off.
    assert_eq!(codes(dir.path(), &["--select", "MD009,MD001,MD026"]), ["MD001:5"]);
    assert_eq!(codes(dir.path(), &[]).iter().filter(|c| c.starts_with("MD")).collect::<Vec<_>>(), ["MD001:5"]);
}

#[test]
fn gitlabs_own_markdownlint_cli2_config_loads_and_changes_results() {
    let config = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/configs/content-sites-handbook/.markdownlint-cli2.jsonc");
    if !config.is_file() {
        eprintln!("skipping: ../shared/corpus is absent (it holds GitLab's markdownlint configuration)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("page.md"), PAGE).expect("write");
    std::fs::copy(&config, dir.path().join(".markdownlint-cli2.jsonc")).expect("copy");
    let found: Vec<String> = codes(dir.path(), &[]).into_iter().filter(|c| c.starts_with("MD")).collect();
    // GitLab turns off no-trailing-spaces (MD009) and adds the full-width question mark to
    // MD026's punctuation; everything else keeps markdownlint's defaults ("default": true).
    assert_eq!(found, ["MD001:5", "MD026:7"]);
}

#[test]
fn markdownlint_inline_comments_are_honoured() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = "# Title\n\n<!-- markdownlint-disable MD001 no-trailing-spaces -->\n### Skips\n\nTrailing   \n<!-- markdownlint-enable -->\n\nTrailing again   \n";
    std::fs::write(dir.path().join("page.md"), page).expect("write");
    assert_eq!(codes(dir.path(), &["--select", "MD"]), ["MD009:9"]);
}
