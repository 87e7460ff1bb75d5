//! `hblint server` in a real editor: Neovim's built-in LSP client, headless, opens a page
//! (`scripts/nvim-lsp.sh`) and shows what `hblint check` reports. Without Neovim the test
//! skips, unless `CI` is set (`.ci/run` installs Debian's `neovim`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn nvim() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join("nvim")).find(|candidate| candidate.is_file())
}

#[test]
fn neovim_shows_the_diagnostics_check_reports() {
    if nvim().is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but Neovim is missing: .ci/run installs it (apt-get install -y neovim)"
        );
        eprintln!("skipped: Neovim is not installed (apt-get install -y neovim); CI runs this test");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = root.join("fixtures/JF004-inherited-duplicate-bullet/bad.md");
    let hblint = assert_cmd::cargo::cargo_bin("hblint");
    let cache = tempfile::tempdir().unwrap();
    let shown = Command::new("bash")
        .arg(root.join("scripts/nvim-lsp.sh"))
        .arg(&page)
        .arg(&hblint)
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.status.success(), "nvim-lsp.sh failed: {stdout}{}", String::from_utf8_lossy(&shown.stderr));
    // What Neovim shows: LINE:COLUMN SEVERITY CODE MESSAGE; what check says: PATH:LINE:COLUMN: CODE MESSAGE.
    let in_editor: Vec<String> = stdout
        .lines()
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let (place, _severity, rest) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
            format!("{place}: {rest}")
        })
        .collect();
    let check = Command::new(&hblint).args(["check", "--format", "concise"]).arg(&page).output().unwrap();
    let prefix = format!("{}:", page.display());
    let from_check: Vec<String> = String::from_utf8(check.stdout)
        .unwrap()
        .lines()
        .map(|line| line.strip_prefix(&prefix).unwrap_or(line).to_string())
        .collect();
    assert_eq!(in_editor.len(), 8, "{stdout}");
    assert_eq!(in_editor, from_check);
}
