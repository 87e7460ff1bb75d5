//! What the bad-input tests (`bad_input.rs`, `bad_input_config.rs`) share: a folder with a good
//! page beside the bad input, and a run of the real binary.

use std::path::Path;

/// A page with one finding (PR201, a default rule), to show it was linted.
pub const GOOD: &str = "# Title\n\nThe the end.\n";
/// `GOOD`'s finding as `--format concise` prints it for `good.md`.
pub const GOOD_FINDING: &str = "good.md:3:5: PR201 'the' is repeated\n";

pub fn write(dir: &Path, relative: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

/// Exit code, stdout and stderr of a command that has run.
pub fn output(command: &mut std::process::Command) -> (i32, String, String) {
    let output = command.output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs hblint in `dir`: exit code, stdout, stderr.
pub fn hblint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    output(std::process::Command::new(assert_cmd::cargo::cargo_bin("hblint")).current_dir(dir).args(args))
}

/// A folder holding `good.md` and what `setup` adds.
pub fn folder(setup: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "good.md", GOOD);
    setup(dir.path());
    dir
}
