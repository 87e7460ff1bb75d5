//! Helpers shared by the tests that drive real git repositories.

use std::path::Path;
use std::process::{Command, Output};

/// Runs git in `dir` with a fixed identity and no signing, with extra environment variables.
pub fn git_output(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
        .args(args);
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.output().unwrap_or_else(|e| panic!("cannot run git: {e}"))
}

/// Runs git in `dir` and fails the test if it fails.
#[allow(dead_code)] // not every test binary that includes this module calls it
pub fn git(dir: &Path, args: &[&str]) {
    let output = git_output(dir, args, &[]);
    assert!(output.status.success(), "git {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
}

// The wheel and the local package index (tests/common/wheel.rs); not every test binary uses them.
#[allow(dead_code)]
pub mod wheel;

// npm tools under target/ (tests/common/npm.rs); not every test binary uses them.
#[allow(dead_code)]
pub mod npm;
