//! One golden file per output format. `HBLINT_BLESS=1 cargo test --test output` rewrites them.

use assert_cmd::Command;
use std::path::Path;

fn golden(format: &str, file: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::cargo_bin("hblint")
        .expect("binary")
        .current_dir(root)
        .args([
            "check",
            "--color",
            "never",
            "--format",
            format,
            "fixtures/JF004-inherited-duplicate-bullet/bad.md",
            "fixtures/JF004-inherited-duplicate-bullet/good.md",
        ])
        .output()
        .expect("runs");
    let actual = String::from_utf8(output.stdout).expect("utf-8 output");
    let path = root.join("tests/golden").join(file);
    if std::env::var_os("HBLINT_BLESS").is_some() {
        std::fs::write(&path, &actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).expect("golden file exists");
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

#[test]
fn human_output_matches_golden() {
    golden("human", "human.txt");
}

#[test]
fn json_output_matches_golden() {
    golden("json", "json.json");
}

#[test]
fn concise_output_matches_golden() {
    golden("concise", "concise.txt");
}

#[test]
fn github_output_matches_golden() {
    golden("github", "github.txt");
}

#[test]
fn gitlab_output_matches_golden() {
    golden("gitlab", "gitlab.json");
}

#[test]
fn junit_output_matches_golden() {
    golden("junit", "junit.xml");
}

#[test]
fn sarif_output_matches_golden() {
    golden("sarif", "sarif.json");
}
