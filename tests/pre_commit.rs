//! The pre-commit hooks for real: pre-commit from PyPI in a fresh virtualenv, a git repository
//! that uses this checkout as its hook repository, a bad page refused with hblint's
//! diagnostics, a good page accepted, and the fixing hook. Skips (with a message) only when
//! python3 is missing or PyPI cannot be reached.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(dir: &Path, program: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir).args(args);
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.output().unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()))
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A git repository holding this checkout's sources as they are now (committed or not), which
/// is what pre-commit clones and builds.
fn hook_repository(into: &Path) -> String {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["Cargo.toml", "Cargo.lock", ".pre-commit-hooks.yaml", "README.md"] {
        std::fs::copy(manifest.join(file), into.join(file)).expect("copy");
    }
    for dir in ["src", "rules"] {
        copy_dir(&manifest.join(dir), &into.join(dir));
    }
    assert!(common::git_output(into, &["init", "-q"], &[]).status.success());
    assert!(common::git_output(into, &["add", "."], &[]).status.success());
    assert!(common::git_output(into, &["commit", "-q", "-m", "hblint"], &[]).status.success());
    let head = common::git_output(into, &["rev-parse", "HEAD"], &[]);
    String::from_utf8_lossy(&head.stdout).trim().to_string()
}

#[test]
fn pre_commit_refuses_a_bad_page_and_accepts_a_good_one() {
    let work = tempfile::tempdir().expect("tempdir");
    let venv = work.path().join("venv");
    match Command::new("python3").args(["-m", "venv"]).arg(&venv).output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!("python3 -m venv failed: {}", text(&out)),
        Err(_) => {
            eprintln!("skipped: python3 is not installed");
            return;
        }
    }
    let pip = run(
        work.path(),
        &venv.join("bin/pip"),
        &["install", "--quiet", "--disable-pip-version-check", "pre-commit"],
        &[],
    );
    if !pip.status.success() {
        let message = text(&pip);
        let unreachable = [
            "NewConnectionError",
            "Temporary failure in name resolution",
            "Network is unreachable",
            "No matching distribution",
            "ConnectTimeout",
            "Could not fetch URL",
        ];
        if unreachable.iter().any(|m| message.contains(m)) {
            eprintln!("skipped: PyPI cannot be reached to install pre-commit:\n{message}");
            return;
        }
        panic!("pip install pre-commit failed:\n{message}");
    }
    let pre_commit: PathBuf = venv.join("bin/pre-commit");

    let hooks = work.path().join("hblint-hooks");
    std::fs::create_dir(&hooks).expect("mkdir");
    let rev = hook_repository(&hooks);

    let project = work.path().join("handbook");
    std::fs::create_dir(&project).expect("mkdir");
    assert!(common::git_output(&project, &["init", "-q"], &[]).status.success());
    let config = |ids: &[&str]| {
        let hooks_yaml: String = ids.iter().map(|id| format!("      - id: {id}\n")).collect();
        format!("repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n{hooks_yaml}", hooks.display())
    };
    std::fs::write(project.join(".pre-commit-config.yaml"), config(&["hblint"])).expect("write");
    // pre-commit builds the hook with `cargo install`; a target directory kept under this
    // checkout's target/ makes the next run incremental.
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pre-commit");
    let home = work.path().join("pre-commit-home");
    let env: Vec<(&str, &Path)> = vec![("PRE_COMMIT_HOME", &home), ("CARGO_TARGET_DIR", &target)];
    let installed = run(&project, &pre_commit, &["install"], &env);
    assert!(installed.status.success(), "pre-commit install: {}", text(&installed));
    assert!(common::git_output(&project, &["add", ".pre-commit-config.yaml"], &env).status.success());
    assert!(common::git_output(&project, &["commit", "-q", "--no-verify", "-m", "config"], &env).status.success());

    std::fs::write(project.join("page.md"), "# Onboarding\n\nNew team members recieve a laptop.\n").expect("write");
    assert!(common::git_output(&project, &["add", "page.md"], &env).status.success());
    let refused = common::git_output(&project, &["commit", "-m", "bad page"], &env);
    let output = text(&refused);
    assert!(!refused.status.success(), "the commit must be refused:\n{output}");
    assert!(output.contains("hblint") && output.contains("Failed"), "{output}");
    assert!(output.contains("PR101") && output.contains("'recieve' is misspelled"), "{output}");
    assert!(output.contains("page.md:3:"), "{output}");

    std::fs::write(project.join("page.md"), "# Onboarding\n\nNew team members receive a laptop.\n").expect("write");
    assert!(common::git_output(&project, &["add", "page.md"], &env).status.success());
    let accepted = common::git_output(&project, &["commit", "-m", "good page"], &env);
    assert!(accepted.status.success(), "the good page must be accepted:\n{}", text(&accepted));
    assert!(text(&accepted).contains("hblint") && text(&accepted).contains("Passed"), "{}", text(&accepted));

    // The fixing hook fixes the staged page, and the commit stops so the fix can be reviewed.
    std::fs::write(project.join(".pre-commit-config.yaml"), config(&["hblint-fix"])).expect("write");
    assert!(common::git_output(&project, &["add", ".pre-commit-config.yaml"], &env).status.success());
    assert!(common::git_output(&project, &["commit", "-q", "--no-verify", "-m", "fix hook"], &env).status.success());
    std::fs::write(project.join("page.md"), "# Onboarding\n\nThe the team members recieve a laptop.\n").expect("write");
    assert!(common::git_output(&project, &["add", "page.md"], &env).status.success());
    let fixed = common::git_output(&project, &["commit", "-m", "typos"], &env);
    assert!(!fixed.status.success(), "files were modified: {}", text(&fixed));
    let page = std::fs::read_to_string(project.join("page.md")).expect("read");
    assert_eq!(page, "# Onboarding\n\nThe team members receive a laptop.\n");
    assert!(common::git_output(&project, &["add", "page.md"], &env).status.success());
    let again = common::git_output(&project, &["commit", "-m", "typos fixed"], &env);
    assert!(again.status.success(), "{}", text(&again));
}
