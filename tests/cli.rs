//! The command line as a user runs it: exit codes, formats, walking, stdin and bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn hblint() -> Command {
    let mut cmd = Command::cargo_bin("hblint").expect("binary is built");
    cmd.env_remove("NO_COLOR");
    cmd
}

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(path).to_string_lossy().into_owned()
}

#[test]
fn clean_file_exits_zero() {
    hblint()
        .args(["check", &fixture("FM001-broken-front-matter/good.md")])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems in 1 file"));
}

#[test]
fn findings_exit_one_with_annotated_source_and_summary() {
    hblint()
        .arg(fixture("seed/marketing-operations-manager.md"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("warning[PR001]: 'manager/prioritize': 'manager' is a noun here"))
        .stdout(predicate::str::contains("marketing-operations-manager.md:147:15"))
        .stdout(predicate::str::contains("= help: both sides of the slash are actions"))
        .stdout(predicate::str::contains("12 problems (2 errors, 10 warnings) in 1 file (1 checked)"));
}

#[test]
fn fail_on_error_ignores_warnings() {
    // The seed page's two errors are the hard requirements (JF007, JF008): without them, only warnings.
    let seed = fixture("seed/marketing-operations-manager.md");
    hblint().args(["--fail-on", "error", "--ignore", "JF007,JF008", &seed]).assert().code(0);
    hblint().args(["--fail-on", "error", &seed]).assert().code(1);
}

#[test]
fn json_output_has_every_field() {
    let output = hblint()
        .args(["check", "--format", "json", "--select", "JF002", &fixture("JF002-non-monotonic-grades/bad.md")])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let items: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let first = &items[0];
    assert_eq!(first["code"], "JF002");
    assert_eq!(first["rule"], "non-monotonic-grades");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["line"], 22);
    assert_eq!(first["column"], 1);
    assert_eq!(first["end_line"], 22);
    assert!(first["path"].as_str().is_some_and(|p| p.ends_with("JF002-non-monotonic-grades/bad.md")));
    assert!(first["message"].as_str().is_some_and(|m| m.contains("grade 7.5")));
    assert!(first["help"].as_str().is_some());
    assert!(first["end_column"].as_u64().is_some_and(|c| c > 1));
}

#[test]
fn select_and_ignore_choose_rules() {
    let seed = fixture("seed/marketing-operations-manager.md");
    hblint().args(["--select", "PR001", &seed]).assert().code(1).stdout(predicate::str::contains("1 problem "));
    hblint().args(["--ignore", "JF,prose", &seed]).assert().code(0);
    hblint()
        .args(["--select", "XX42", &seed])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--select: unknown rule or group 'XX42'"));
    hblint()
        .args(["--ignore", "PR001,nonsense", &seed])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ignore: unknown rule or group 'nonsense'"));
}

#[test]
fn stdin_is_linted_under_the_given_name() {
    hblint()
        .args(["check", "-", "--stdin-filename", "docs/page.md", "--format", "json"])
        .write_stdin("* Ability to manager/prioritize work\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"path\": \"docs/page.md\""));
}

#[test]
fn walks_directories_respecting_gitignore_but_lints_explicit_paths() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = "* Ability to manager/prioritize work\n";
    std::fs::write(dir.path().join(".gitignore"), "ignored.md\n").expect("write");
    std::fs::write(dir.path().join("ignored.md"), bad).expect("write");
    std::fs::write(dir.path().join("notes.txt"), bad).expect("write");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    std::fs::write(dir.path().join("sub/page.md.erb"), bad).expect("write");
    std::fs::write(dir.path().join("b.markdown"), "# Fine\n").expect("write");
    let output = hblint().args(["--format", "json"]).arg(dir.path()).output().expect("runs");
    let items: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let paths: Vec<&str> = items.as_array().expect("array").iter().filter_map(|i| i["path"].as_str()).collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("sub/page.md.erb"));
    // Named explicitly, an ignored file is linted.
    hblint().arg(dir.path().join("ignored.md")).assert().code(1);
}

#[test]
fn default_command_is_check_of_current_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.md"), "Ability to manager/prioritize work.\n").expect("write");
    hblint().current_dir(dir.path()).assert().code(1).stdout(predicate::str::contains("a.md:1:12"));
}

#[test]
fn bad_input_is_reported_and_the_rest_still_linted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    std::fs::write(p.join("binary.md"), b"\x00\x01\x02").expect("write");
    std::fs::write(p.join("latin1.md"), b"# Caf\xe9\n").expect("write");
    std::fs::write(p.join("empty.md"), b"").expect("write");
    std::fs::write(p.join("broken.md"), "---\ntitle: [x\n---\n# T\n").expect("write");
    std::fs::write(p.join("typo.md"), "Able to reviewer/approve changes.\n").expect("write");
    let missing = p.join("does-not-exist");
    hblint()
        .args(["--color", "never"])
        .arg(p)
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary.md: binary file"))
        .stderr(predicate::str::contains("latin1.md: invalid UTF-8 at line 1"))
        .stderr(predicate::str::contains("does-not-exist: no such file or directory"))
        .stdout(predicate::str::contains("typo.md:1:9"))
        .stdout(predicate::str::contains("error[FM001]: front matter is not valid YAML"));
}

#[test]
fn deeply_nested_and_huge_documents_do_not_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nested: String = (0..10_000).map(|i| format!("{}- x\n", "  ".repeat(i.min(200)))).collect();
    let quotes = format!("{} deep\n", ">".repeat(10_000));
    std::fs::write(dir.path().join("nested.md"), nested).expect("write");
    std::fs::write(dir.path().join("quotes.md"), quotes).expect("write");
    let level = "## Level\n\n### Job Grade\n\nThe Level is a [grade 7](/g).\n\n### Responsibilities\n\n* a\n\n\
                 ### Requirements\n\n* Ability to use GitLab\n* b\n\n";
    let mut big = level.repeat(50 * 1024 * 1024 / level.len());
    big.push_str("## Performance Indicators\n\n* p\n\n## Hiring Process\n\n* h\n");
    std::fs::write(dir.path().join("big.md"), big).expect("write");
    hblint().arg(dir.path()).assert().code(0).stdout(predicate::str::contains("No problems in 3 files"));
    // Every rule, markdownlint's included, on the deep documents.
    hblint()
        .args(["--select", "FM,JF,PR,MD", "--format", "json"])
        .arg(dir.path().join("nested.md"))
        .arg(dir.path().join("quotes.md"))
        .assert()
        .code(predicate::in_iter([0, 1]));
}

#[test]
fn rules_lists_every_rule() {
    hblint()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("JF002   non-monotonic-grades"))
        .stdout(predicate::str::contains("PR001   slash-typo"))
        .stdout(predicate::str::contains("FM001"));
}

#[test]
fn explain_prints_docs_or_fails_for_unknown_rules() {
    hblint()
        .args(["explain", "JF002"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("# non-monotonic-grades (JF002)"))
        .stdout(predicate::str::contains("## Why is this bad?"));
    hblint().args(["explain", "slash-typo"]).assert().code(0).stdout(predicate::str::contains("PR001"));
    hblint().args(["explain", "NOPE"]).assert().code(2);
}

#[test]
fn usage_errors_exit_two() {
    hblint().args(["check", "--format", "xml", "."]).assert().code(2);
}

#[test]
fn colors_follow_the_flag() {
    let seed = fixture("seed/marketing-operations-manager.md");
    hblint().args(["--color", "always", &seed]).assert().stdout(predicate::str::contains("\u{1b}["));
    // Not a terminal: no colors by default.
    hblint().arg(&seed).assert().stdout(predicate::str::contains("\u{1b}[").not());
}

/// Output is written file by file while later files are still linted: the order must still be
/// the walk's, the same as linting each file alone one after another.
#[test]
fn streamed_output_keeps_the_walk_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut names = Vec::new();
    for i in 0..40 {
        let name = format!("page-{i:02}.md");
        let body = "Ability to manager/prioritize work.\n".repeat(i % 3 + 1);
        std::fs::write(dir.path().join(&name), format!("# Page {i}\n\n{body}")).expect("write");
        names.push(name);
    }
    for format in ["human", "concise", "github"] {
        let run = |paths: &[&str]| {
            let output = hblint()
                .current_dir(dir.path())
                .args(["check", "--quiet", "--color", "never", "--format", format])
                .args(paths)
                .output()
                .expect("runs");
            String::from_utf8(output.stdout).expect("UTF-8")
        };
        let whole = run(&["."]);
        let one_by_one: String = names.iter().map(|name| run(&[name.as_str()])).collect();
        assert!(!whole.is_empty());
        assert_eq!(whole, one_by_one, "format {format}");
    }
}

#[test]
fn diff_reports_unreadable_paths_and_still_prints_the_others() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.md"), "# Title\n\nSome text.   \n").expect("write");
    hblint()
        .current_dir(dir.path())
        .args(["check", "--select", "MD009", "--diff", "a.md", "missing.md"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("+Some text."))
        .stderr(predicate::str::contains("missing.md: no such file or directory"));
}

/// `hblint check | head`: when the reader goes away, hblint writes nothing more but still
/// lints every file, so the exit code, the reports and the errors about later files are whole.
#[test]
fn a_closed_pipe_stops_the_output_but_not_the_run() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..300 {
        let body = "Ability to manager/prioritize work.\n".repeat(20);
        std::fs::write(dir.path().join(format!("page-{i:03}.md")), format!("# Page {i}\n\n{body}")).expect("write");
    }
    // Last in walk order: a broken front matter (an error) and a file that is not UTF-8.
    std::fs::write(dir.path().join("zz-front-matter.md"), "---\ntitle: [unclosed\n---\n# T\n").expect("write");
    std::fs::write(dir.path().join("zz-latin1.md"), b"# Caf\xe9\n").expect("write");
    let run = |args: &[&str]| {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("hblint"))
            .current_dir(dir.path())
            .args(["check", "--color", "never"])
            .args(args)
            .arg(".")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("starts");
        let mut first = [0u8; 64];
        child.stdout.take().expect("stdout").read_exact(&mut first).expect("some output");
        // Dropping our end closes the pipe, as `head` does after its lines.
        let output = child.wait_with_output().expect("ends");
        assert!(first.starts_with(b"warning[PR001]"), "{}", String::from_utf8_lossy(&first));
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (code, stderr) = run(&["--output", "json=report.json"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("hblint: error: zz-latin1.md: invalid UTF-8"), "{stderr}");
    assert!(!stderr.contains("cannot write output"), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).expect("report")).expect("json");
    let findings = report.as_array().expect("array");
    assert_eq!(findings.iter().filter(|f| f["code"] == "PR001").count(), 300 * 20);
    assert!(findings.iter().any(|f| f["code"] == "FM001"));
    // Without the unreadable file, the error finding at the end still decides the exit code.
    std::fs::remove_file(dir.path().join("zz-latin1.md")).expect("remove");
    let (code, stderr) = run(&["--fail-on", "error"]);
    assert_eq!((code, stderr.as_str()), (Some(1), ""));
}

/// Pages in hidden folders (`.gitlab/issue_templates/`) are linted, as markdownlint-cli2 does;
/// version-control folders are not walked.
#[test]
fn hidden_folders_are_walked_but_not_version_control() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = "# Template\n\nAbility to manager/prioritize work.\n";
    for file in [".gitlab/issue_templates/bug.md", ".git/notes.md", ".hg/notes.md", "docs/.hidden.md"] {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, page).expect("write");
    }
    let output = hblint().current_dir(dir.path()).args(["check", "--format", "concise", "."]).output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let files: Vec<&str> = stdout.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(files, [".gitlab/issue_templates/bug.md", "docs/.hidden.md"], "{stdout}");
}

/// A diff that cannot be written (a full disk) is an error, not a silent success.
#[test]
fn diff_write_errors_exit_two() {
    let dev_full = std::path::Path::new("/dev/full");
    if !dev_full.exists() {
        eprintln!("skipping: no /dev/full on this system");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.md"), "# Title\n\nSome text.   \n").expect("write");
    let full = std::fs::OpenOptions::new().write(true).open(dev_full).expect("open /dev/full");
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("hblint"))
        .current_dir(dir.path())
        .args(["check", "--select", "MD009", "--diff", "a.md"])
        .stdout(full)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write output"));
}

/// Pages that once crashed a rule (review findings): comrak's inline columns drifting inside a
/// character after escaped pipes, a list number wider than its column, and parameters a page's
/// configure-file comment sets to absurd widths. Every rule and every fix must survive them.
#[test]
fn pages_that_once_crashed_rules_are_linted_and_fixed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = [
        "| a |\n|---|\n| \\|\\|*é*é\\*x |\n",
        "| a |\n|---|\n| \\|\\|€`x ` |\n",
        "| a |\n|---|\n| \\|\\|€[x](y) |\n",
        " 9. a\n10. b\n100. c\n",
        "<!-- markdownlint-configure-file {\"MD007\": {\"indent\": 9223372036854775807}, \"MD030\": {\"ul_single\": 1e300}, \"MD022\": {\"lines_above\": 1e12}} -->\n# T\n* a\n    * b\n## H\n",
    ];
    for (i, page) in pages.iter().enumerate() {
        std::fs::write(dir.path().join(format!("page-{i}.md")), page).expect("write");
    }
    std::fs::write(
        dir.path().join(".markdownlint.json"),
        r#"{"MD044": {"names": ["x", "€"]}, "MD054": {"inline": false}}"#,
    )
    .expect("write");
    for args in [&["check", "--select", "ALL", "."][..], &["check", "--select", "ALL", "--fix", "."][..]] {
        let output = hblint().current_dir(dir.path()).args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(!stderr.contains("internal error"), "{args:?}: {stderr}");
    }
}

/// The rule list tells a rule that is off unless selected from one that runs by default.
#[test]
fn rules_say_which_rules_are_off_unless_selected() {
    let output = hblint().arg("rules").output().expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let row = |code: &str| text.lines().find(|l| l.starts_with(code)).unwrap_or_else(|| panic!("{code}: {text}"));
    let default = |code: &str| row(code).split_whitespace().skip(3).take(2).collect::<Vec<_>>().join(" ");
    assert!(text.starts_with("CODE    NAME                         GROUP       DEFAULT "), "{text}");
    assert_eq!(default("MD001"), "off (warning)");
    assert_eq!(default("IL002"), "off (info)");
    assert_eq!(default("LK006"), "off (info)");
    assert!(row("JF002").contains(" error "), "{}", row("JF002"));
    let json = hblint().args(["rules", "--format", "json"]).output().expect("runs");
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).expect("json");
    let md001 = rules.iter().find(|r| r["code"] == "MD001").expect("MD001");
    assert_eq!((md001["on_by_default"].as_bool(), md001["severity"].as_str()), (Some(false), Some("warning")));
    let jf002 = rules.iter().find(|r| r["code"] == "JF002").expect("JF002");
    assert_eq!(jf002["on_by_default"].as_bool(), Some(true));
    let explained = hblint().args(["explain", "MD022"]).output().expect("runs");
    let line = String::from_utf8_lossy(&explained.stdout).lines().nth(4).map(str::to_string);
    assert_eq!(
        line.as_deref(),
        Some("Group: markdown. Off unless selected; then reports at severity warning. Fixable with --fix.")
    );
}

/// `hblint init`'s file names every group a selector takes, markdown among them.
#[test]
fn init_names_every_group() {
    let dir = tempfile::tempdir().expect("tempdir");
    hblint().current_dir(dir.path()).arg("init").assert().code(0).stdout("Wrote hblint.toml\n");
    let config = std::fs::read_to_string(dir.path().join("hblint.toml")).expect("written");
    let json = hblint().args(["rules", "--format", "json"]).output().expect("runs");
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).expect("json");
    let groups: std::collections::BTreeSet<&str> = rules.iter().filter_map(|r| r["group"].as_str()).collect();
    assert!(groups.len() >= 7, "{groups:?}");
    let select_comment: String =
        config.lines().take_while(|l| !l.starts_with("# select")).collect::<Vec<_>>().join(" ");
    for group in groups {
        assert!(select_comment.contains(group), "init's select comment lacks '{group}': {config}");
    }
}

/// `--help` says that `check` runs when no command is named.
#[test]
fn help_says_check_is_the_default_command() {
    hblint()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Usage: hblint [check] [OPTIONS] [PATHS]..."))
        .stdout(predicate::str::contains("With no command, hblint runs `check`"));
}

/// A reader that closes the pipe before hblint writes (`hblint explain PR201 | head -1`) ends
/// the command cleanly: exit 0, no panic.
#[test]
fn a_closed_pipe_ends_every_command_cleanly() {
    for args in
        [&["explain", "PR201"][..], &["rules"], &["rules", "--format", "json"], &["check", "--format", "concise"]]
    {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_hblint"));
        cmd.args(args);
        if args[0] == "check" {
            cmd.arg(fixture("seed/marketing-operations-manager.md"));
        }
        let output = cmd.stdout(writer).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        let expected = if args[0] == "check" { 1 } else { 0 };
        assert_eq!(output.status.code(), Some(expected), "{args:?}: {stderr}");
    }
}
