//! A tool from npm, installed into `target/<folder>/` on first use, for the tests that compare
//! with or drive a real one (markdownlint-cli2, gitlab-ci-local).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The program `bin` of the npm package `package` (`name@version`), installed into
/// `target/<folder>/` under a file lock (test binaries run side by side) and reinstalled when
/// the pinned version changes. `Err` says why it cannot be had.
pub fn npm_tool(folder: &str, package: &str, bin: &str) -> Result<PathBuf, String> {
    if Command::new("node").arg("--version").output().is_err() {
        return Err("node is not installed".into());
    }
    let prefix = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join(folder);
    std::fs::create_dir_all(&prefix).map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
    let lock = File::create(prefix.join("lock")).map_err(|e| format!("lock file: {e}"))?;
    lock.lock().map_err(|e| format!("cannot lock {}: {e}", prefix.display()))?;
    let program = prefix.join("node_modules/.bin").join(bin);
    let marker = prefix.join("installed.txt");
    if !program.is_file() || std::fs::read_to_string(&marker).ok().as_deref() != Some(package) {
        let npm = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
            .arg(&prefix)
            .arg(package)
            .output()
            .map_err(|e| format!("cannot run npm: {e}"))?;
        if !npm.status.success() {
            return Err(format!(
                "npm install {package} failed:\n{}{}",
                String::from_utf8_lossy(&npm.stdout),
                String::from_utf8_lossy(&npm.stderr)
            ));
        }
        std::fs::write(&marker, package).map_err(|e| format!("cannot write the marker: {e}"))?;
    }
    Ok(program)
}
