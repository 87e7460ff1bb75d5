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
    // team/ inherits the parent's [severity] (PR201 off) unless it says otherwise, as it does.
    std::fs::write(
        sub.join(".hblint.toml"),
        "select = [\"PR201\"]\nfail-on = \"error\"\n[severity]\nPR201 = \"warning\"\n",
    )
    .expect("write");
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

#[test]
fn explain_lists_a_rules_parameters_with_kinds_and_defaults() {
    let parameters = "\n## Parameters\n\
        - `line_length` (integer, 0 or below for no limit, default 80): the longest a line may be, in UTF-16 code units\n\
        - `heading_line_length` (integer, 0 or below for no limit, default the value of `line_length`): the longest a heading line may be\n\
        - `code_block_line_length` (integer, 0 or below for no limit, default the value of `line_length`): the longest a code block line may be\n\
        - `code_blocks` (boolean, default true): check the lines of code blocks\n\
        - `tables` (boolean, default true): check the lines of tables\n\
        - `headings` (boolean, default true): check heading lines\n\
        - `strict` (boolean, default false): check every line whole, its last word and links included\n\
        - `stern` (boolean, default false): like `strict`, but still allow lines that cannot be wrapped and lines of links\n";
    hblint().args(["explain", "MD013"]).assert().code(0).stdout(predicate::str::ends_with(parameters));
    hblint().args(["explain", "ul-style"]).assert().code(0).stdout(predicate::str::contains(
        "- `style` (one of consistent, asterisk, plus, dash, sublist, default `consistent`)",
    ));
    // A rule without parameters has no such section.
    hblint().args(["explain", "JF002"]).assert().code(0).stdout(predicate::str::contains("## Parameters").not());
}

/// Runs `hblint check` in `dir` with its hblint.toml named as `--config`, so that errors name it
/// by a relative path.
fn check_in(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    hblint().current_dir(dir).args(["check", "--config", "hblint.toml", "--color", "never"]).args(args).assert()
}

#[test]
fn an_unknown_parameter_or_a_value_of_the_wrong_kind_is_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.md"), "# A\n").expect("write");
    std::fs::write(dir.path().join("hblint.toml"), "select = [\"MD\"]\n\n[rules.MD013]\nline_lenght = 120\n")
        .expect("write");
    check_in(dir.path(), &["a.md"]).code(2).stdout("").stderr(
        "hblint: error: hblint.toml:4:1: unknown parameter 'line_lenght' for MD013 (line-length); its parameters: \
         line_length, heading_line_length, code_block_line_length, code_blocks, tables, headings, strict, stern\n",
    );
    std::fs::write(dir.path().join("hblint.toml"), "[rules.line-length]\nline_length = \"long\"\n").expect("write");
    check_in(dir.path(), &["a.md"]).code(2).stdout("").stderr(
        "hblint: error: hblint.toml:2:15: parameter 'line_length' of MD013 (line-length) takes an integer (0 or -1 \
         for no limit), not \"long\"\n",
    );
    std::fs::write(dir.path().join("hblint.toml"), "[rules.MD003]\nstyle = \"atx-closed\"\n").expect("write");
    check_in(dir.path(), &["a.md"]).code(2).stderr(
        "hblint: error: hblint.toml:2:9: parameter 'style' of MD003 (heading-style) takes one of \"consistent\", \
         \"atx\", \"atx_closed\", \"setext\", \"setext_with_atx\", \"setext_with_atx_closed\", not \"atx-closed\"\n",
    );
    std::fs::write(dir.path().join("hblint.toml"), "[rules.JF002]\nstrict = true\n").expect("write");
    check_in(dir.path(), &["a.md"]).code(2).stderr(
        "hblint: error: hblint.toml:2:1: unknown parameter 'strict' for JF002 (non-monotonic-grades); it has no \
         parameters\n",
    );
    std::fs::write(dir.path().join("hblint.toml"), "[rules.MD999]\nstrict = true\n").expect("write");
    check_in(dir.path(), &["a.md"])
        .code(2)
        .stderr("hblint: error: hblint.toml:1:8: unknown rule 'MD999' in [rules] (see 'hblint rules')\n");
}

#[test]
fn hblint_toml_parameters_change_findings_and_win_over_markdownlints() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = "alpha bravo charlie delta echo foxtrot golf hotel india";
    std::fs::write(dir.path().join("a.md"), format!("# A\n\n{line}\n")).expect("write");
    let concise = |dir: &Path| {
        let output = hblint()
            .current_dir(dir)
            .args(["check", "--config", "hblint.toml", "--format", "concise", "a.md"])
            .output()
            .expect("runs");
        assert_ne!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    // Setting a parameter does not select the rule.
    std::fs::write(dir.path().join("hblint.toml"), "[rules.MD013]\nline_length = 40\n").expect("write");
    assert_eq!(concise(dir.path()), "");
    std::fs::write(dir.path().join("hblint.toml"), "select = [\"MD013\"]\n[rules.MD013]\nline_length = 40\n")
        .expect("write");
    assert_eq!(concise(dir.path()), "a.md:3:41: MD013 line is 55 characters long; the limit is 40\n");
    // markdownlint's configuration turns MD013 on with its own limits; hblint.toml's
    // line_length wins, its heading_line_length still applies.
    std::fs::write(
        dir.path().join(".markdownlint.json"),
        r#"{ "default": false, "MD013": { "line_length": 20, "heading_line_length": 2 } }"#,
    )
    .expect("write");
    std::fs::write(dir.path().join("hblint.toml"), "[rules.line-length]\nline_length = 45\n").expect("write");
    assert_eq!(
        concise(dir.path()),
        "a.md:1:3: MD013 line is 3 characters long; the limit is 2\n\
         a.md:3:46: MD013 line is 55 characters long; the limit is 45\n"
    );
}
