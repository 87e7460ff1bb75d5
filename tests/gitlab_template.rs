//! The GitLab CI template: its jobs have what GitLab needs, and their scripts, run by a shell as
//! a runner would (with the variables GitLab sets), lint the right files and write both reports.

mod common;

use common::git;
use std::path::Path;
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

fn template() -> Yaml {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/hblint.gitlab-ci.yml");
    let text = std::fs::read_to_string(path).expect("template exists");
    YamlLoader::load_from_str(&text).expect("valid YAML").remove(0)
}

fn script(job: &Yaml) -> Vec<String> {
    job["script"].as_vec().expect("script list").iter().map(|l| l.as_str().expect("string").to_string()).collect()
}

/// Runs a job's script lines in `sh`, stopping at the first failure like a runner; returns the
/// exit code of the last line run.
fn run_script(dir: &Path, lines: &[String], env: &[(&str, &str)]) -> i32 {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_hblint")).parent().expect("bin dir").to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    for line in lines {
        let status = Command::new("sh")
            .current_dir(dir)
            .args(["-c", line])
            .env("PATH", &path)
            .envs(env.iter().copied())
            .status()
            .expect("sh runs");
        let code = status.code().unwrap_or(-1);
        if code != 0 {
            return code;
        }
    }
    0
}

#[test]
fn jobs_have_rules_reports_and_history() {
    let doc = template();
    let base = &doc[".hblint"];
    assert_eq!(base["artifacts"]["when"].as_str(), Some("always"), "reports even when findings fail the job");
    assert_eq!(base["artifacts"]["reports"]["codequality"].as_str(), Some("gl-code-quality-report.json"));
    assert_eq!(base["artifacts"]["reports"]["junit"].as_str(), Some("hblint-junit.xml"));
    assert_eq!(base["cache"]["paths"][0].as_str(), Some(".hblint/"), "the built binary is cached");
    let mr = &doc["hblint-mr"];
    assert_eq!(mr["extends"].as_str(), Some(".hblint"));
    assert!(mr["rules"][0]["if"].as_str().is_some_and(|r| r.contains("merge_request_event")));
    assert_eq!(mr["variables"]["GIT_DEPTH"].as_i64(), Some(0), "--changed-since needs history");
    let full = &doc["hblint"];
    assert!(full["rules"][0]["if"].as_str().is_some_and(|r| r.contains("CI_DEFAULT_BRANCH")));
    assert!(script(full).iter().any(|l| l.contains("--shard")), "parallel: N splits the run");
}

#[test]
fn job_scripts_lint_the_merge_request_and_the_shards() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let doc = template();
    let work = tempfile::tempdir().expect("tempdir");
    let origin = work.path().join("origin.git");
    let seed = work.path().join("seed");
    std::fs::create_dir_all(&seed).expect("mkdir");
    git(&seed, &["init", "-q", "-b", "main"]);
    for i in 0..6 {
        std::fs::write(seed.join(format!("page{i}.md")), format!("# Page {i}\n\nAn old recieve.\n")).expect("write");
    }
    git(&seed, &["add", "."]);
    git(&seed, &["commit", "-q", "-m", "pages"]);
    git(work.path(), &["clone", "-q", "--bare", seed.to_str().expect("utf-8"), origin.to_str().expect("utf-8")]);

    // The merge-request pipeline: a clone on the feature commit, the target branch not fetched.
    let job = work.path().join("job");
    git(work.path(), &["clone", "-q", origin.to_str().expect("utf-8"), job.to_str().expect("utf-8")]);
    git(&job, &["checkout", "-q", "-b", "feature"]);
    std::fs::write(job.join("new.md"), "# New\n\nA page to acheive things.\n").expect("write");
    git(&job, &["add", "."]);
    git(&job, &["commit", "-q", "-m", "new page"]);
    git(&job, &["update-ref", "-d", "refs/remotes/origin/main"]);
    let vars = [("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"), ("HBLINT_ARGS", ""), ("HBLINT_PATHS", ".")];
    let code = run_script(&job, &script(&doc["hblint-mr"]), &vars);
    assert_eq!(code, 1, "the new page's finding fails the job");
    let report = std::fs::read_to_string(job.join("gl-code-quality-report.json")).expect("Code Quality report");
    let issues: serde_json::Value = serde_json::from_str(&report).expect("JSON");
    let issues = issues.as_array().expect("array");
    assert_eq!(issues.len(), 1, "only the changed page: {report}");
    assert_eq!(issues[0]["location"]["path"], "new.md");
    assert!(std::fs::read_to_string(job.join("hblint-junit.xml")).expect("JUnit report").contains("new.md"));

    // The default-branch job, split in two shards: together they cover every page once.
    let mut paths = Vec::new();
    for index in ["1", "2"] {
        let vars = [("CI_NODE_INDEX", index), ("CI_NODE_TOTAL", "2"), ("HBLINT_ARGS", ""), ("HBLINT_PATHS", ".")];
        run_script(&seed, &script(&doc["hblint"]), &vars);
        let report = std::fs::read_to_string(seed.join("gl-code-quality-report.json")).expect("report");
        let issues: serde_json::Value = serde_json::from_str(&report).expect("JSON");
        paths.extend(issues.as_array().expect("array").iter().map(|i| i["location"]["path"].to_string()));
    }
    paths.sort();
    let before = paths.len();
    paths.dedup();
    assert_eq!((before, paths.len()), (6, 6), "{paths:?}");
}

/// The default-branch job runs the rules that replace the handbook's job-family job, with the
/// handbook's data files read from the repository root.
#[test]
fn the_full_job_runs_the_job_family_inclusive_rules_with_the_data_files() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let doc = template();
    let repo = tempfile::tempdir().expect("tempdir");
    let root = repo.path();
    git(root, &["init", "-q", "-b", "main"]);
    let write = |relative: &str, text: &str| {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write(
        "data/misused_terms.yml",
        "- avoid:\n  - Employees\n  use_instead:\n  - Team members\n  reason: Contractors.\n",
    );
    write("data/inclusiveness_check.yml", "skipped:\n  - source/job-families/gone/index.html.md\n");
    write(
        "source/job-families/a/index.html.md",
        "---\nlayout: job_family_page\ntitle: A\n---\n\n## A\n\n### Job Grade\n\nThe A is a grade 6.\n\n* Help employees when he is away.\n",
    );
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "handbook"]);
    let vars = [("HBLINT_ARGS", "--select inclusive"), ("HBLINT_PATHS", ".")];
    assert_eq!(run_script(root, &script(&doc["hblint"]), &vars), 1);
    let report = std::fs::read_to_string(root.join("gl-code-quality-report.json")).expect("report");
    for code in ["IL003", "IL004", "IL007"] {
        assert!(report.contains(code), "{code} missing from {report}");
    }
}
