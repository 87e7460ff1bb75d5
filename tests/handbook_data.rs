//! The handbook's data files in a real repository: `data/misused_terms.yml` feeds IL004,
//! `data/inclusiveness_check.yml` keeps the inclusive-language rules off the pages it lists and
//! IL007 reports its stale entries in every output format; a malformed file stops the run.
//! Then the real files of the corpus, read as-is (skipped when `../shared/corpus` is absent).

mod common;

use assert_cmd::Command;
use common::git;
use hblint::rules::inclusive::misused_terms::literal_terms;
use std::path::{Path, PathBuf};

const TERMS: &str = "\
- avoid:
  - Employees
  use_instead:
  - Team members
  reason: We have team members who are contractors.
  exclude_from_exports: false
";

const SKIP_LIST: &str = "\
checked:
  - /source/job-families/**/*
skipped:
  - source/job-families/skipped/index.html.md 
  - /source/job-families/gone/index.html.md
";

/// A job-family page with one gendered pronoun and one misused term.
const PAGE: &str = "\
---
layout: job_family_page
title: \"Specialist\"
---

## Specialist

### Job Grade

The Specialist is a [grade 6](/handbook/total-rewards/compensation/compensation-calculator/#gitlab-job-grades).

### Responsibilities

* Help new employees when he is away.
";

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A committed repository: the two data files, a checked page, a skipped page, a page outside
/// the checked globs.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    write(root, "data/misused_terms.yml", TERMS);
    write(root, "data/inclusiveness_check.yml", SKIP_LIST);
    write(root, "sites/uncategorized/source/job-families/checked/index.html.md", PAGE);
    write(root, "sites/uncategorized/source/job-families/skipped/index.html.md", PAGE);
    write(root, "sites/handbook/source/handbook/hiring/index.html.md", PAGE);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "handbook"]);
    dir
}

fn hblint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("hblint").expect("binary").current_dir(dir).args(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn git_available() -> bool {
    let found = std::process::Command::new("git").arg("--version").output().is_ok();
    if !found {
        eprintln!("skipped: git is not installed");
    }
    found
}

#[test]
fn skipped_pages_get_no_inclusive_findings_and_stale_entries_are_reported() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let (code, stdout, stderr) = hblint(repo.path(), &["check", ".", "--select", "inclusive", "--format", "concise"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let checked = "sites/uncategorized/source/job-families/checked/index.html.md";
    // The skipped page and the page outside `checked:` get nothing; the stale entry comes after
    // the pages, at its line in the skip file.
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            format!("{checked}:14:12: IL004 'employees' is on the handbook's list of misused terms"),
            format!("{checked}:14:27: IL003 gendered pronoun 'he'"),
            "data/inclusiveness_check.yml:5:5: IL007 '/source/job-families/gone/index.html.md' on the skip list matches no page"
                .to_string(),
        ]
    );
}

#[test]
fn stale_entries_reach_every_format_and_the_exit_code() {
    if !git_available() {
        return;
    }
    let repo = repository();
    for format in hblint::output::FORMATS.iter().map(|f| f.name) {
        let (code, stdout, stderr) = hblint(repo.path(), &["check", ".", "--select", "IL007", "--format", format]);
        assert_eq!(code, 1, "{format}: {stdout}{stderr}");
        assert!(stdout.contains("IL007") || stdout.contains("stale-skip-entry"), "{format}: {stdout}");
        assert!(stdout.contains("inclusiveness_check.yml"), "{format}: {stdout}");
    }
    // Named files (pre-commit, editors) do not report the repository's stale entries.
    let page = "sites/uncategorized/source/job-families/checked/index.html.md";
    let (code, stdout, _) = hblint(repo.path(), &["check", page, "--select", "IL007", "--format", "concise"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn changed_since_reports_stale_entries_only_when_the_skip_file_changed() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let root = repo.path();
    git(root, &["checkout", "-q", "-b", "feature"]);
    write(root, "sites/uncategorized/source/job-families/checked/index.html.md", &format!("{PAGE}* More.\n"));
    git(root, &["commit", "-q", "-am", "a page"]);
    let args = ["check", "--changed-since", "main", "--select", "IL007", "--format", "concise"];
    let (code, stdout, _) = hblint(root, &args);
    assert_eq!((code, stdout.as_str()), (0, ""), "an unrelated change is not failed for the list");
    write(root, "data/inclusiveness_check.yml", &format!("{SKIP_LIST}  - source/job-families/checked/index.html.md\n"));
    git(root, &["commit", "-q", "-am", "skip a page"]);
    let (code, stdout, _) = hblint(root, &args);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("data/inclusiveness_check.yml:5:5: IL007"), "{stdout}");
    // --new-only and --new-findings keep a stale entry on a line the change added, not the old
    // one on line 5 (which the target branch's report has too: the widget does not call it new).
    write(root, "data/inclusiveness_check.yml", &format!("{SKIP_LIST}  - /source/job-families/gone2/index.html.md\n"));
    let expected = "data/inclusiveness_check.yml:6:5: IL007 '/source/job-families/gone2/index.html.md' on the skip list matches no page\n";
    for filter in ["--new-only", "--new-findings"] {
        let (code, stdout, stderr) = hblint(root, &[&args[..], &[filter]].concat());
        assert_eq!((code, stdout.as_str()), (1, expected), "{filter}: {stderr}");
    }
}

#[test]
fn a_malformed_data_file_stops_the_run_at_its_line() {
    if !git_available() {
        return;
    }
    let repo = repository();
    write(repo.path(), "data/misused_terms.yml", "- avoid:\n  - Employees\n- use_instead: [Team members]\n");
    let (code, stdout, stderr) = hblint(repo.path(), &["check", "."]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("data/misused_terms.yml:3:3: an entry needs 'avoid'"), "{stderr}");
    write(repo.path(), "data/misused_terms.yml", TERMS);
    write(repo.path(), "data/inclusiveness_check.yml", "skipped:\n  - [a, b\n");
    let (code, _, stderr) = hblint(repo.path(), &["check", "."]);
    assert_eq!(code, 2);
    assert!(stderr.contains("data/inclusiveness_check.yml:"), "{stderr}");
}

#[test]
fn hblint_toml_points_at_data_files_elsewhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "lists/terms.yml", TERMS);
    write(root, "pages/job-families/a/index.html.md", PAGE);
    write(root, "hblint.toml", "[handbook]\nmisused-terms = \"lists/terms.yml\"\n");
    let (code, stdout, _) = hblint(root, &["check", "pages", "--select", "IL004", "--format", "concise"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("IL004 'employees'"), "{stdout}");
    write(root, "hblint.toml", "[handbook]\nmisused-terms = \"lists/missing.yml\"\n");
    let (code, _, stderr) = hblint(root, &["check", "pages"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("hblint.toml:2:17: no such file: 'lists/missing.yml'"), "{stderr}");
}

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/corpus is absent (it holds the handbook's real data files and pages)");
        None
    }
}

/// The corpus holds part of the handbook: of the skip list's entries, those naming one of its
/// job-family pages match, the others are stale against this export (not against the handbook).
#[test]
fn the_real_skip_list_and_term_list_read_as_is() {
    let Some(corpus) = corpus() else { return };
    let skip_path = corpus.join("configs/www-gitlab-com/data/inclusiveness_check.yml");
    let text = std::fs::read_to_string(&skip_path).expect("skip list");
    let list = hblint::config::handbook::parse_skip_list(&skip_path, &text, corpus.clone()).expect("valid");
    // 206 entries (the issue counted 202), five of them twice once normalized.
    assert_eq!(list.entries.len(), 206);
    let pages = hblint::walk::collect(&[corpus.join("job-families")]).files;
    let stale = list.stale(pages.iter().map(PathBuf::as_path));
    let skipped = pages.iter().filter(|p| !list.checks(p)).count();
    eprintln!("entries matching a corpus page: {}, pages skipped: {skipped}", list.entries.len() - stale.len());
    assert_eq!(list.entries.len() - stale.len(), EXPECTED_SKIPPED_IN_CORPUS);
    assert_eq!(skipped, EXPECTED_SKIPPED_PAGES);

    let terms_path = corpus.join("configs/content-sites-handbook/data/misused_terms.yml");
    let text = std::fs::read_to_string(&terms_path).expect("term list");
    let entries = hblint::config::handbook::parse_misused_terms(&terms_path, &text).expect("valid");
    let rule =
        hblint::rules::inclusive::il004_misused_term::MisusedTerm::from_entries(&entries).expect("the terms compile");
    assert_eq!((entries.len(), rule.term_count()), (EXPECTED_ENTRIES, EXPECTED_TERMS));
    // The avoid strings that are descriptions or context-dependent, not literal terms.
    let not_literal: Vec<&str> = entries
        .iter()
        .flat_map(|e| e.avoid.iter().filter(|a| literal_terms(e, a).is_err()).map(String::as_str))
        .collect();
    assert_eq!(
        not_literal,
        [
            "Enterprise Edition to reference a specific code or \"Paid\" users",
            "EE Code or EE to reference a specific code or \"Paid\" users",
            "Community Edition to reference a specific code or \"Free\" users",
            "CE to reference a specific code or \"Free\" users",
            "They",
            "Non-technical",
            "Documentation",
            "Customer names mentioned in recorded or streamed meetings",
            "CPO as an abbreviation for Chief Product Officer",
            "TAM as an abbreviation for Total Addressable Marketing",
            "Seasons (Autumn/Fall/Spring/Summer/Winter)",
            "Master (unless used to describe the mastery of a specific topic. )",
            "SaaS (when referring to GitLab.com or Dedicated)",
        ]
    );
}

const EXPECTED_SKIPPED_IN_CORPUS: usize = 88;
const EXPECTED_SKIPPED_PAGES: usize = 86;
const EXPECTED_ENTRIES: usize = 58;
const EXPECTED_TERMS: usize = 64;
