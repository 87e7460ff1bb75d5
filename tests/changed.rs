//! `--changed-since` and `--new-only` on a real git repository with two commits.

mod common;

use assert_cmd::Command;
use common::git;
use std::path::Path;
use std::process::Command as Process;

fn hblint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("hblint").expect("binary is built");
    cmd.current_dir(dir).args(["check", "--color", "never", "--format", "concise"]);
    cmd
}

fn stdout_of(cmd: &mut Command) -> (Option<i32>, String, String) {
    let output = cmd.output().expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn changed_since_lints_changed_files_and_new_only_keeps_touched_lines() {
    if Process::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    std::fs::create_dir(root.join("pages")).expect("mkdir");
    // Commit 1: two pages with an old misspelling each, and a page that will be deleted.
    std::fs::write(root.join("pages/a.md"), "# A\n\nAn old recieve here.\n\nMore text.\n").expect("write");
    std::fs::write(root.join("pages/b.md"), "# B\n\nAnother old recieve.\n").expect("write");
    std::fs::write(root.join("pages/gone.md"), "# Gone\n").expect("write");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    git(root, &["checkout", "-q", "-b", "feature"]);
    // Commit 2: a.md gains a new misspelling below the old one; c.md is new; gone.md is deleted;
    // a text file changes too.
    std::fs::write(root.join("pages/a.md"), "# A\n\nAn old recieve here.\n\nMore text, to acheive more.\n")
        .expect("write");
    std::fs::write(root.join("pages/c.md"), "# C\n\nA new page that will recieve review.\n").expect("write");
    std::fs::write(root.join("notes.txt"), "recieve\n").expect("write");
    std::fs::remove_file(root.join("pages/gone.md")).expect("rm");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "second"]);

    let (code, stdout, stderr) = stdout_of(hblint(root).args(["--changed-since", "main"]));
    assert_eq!(code, Some(1), "{stderr}");
    let files: Vec<&str> = stdout.lines().filter_map(|l| l.split(':').next()).collect();
    assert!(files.contains(&"pages/a.md") && files.contains(&"pages/c.md"), "{stdout}");
    assert!(!files.contains(&"pages/b.md"), "b.md did not change: {stdout}");
    assert_eq!(stdout.lines().count(), 3, "{stdout}");

    let (_, stdout, _) = stdout_of(hblint(root).args(["--changed-since", "main", "--new-only"]));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "only the lines the change touched: {stdout}");
    assert!(lines[0].starts_with("pages/a.md:5:") && lines[0].contains("'acheive'"), "{stdout}");
    assert!(lines[1].starts_with("pages/c.md:3:"), "{stdout}");

    // A path narrows the change; from a subdirectory paths stay relative to it.
    let (_, stdout, _) = stdout_of(hblint(root).args(["--changed-since", "main", "pages/c.md"]));
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let (_, stdout, _) = stdout_of(hblint(&root.join("pages")).args(["--changed-since", "main"]));
    assert!(stdout.lines().all(|l| l.starts_with("a.md:") || l.starts_with("c.md:")), "{stdout}");

    // Nothing changed since HEAD itself.
    let (code, stdout, _) = stdout_of(hblint(root).args(["--changed-since", "HEAD"]));
    assert_eq!((code, stdout.as_str()), (Some(0), ""));

    let (code, _, stderr) = stdout_of(hblint(root).args(["--changed-since", "no-such-branch"]));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unknown revision 'no-such-branch'"), "{stderr}");

    // A shallow clone that lacks the base says what to set.
    let shallow = root.join("shallow");
    let url = format!("file://{}", root.display());
    let status = Process::new("git")
        .args(["clone", "-q", "--depth", "1", "--branch", "feature", &url])
        .arg(&shallow)
        .status()
        .expect("git clone");
    assert!(status.success());
    let (code, _, stderr) = stdout_of(hblint(&shallow).args(["--changed-since", "HEAD~1"]));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("GIT_DEPTH: 0"), "{stderr}");

    let outside = tempfile::tempdir().expect("tempdir");
    let (code, _, stderr) = stdout_of(hblint(outside.path()).args(["--changed-since", "main"]));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("needs a git repository"), "{stderr}");
}
