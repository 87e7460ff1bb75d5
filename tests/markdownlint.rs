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
    // Its `ignores` leave out the legal agreements, among others: markdownlint's rules skip
    // them, hblint's own rules do not.
    let legal = dir.path().join("content/handbook/legal/legacy");
    std::fs::create_dir_all(&legal).expect("mkdir");
    std::fs::write(legal.join("terms.md"), format!("{PAGE}\nAbility to manager/prioritize work.\n")).expect("write");
    let found = codes(&legal, &[]);
    assert_eq!(found, ["PR001:9"]);
}

/// What `hblint check --format concise` reports in `dir`, as `path CODE` (run from `cwd`).
fn findings_by_file(cwd: &Path, target: &str) -> Vec<String> {
    let output = Command::cargo_bin("hblint")
        .expect("binary")
        .current_dir(cwd)
        .args(["check", "--format", "concise", target])
        .output()
        .expect("runs");
    assert_ne!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    let mut found: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let (path, rest) = line.split_once(':')?;
            let code = rest.split_whitespace().nth(1)?;
            Some(format!("{path} {code}"))
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn markdownlint_cli2_ignores_leave_files_to_hblints_own_rules() {
    let parent = tempfile::tempdir().expect("tempdir");
    let dir = parent.path().join("handbook");
    let long_line = "This line runs on well past the eighty characters that markdownlint's line-length allows.";
    let page = format!("# Title\n\n{long_line}\n\nAbility to manager/prioritize work.\n");
    for file in ["page.md", "legal/terms.md", "CONTRIBUTING.md", "sub/CONTRIBUTING.md", "notes-1.md", "sub/notes-1.md"]
    {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, &page).expect("write");
    }
    std::fs::write(
        dir.join(".markdownlint-cli2.jsonc"),
        r#"{
  // markdownlint-cli2's globs are relative to this file; `*` stays within a folder.
  "config": { "default": false, "line-length": true },
  "ignores": ["legal/**", "CONTRIBUTING.md", "./notes-*.md"]
}"#,
    )
    .expect("write");
    let expected = |prefix: &str| -> Vec<String> {
        let mut all = vec![
            format!("{prefix}CONTRIBUTING.md PR001"),
            format!("{prefix}legal/terms.md PR001"),
            format!("{prefix}notes-1.md PR001"),
            format!("{prefix}page.md MD013"),
            format!("{prefix}page.md PR001"),
            format!("{prefix}sub/CONTRIBUTING.md MD013"),
            format!("{prefix}sub/CONTRIBUTING.md PR001"),
            format!("{prefix}sub/notes-1.md MD013"),
            format!("{prefix}sub/notes-1.md PR001"),
        ];
        all.sort();
        all
    };
    // The same files are left out whether hblint runs in the folder or above it.
    assert_eq!(findings_by_file(&dir, "."), expected(""));
    assert_eq!(findings_by_file(parent.path(), "handbook"), expected("handbook/"));
}

#[test]
fn a_bad_ignores_glob_is_a_config_error_with_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("page.md"), PAGE).expect("write");
    std::fs::write(dir.path().join(".markdownlint-cli2.jsonc"), "{\n  \"ignores\": [\n    \"legal/[\"\n  ]\n}\n")
        .expect("write");
    let output =
        Command::cargo_bin("hblint").expect("binary").current_dir(dir.path()).arg("check").output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(".markdownlint-cli2.jsonc:3:6: invalid glob in 'ignores'"), "{stderr}");
}

#[test]
fn markdownlint_inline_comments_are_honoured() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = "# Title\n\n<!-- markdownlint-disable MD001 no-trailing-spaces -->\n### Skips\n\nTrailing   \n<!-- markdownlint-enable -->\n\nTrailing again   \n";
    std::fs::write(dir.path().join("page.md"), page).expect("write");
    assert_eq!(codes(dir.path(), &["--select", "MD"]), ["MD009:9"]);
}

#[test]
fn markdownlint_configure_file_comments_configure_the_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The comment turns MD009 off, MD001 on, and MD026 on with its own punctuation.
    let page = "# Title\n\n<!-- markdownlint-configure-file { \"no-trailing-spaces\": false, \"MD001\": true, \"MD026\": { \"punctuation\": \"!\" } } -->\n\nTrailing   \n\n### Skips\n\n## Question?\n\n## Bang!\n";
    std::fs::write(dir.path().join("page.md"), page).expect("write");
    // Its `default: true` turns on what the configuration does not name (MD001 here).
    let other = "# Title\n\n<!-- markdownlint-configure-file\n{ \"default\": true, \"MD009\": false }\n-->\n\nTrailing   \n\n### Skips\n";
    std::fs::write(dir.path().join("other.md"), other).expect("write");
    std::fs::write(dir.path().join("plain.md"), "# Title\n\nTrailing   \n\n## Bang!\n").expect("write");
    std::fs::write(dir.path().join(".markdownlint.json"), r#"{ "default": false, "MD009": true, "MD026": true }"#)
        .expect("write");
    let md = |args: &[&str]| -> Vec<String> {
        let mut found = Vec::new();
        for name in ["page.md", "other.md", "plain.md"] {
            let codes = codes(&dir.path().join(name), args);
            found.extend(codes.into_iter().filter(|c| c.starts_with("MD")).map(|c| format!("{name} {c}")));
        }
        found
    };
    assert_eq!(
        md(&[]),
        ["page.md MD001:7", "page.md MD026:11", "other.md MD001:9", "plain.md MD009:3", "plain.md MD026:5"]
    );
    // An explicit selection stays the limit: the comment may turn selected rules off or change
    // their parameters, not add others.
    assert_eq!(md(&["--select", "MD009,MD026"]), ["page.md MD026:11", "plain.md MD009:3", "plain.md MD026:5"]);
    // Ignored rules stay ignored.
    assert_eq!(md(&["--ignore", "MD001"]), ["page.md MD026:11", "plain.md MD009:3", "plain.md MD026:5"]);
}

#[test]
fn a_configure_file_comment_wins_over_hblint_toml_for_the_parameters_it_sets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = "alpha bravo charlie delta echo foxtrot golf hotel india";
    let comment =
        |params: &str| format!("# A\n\n<!-- markdownlint-configure-file\n{{ \"MD013\": {params} }}\n-->\n\n{line}\n");
    std::fs::write(dir.path().join("own.md"), comment(r#"{ "line_length": 60 }"#)).expect("write");
    std::fs::write(dir.path().join("other.md"), comment(r#"{ "headings": false }"#)).expect("write");
    std::fs::write(dir.path().join("on.md"), comment("true")).expect("write");
    std::fs::write(dir.path().join("hblint.toml"), "select = [\"MD013\"]\n[rules.MD013]\nline_length = 45\n")
        .expect("write");
    std::fs::write(dir.path().join(".markdownlint.json"), r#"{ "MD013": { "line_length": 20 } }"#).expect("write");
    let found: Vec<(String, Vec<String>)> =
        ["own.md", "other.md", "on.md"].iter().map(|n| (n.to_string(), codes(&dir.path().join(n), &[]))).collect();
    // own.md sets line_length itself; the others keep hblint.toml's (the comment replaces the
    // markdownlint configuration's MD013 object, as markdownlint does).
    let expected = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(
        found,
        [
            ("own.md".to_string(), expected(&[])),
            ("other.md".to_string(), expected(&["MD013:7"])),
            ("on.md".to_string(), expected(&["MD013:7"])),
        ]
    );
}
