//! What the GitLab template's tests share: the template's jobs, their scripts run by `sh` as a
//! runner runs them, throw-away repositories laid out as GitLab's pipelines see them (an
//! `origin`, a default-branch clone, a merge-request clone on its branch), and GitLab's Code
//! Quality comparison of two reports.

// Not every test binary that includes this module calls every helper.
#![allow(dead_code)]

use crate::common::git;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

/// The template as GitLab reads it.
pub fn template() -> Yaml {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/hblint.gitlab-ci.yml");
    let text = std::fs::read_to_string(path).expect("template exists");
    YamlLoader::load_from_str(&text).expect("valid YAML").remove(0)
}

/// A job's `script` lines.
pub fn script(job: &Yaml) -> Vec<String> {
    job["script"].as_vec().expect("script list").iter().map(|l| l.as_str().expect("string").to_string()).collect()
}

/// Whether git runs here (the tests that need a repository skip without it).
pub fn have_git() -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        eprintln!("skipped: git is not installed");
    }
    found
}

/// Runs a job's script lines in `sh` with the test's `hblint` first on PATH, stopping at the
/// first failure like a runner; returns the exit code of the last line run.
pub fn run_script(dir: &Path, lines: &[String], env: &[(&str, &str)]) -> i32 {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_hblint")).parent().expect("bin dir").to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    for line in lines {
        let output = Command::new("sh")
            .current_dir(dir)
            .args(["-c", line])
            .env("PATH", &path)
            .envs(env.iter().copied())
            .output()
            .expect("sh runs");
        // The job log, shown when the test fails.
        eprint!("$ {line}\n{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        let code = output.status.code().unwrap_or(-1);
        if code != 0 {
            return code;
        }
    }
    0
}

/// A project on a GitLab instance, in a temporary folder: `origin.git` (the instance's copy),
/// the default branch `main` pushed there, and clones made as a runner makes them.
pub struct Project {
    pub work: tempfile::TempDir,
}

impl Project {
    /// A project whose default branch holds `files` (path, text).
    pub fn new(files: &[(&str, &str)]) -> Project {
        Project::seeded(|seed| {
            for (path, text) in files {
                write(seed, path, text);
            }
        })
    }

    /// A project whose default branch holds a copy of the folder `from` as `under`.
    pub fn copy_of(from: &Path, under: &str) -> Project {
        Project::seeded(|seed| copy_dir(from, &seed.join(under)))
    }

    fn seeded(fill: impl FnOnce(&Path)) -> Project {
        let work = tempfile::tempdir().expect("tempdir");
        let seed = work.path().join("seed");
        std::fs::create_dir_all(&seed).expect("mkdir");
        git(&seed, &["init", "-q", "-b", "main"]);
        fill(&seed);
        git(&seed, &["add", "."]);
        git(&seed, &["commit", "-q", "-m", "handbook"]);
        let origin = work.path().join("origin.git");
        git(work.path(), &["clone", "-q", "--bare", path_str(&seed), path_str(&origin)]);
        Project { work }
    }

    /// The folder that holds the project's temporary clones.
    pub fn root(&self) -> &Path {
        self.work.path()
    }

    pub fn origin(&self) -> PathBuf {
        self.work.path().join("origin.git")
    }

    /// Pushes a branch made from `main` with `changes` (path, text or `None` to delete) to origin.
    pub fn push_branch(&self, branch: &str, changes: &[(&str, Option<&str>)]) {
        let dir = self.work.path().join(format!("edit-{branch}"));
        git(self.work.path(), &["clone", "-q", path_str(&self.origin()), path_str(&dir)]);
        git(&dir, &["checkout", "-q", "-b", branch]);
        for (path, text) in changes {
            match text {
                Some(text) => write(&dir, path, text),
                None => std::fs::remove_file(dir.join(path)).expect("remove"),
            }
        }
        git(&dir, &["add", "-A"]);
        git(&dir, &["commit", "-q", "-m", branch]);
        git(&dir, &["push", "-q", "origin", branch]);
    }

    /// The clone a runner makes for a pipeline on `branch`: that branch checked out and, as in
    /// a merge-request pipeline, no other branch fetched (the MR job fetches its target).
    pub fn job_clone(&self, name: &str, branch: &str) -> PathBuf {
        let dir = self.work.path().join(name);
        git(self.work.path(), &["clone", "-q", "-b", branch, path_str(&self.origin()), path_str(&dir)]);
        if branch != "main" {
            git(&dir, &["update-ref", "-d", "refs/remotes/origin/main"]);
        }
        dir
    }
}

/// Writes `text` to `relative` under `root`, creating its folders.
pub fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
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

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// A Code Quality report as GitLab keeps it: its degradations by fingerprint (a later
/// degradation with the same fingerprint replaces the earlier, as in GitLab's
/// `CodequalityReports#add_degradation`); several reports of one pipeline (parallel jobs) are
/// merged into one.
pub fn degradations(reports: &[PathBuf]) -> BTreeMap<String, serde_json::Value> {
    let mut by_fingerprint = BTreeMap::new();
    for report in reports {
        let text = std::fs::read_to_string(report).unwrap_or_else(|e| panic!("{}: {e}", report.display()));
        let issues: Vec<serde_json::Value> = serde_json::from_str(&text).expect("a JSON array");
        for issue in issues {
            let fingerprint = issue["fingerprint"].as_str().expect("a fingerprint").to_string();
            by_fingerprint.insert(fingerprint, issue);
        }
    }
    by_fingerprint
}

/// What the merge-request widget lists, as GitLab's `CodequalityReportsComparer` computes it:
/// new = head − base and resolved = base − head, by fingerprint. Each finding as
/// `path:line CHECK`.
pub struct Comparison {
    pub new: Vec<String>,
    pub resolved: Vec<String>,
}

pub fn compare(base: &BTreeMap<String, serde_json::Value>, head: &BTreeMap<String, serde_json::Value>) -> Comparison {
    let only_in = |from: &BTreeMap<String, serde_json::Value>, other: &BTreeMap<String, serde_json::Value>| {
        let mut found: Vec<String> = from
            .iter()
            .filter(|(fingerprint, _)| !other.contains_key(*fingerprint))
            .map(|(_, issue)| {
                let path = issue["location"]["path"].as_str().expect("a path");
                format!(
                    "{path}:{} {}",
                    issue["location"]["lines"]["begin"],
                    issue["check_name"].as_str().expect("a check")
                )
            })
            .collect();
        found.sort();
        found
    };
    Comparison { new: only_in(head, base), resolved: only_in(base, head) }
}

/// The fenced block of `language` that follows `marker` in README.md.
pub fn readme_block(marker: &str, language: &str) -> String {
    let readme = include_str!("../../README.md");
    let from = readme.find(marker).unwrap_or_else(|| panic!("README.md has no '{marker}'"));
    let fence = format!("```{language}\n");
    let start = readme[from..].find(&fence).map(|i| from + i + fence.len()).expect("a fenced block");
    let end = readme[start..].find("```").map(|i| start + i).expect("a closed block");
    readme[start..end].to_string()
}
