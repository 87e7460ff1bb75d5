//! The result cache never changes a result: after every kind of change (a page, a page another
//! page links to, `hblint.toml`, the markdownlint configuration, a pack, the hblint build) a
//! cached run prints byte for byte what a run with `--no-cache` prints.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

struct Project {
    _dir: tempfile::TempDir,
    root: PathBuf,
    cache: PathBuf,
}

impl Project {
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        common::git(&root, &["init", "-q"]);
        // A Middleman content folder: link rules read the site index.
        write(&root.join("hblint.toml"), "select = [\"PR\", \"LK\", \"JF\", \"MD\"]\n[site]\ncontent = [\".\"]\n");
        write(&root.join(".markdownlint.json"), "{ \"MD013\": { \"line_length\": 60 } }\n");
        write(&root.join("handbook/values.html.md"), "# Values\n\n## Iteration\n\nWork with with Gitlab.\n");
        write(
            &root.join("handbook/index.html.md"),
            "# Handbook\n\nSee [iteration](/handbook/values/#iteration) and a line that is longer than sixty characters.\n",
        );
        // Hidden, as the default `.hblint_cache` is: the site index serves no hidden folder,
        // so the cache's own files are no routes of the site.
        let cache = root.join(".cache");
        Project { _dir: dir, root, cache }
    }

    fn run(&self, binary: &Path, args: &[&str]) -> (Option<i32>, String) {
        let output =
            Command::new(binary).arg("check").args(args).current_dir(&self.root).env_remove("CI").output().unwrap();
        let text = format!(
            "{}\n--- stderr\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.code(), text)
    }

    /// Runs with the cache and without, in the human and JSON formats; asserts they agree and
    /// returns the cached human output.
    fn agree(&self, binary: &Path, step: &str) -> String {
        let cache = self.cache.to_str().unwrap();
        let mut human = String::new();
        for format in ["human", "json"] {
            let cached = self.run(binary, &["--format", format, "--cache-dir", cache, "."]);
            let uncached = self.run(binary, &["--format", format, "--no-cache", "."]);
            assert_eq!(cached, uncached, "{step}: the cached run differs ({format})");
            if format == "human" {
                human = cached.1;
            }
        }
        human
    }

    /// Every cache entry's text with `from` replaced by `to` (of the same length: entries are
    /// found by offset); how many data files had it.
    fn tamper(&self, from: &str, to: &str) -> usize {
        assert_eq!(from.len(), to.len());
        let mut changed = 0;
        for entry in walk(&self.cache) {
            let text = std::fs::read_to_string(&entry).unwrap_or_default();
            if text.contains(from) {
                std::fs::write(&entry, text.replace(from, to)).unwrap();
                changed += 1;
            }
        }
        changed
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn hblint() -> PathBuf {
    assert_cmd::cargo::cargo_bin("hblint")
}

#[test]
fn a_cached_run_prints_what_an_uncached_run_prints_after_every_kind_of_change() {
    let project = Project::new();
    let binary = hblint();
    let first = project.agree(&binary, "first run");
    assert!(first.contains("PR201") && first.contains("MD013"), "{first}");
    assert!(!first.contains("LK002"), "{first}");
    assert!(project.cache.join(".gitignore").is_file() && project.cache.join("CACHEDIR.TAG").is_file());

    // The second run reads the cache: an entry changed by hand shows (and is then undone).
    assert_eq!(project.tamper("'with' is repeated", "'with' is REPEATED"), 2, "one segment a format");
    let (_, read) = project.run(&binary, &["--cache-dir", project.cache.to_str().unwrap(), "."]);
    assert!(read.contains("'with' is REPEATED"), "{read}");
    project.tamper("'with' is REPEATED", "'with' is repeated");
    project.agree(&binary, "second run");

    // A page edited.
    write(&project.root.join("handbook/values.html.md"), "# Values\n\n## Iteration\n\nWork with GitLab.\n");
    let edited = project.agree(&binary, "a page edited");
    assert!(!edited.contains("PR201"), "{edited}");

    // The page another links to loses the heading: the linking page, unchanged, gets LK002.
    write(&project.root.join("handbook/values.html.md"), "# Values\n\n## Iterate\n\nWork with GitLab.\n");
    let unlinked = project.agree(&binary, "a linked page edited");
    assert!(unlinked.contains("LK002"), "{unlinked}");

    // hblint.toml, the markdownlint configuration, a pack.
    write(
        &project.root.join("hblint.toml"),
        "select = [\"PR\", \"LK\", \"JF\", \"MD\", \"TM\"]\npacks = [\"terms.toml\"]\n[severity]\nLK002 = \"error\"\n[site]\ncontent = [\".\"]\n",
    );
    let pack = "[pack]\nname = \"terms\"\nprefix = \"TM\"\ndescription = \"our terms\"\n\n[[rule]]\ncode = \"TM001\"\nname = \"say-handbook\"\nkind = \"substitution\"\nseverity = \"warning\"\nscope = \"text\"\nmessage = \"say '{replacement}'\"\nsummary = \"our word\"\ndocs = \"Our word.\"\nswap = { \"Values\" = \"Principles\" }\n";
    write(&project.root.join("terms.toml"), pack);
    let configured = project.agree(&binary, "hblint.toml and a pack");
    assert!(configured.contains("error[LK002]") && configured.contains("TM001"), "{configured}");
    write(&project.root.join(".markdownlint.json"), "{ \"MD013\": { \"line_length\": 200 } }\n");
    assert!(!project.agree(&binary, "the markdownlint configuration").contains("MD013"));
    write(&project.root.join("terms.toml"), &pack.replace("\"Values\"", "\"Handbook\""));
    let repacked = project.agree(&binary, "the pack edited");
    assert!(repacked.contains("'Principles'") && repacked.contains("handbook/index.html.md"), "{repacked}");

    // Another build of hblint (a new version, or a rebuild) never reads this build's entries.
    assert!(project.tamper("is no anchor on", "is NO ANCHOR on") > 0);
    let other = tempfile::tempdir().unwrap();
    let copy = other.path().join("hblint");
    std::fs::copy(&binary, &copy).unwrap();
    let (_, by_copy) = project.run(&copy, &["--cache-dir", project.cache.to_str().unwrap(), "."]);
    assert!(!by_copy.contains("NO ANCHOR") && by_copy.contains("is no anchor on"), "{by_copy}");
    project.agree(&copy, "another build");
}

#[test]
fn ci_and_no_cache_leave_no_cache_behind() {
    let project = Project::new();
    let binary = hblint();
    let run = |envs: &[(&str, &str)], args: &[&str]| {
        let status = Command::new(&binary)
            .arg("check")
            .args(args)
            .arg(".")
            .current_dir(&project.root)
            .env_remove("CI")
            .envs(envs.iter().copied())
            .output()
            .unwrap()
            .status;
        assert_eq!(status.code(), Some(1));
    };
    run(&[("CI", "true")], &[]);
    run(&[], &["--no-cache"]);
    assert!(!project.root.join(".hblint_cache").exists());
    run(&[], &[]);
    assert!(project.root.join(".hblint_cache/CACHEDIR.TAG").is_file());
    // The walk does not lint the cache, and git ignores it.
    let status = common::git_output(&project.root, &["status", "--porcelain", "--untracked-files=all"], &[]);
    assert!(!String::from_utf8_lossy(&status.stdout).contains(".hblint_cache"));
}
