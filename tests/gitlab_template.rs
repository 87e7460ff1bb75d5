//! The GitLab CI template: its jobs have what GitLab needs, and their scripts, run by a shell as
//! a runner would (with the variables GitLab sets), lint the right files and write both reports.

mod common;
mod gitlab_ci;

use common::git;
use gitlab_ci::{have_git, run_script, script, template};

#[test]
fn jobs_have_rules_reports_and_history() {
    let doc = template();
    let base = &doc[".hblint"];
    assert_eq!(base["artifacts"]["when"].as_str(), Some("always"), "reports even when findings fail the job");
    assert_eq!(base["artifacts"]["reports"]["codequality"].as_str(), Some("gl-code-quality-report.json"));
    assert_eq!(base["artifacts"]["reports"]["junit"].as_str(), Some("hblint-junit.xml"));
    // Installed with pip from a package index, no Rust build and so no cache that only a
    // passing job would save.
    assert!(base["cache"].is_badvalue(), "nothing to cache: the wheel installs in seconds");
    let install = base["before_script"][0].as_str().expect("the install step");
    assert!(install.contains("pip install") && install.contains("--index-url \"$HBLINT_INDEX_URL\""), "{install}");
    assert!(!install.contains("cargo"), "{install}");
    let variables = &doc["variables"];
    assert!(variables["HBLINT_INDEX_URL"].as_str().is_some_and(|u| u.ends_with("/packages/pypi/simple")));
    assert_eq!(base["image"].as_str(), Some("$HBLINT_IMAGE"));
    assert!(variables["HBLINT_IMAGE"].as_str().is_some_and(|i| i.starts_with("python:3")));

    let mr = &doc["hblint-mr"];
    assert_eq!(mr["extends"].as_str(), Some(".hblint"));
    assert!(mr["rules"][0]["if"].as_str().is_some_and(|r| r.contains("merge_request_event")));
    assert_eq!(mr["variables"]["GIT_DEPTH"].as_i64(), Some(0), "--changed-since needs history");
    let runs: Vec<String> = script(mr).into_iter().filter(|l| l.starts_with("hblint check")).collect();
    assert_eq!(runs.len(), 2, "a full-tree report, then the gate: {runs:?}");
    assert!(
        runs[0].contains("--exit-zero") && runs[0].contains("--output gitlab=") && !runs[0].contains("--changed-since")
    );
    assert!(
        runs[1].contains("--changed-since") && runs[1].contains("$HBLINT_MR_ARGS") && !runs[1].contains("--output")
    );
    assert_eq!(variables["HBLINT_MR_ARGS"].as_str(), Some("--new-findings"));

    let full = &doc["hblint"];
    assert!(full["rules"][0]["if"].as_str().is_some_and(|r| r.contains("CI_DEFAULT_BRANCH")));
    assert!(script(full).iter().any(|l| l.contains("--shard")), "parallel: N splits the run");
    assert!(script(full).iter().any(|l| l.contains("$HBLINT_FULL_RUN_ARGS")));
    // Findings that predate hblint leave a warning on the default branch, errors fail it.
    assert_eq!(full["allow_failure"]["exit_codes"][0].as_i64(), Some(1));
}

/// Pages with a finding each (a misspelling), and one clean page.
fn pages() -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> =
        (0..6).map(|i| (format!("page{i}.md"), format!("# Page {i}\n\nAn old recieve.\n"))).collect();
    pages.push(("clean.md".to_string(), "# Clean\n\nNothing to see.\n".to_string()));
    pages
}

fn issues(report: &std::path::Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(report).expect("Code Quality report");
    serde_json::from_str(&text).expect("a JSON array")
}

#[test]
fn the_merge_request_job_reports_the_tree_and_fails_on_the_change() {
    if !have_git() {
        return;
    }
    let doc = template();
    let pages = pages();
    let files: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let project = gitlab_ci::Project::new(&files);
    project.push_branch("feature", &[("new.md", Some("# New\n\nA page to acheive things.\n"))]);
    project.push_branch("clean-change", &[("clean.md", Some("# Clean\n\nNothing to see here.\n"))]);
    project.push_branch("no-pages", &[("data/terms.yml", Some("- a\n"))]);
    let vars = [
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
        ("HBLINT_ARGS", ""),
        ("HBLINT_MR_ARGS", "--new-findings"),
        ("HBLINT_PATHS", "."),
    ];
    let job = project.job_clone("feature-job", "feature");
    assert_eq!(run_script(&job, &script(&doc["hblint-mr"]), &vars), 1, "the new page's finding fails the job");
    // Both reports hold every finding of the tree, the new page's with the others.
    let report = issues(&job.join("gl-code-quality-report.json"));
    let mut paths: Vec<&str> = report.iter().map(|i| i["location"]["path"].as_str().expect("path")).collect();
    paths.sort();
    assert_eq!(paths, ["new.md", "page0.md", "page1.md", "page2.md", "page3.md", "page4.md", "page5.md"]);
    let junit = std::fs::read_to_string(job.join("hblint-junit.xml")).expect("JUnit report");
    assert!(junit.contains("new.md") && junit.contains("page5.md"), "{junit}");

    // A change without findings passes, though the tree has some; so does one without pages.
    for branch in ["clean-change", "no-pages"] {
        let job = project.job_clone(&format!("{branch}-job"), branch);
        assert_eq!(run_script(&job, &script(&doc["hblint-mr"]), &vars), 0, "{branch}");
        assert_eq!(issues(&job.join("gl-code-quality-report.json")).len(), 6, "{branch}: the tree's findings");
    }
}

#[test]
fn the_default_branch_job_splits_into_shards() {
    if !have_git() {
        return;
    }
    let doc = template();
    let pages = pages();
    let files: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let project = gitlab_ci::Project::new(&files);
    let main = project.job_clone("main-job", "main");
    // Split in two shards: together they cover every page once.
    let mut paths = Vec::new();
    for index in ["1", "2"] {
        let vars = [
            ("CI_NODE_INDEX", index),
            ("CI_NODE_TOTAL", "2"),
            ("HBLINT_ARGS", ""),
            ("HBLINT_FULL_RUN_ARGS", ""),
            ("HBLINT_PATHS", "."),
        ];
        assert_eq!(run_script(&main, &script(&doc["hblint"]), &vars), 1, "shard {index}");
        let report = issues(&main.join("gl-code-quality-report.json"));
        paths.extend(report.iter().map(|i| i["location"]["path"].to_string()));
    }
    paths.sort();
    let before = paths.len();
    paths.dedup();
    assert_eq!((before, paths.len()), (6, 6), "{paths:?}");
    // HBLINT_FULL_RUN_ARGS: "--exit-zero" keeps the default branch green, with the same report.
    let vars = [("HBLINT_ARGS", ""), ("HBLINT_FULL_RUN_ARGS", "--exit-zero"), ("HBLINT_PATHS", ".")];
    assert_eq!(run_script(&main, &script(&doc["hblint"]), &vars), 0);
    assert_eq!(issues(&main.join("gl-code-quality-report.json")).len(), 6);
}

/// The default-branch job runs the rules that replace the handbook's job-family job, with the
/// handbook's data files read from the repository root.
#[test]
fn the_full_job_runs_the_job_family_inclusive_rules_with_the_data_files() {
    if !have_git() {
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
    let vars = [("HBLINT_ARGS", "--select inclusive"), ("HBLINT_FULL_RUN_ARGS", ""), ("HBLINT_PATHS", ".")];
    assert_eq!(run_script(root, &script(&doc["hblint"]), &vars), 1);
    let report = std::fs::read_to_string(root.join("gl-code-quality-report.json")).expect("report");
    for code in ["IL003", "IL004", "IL007"] {
        assert!(report.contains(code), "{code} missing from {report}");
    }
}
