//! Rule packs, hblint.toml, --fix and --diff, and inline suppression, as a user runs them.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn hblint() -> Command {
    Command::cargo_bin("hblint").expect("binary is built")
}

const PACK: &str = r#"[pack]
name = "our-terms"
prefix = "OT"

[[rule]]
code = "OT1"
name = "say-team-member"
kind = "substitution"
severity = "warning"
scope = "text"
message = "'{match}': write '{replacement}'"
[rule.swap]
gitlabber = "team member"
"#;

#[test]
fn a_user_pack_adds_rules_to_check_rules_and_explain() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("terms.toml");
    std::fs::write(&pack, PACK).expect("write");
    let page = dir.path().join("page.md");
    std::fs::write(&page, "Every GitLabber helps.\n").expect("write");
    hblint()
        .args(["check", "--color", "never", "--pack"])
        .arg(&pack)
        .arg(&page)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("warning[OT1]: 'GitLabber': write 'Team member'"));
    hblint().args(["rules", "--pack"]).arg(&pack).assert().code(0).stdout(predicate::str::contains("OT1"));
    hblint()
        .args(["explain", "OT1", "--pack"])
        .arg(&pack)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("our-terms"));
}

#[test]
fn a_broken_pack_is_reported_with_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        ("bad-toml.toml", "[pack\nname = 1\n", ":1:"),
        ("bad-kind.toml", &PACK.replace("substitution", "substitute"), ":8:8: unknown variant `substitute`"),
        ("bad-scope.toml", &PACK.replace("scope = \"text\"", "scope = \"body\""), ":10:9: unknown variant `body`"),
        (
            "bad-regex.toml",
            &PACK
                .replace("kind = \"substitution\"", "kind = \"existence\"\ntokens = [\"a(\"]")
                .replace("[rule.swap]\ngitlabber = \"team member\"\n", ""),
            ":9:11: rule 'OT1': invalid regex",
        ),
    ];
    for (name, text, expected) in cases {
        let pack = dir.path().join(name);
        std::fs::write(&pack, text).expect("write");
        hblint()
            .args(["check", "--pack"])
            .arg(&pack)
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{name}{expected}")));
    }
}

#[test]
fn nearest_config_selects_rules_sets_severity_and_fail_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("team");
    std::fs::create_dir(&sub).expect("mkdir");
    std::fs::write(dir.path().join("hblint.toml"), "[severity]\nPR201 = \"off\"\n").expect("write");
    std::fs::write(sub.join(".hblint.toml"), "select = [\"PR201\"]\nfail-on = \"error\"\n").expect("write");
    let text = "The the end. Ability to manager/prioritize.\n";
    std::fs::write(dir.path().join("top.md"), text).expect("write");
    std::fs::write(sub.join("inner.md"), text).expect("write");
    let output = hblint().args(["--format", "json"]).arg(dir.path()).output().expect("runs");
    let items: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let found: Vec<String> = items
        .as_array()
        .expect("array")
        .iter()
        .map(|i| {
            format!(
                "{} {}",
                Path::new(i["path"].as_str().unwrap_or(""))
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                i["code"].as_str().unwrap_or("")
            )
        })
        .collect();
    // top.md: PR201 is off, PR001 runs. inner.md: only PR201 runs.
    assert_eq!(found, ["inner.md PR201", "top.md PR001"]);
    // The top-level findings are warnings and fail the run (fail-on warning by default).
    assert_eq!(output.status.code(), Some(1));
    // Under team/ alone, fail-on = "error" makes the warning pass.
    hblint().arg(&sub).assert().code(0);
    // --fail-on on the command line wins.
    hblint().args(["--fail-on", "warning"]).arg(&sub).assert().code(1);
}

#[test]
fn a_bad_config_is_an_error_with_its_location() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("hblint.toml"), "select = [\"JF\"]\nignore = [\"NOPE9\"]\n").expect("write");
    std::fs::write(dir.path().join("a.md"), "# A\n").expect("write");
    hblint()
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hblint.toml:2:11: unknown rule or group 'NOPE9'"));
}

#[test]
fn init_writes_a_config_that_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    hblint().current_dir(dir.path()).arg("init").assert().code(0);
    hblint().current_dir(dir.path()).arg("init").assert().code(2);
    std::fs::write(dir.path().join("a.md"), "# Fine\n").expect("write");
    hblint().current_dir(dir.path()).assert().code(0);
}

#[test]
fn fix_rewrites_in_place_keeping_bom_and_crlf_and_is_idempotent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("page.md");
    let original = "\u{feff}# Notes\r\n\r\nWork with with Gitlab to recieve data.\r\nRun `with with` as is.\r\n";
    std::fs::write(&page, original).expect("write");
    hblint()
        .args(["--diff"])
        .arg(&page)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("+Work with GitLab to receive data."));
    assert_eq!(std::fs::read_to_string(&page).expect("read"), original, "--diff writes nothing");
    hblint()
        .args(["--fix"])
        .arg(&page)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed 3 problems in 1 file."));
    let fixed = std::fs::read_to_string(&page).expect("read");
    assert_eq!(fixed, "\u{feff}# Notes\r\n\r\nWork with GitLab to receive data.\r\nRun `with with` as is.\r\n");
    hblint().args(["--fix"]).arg(&page).assert().code(0).stdout(predicate::str::contains("Fixed").not());
    assert_eq!(std::fs::read_to_string(&page).expect("read"), fixed);
    hblint().args(["--diff"]).arg(&page).assert().code(0).stdout("");
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    hblint()
        .args(["--fix", "-", "--stdin-filename", "x.md"])
        .write_stdin("Use Github.\n")
        .assert()
        .code(0)
        .stdout("Use GitHub.\n");
}

#[test]
fn suppression_comments_silence_rules() {
    hblint()
        .args(["-", "--stdin-filename", "x.md"])
        .write_stdin("<!-- hblint-disable-next-line doubled-word -->\nthe the\n\nthe the\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("x.md:4:5"))
        .stdout(predicate::str::contains("x.md:2:").not());
}
