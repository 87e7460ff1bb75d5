//! Where the repository ends: ignore files above it do not decide what is linted, a walk that
//! finds nothing is an error, and `--changed-since` gives the same answer from a subfolder, from
//! outside the repository and whatever the user's git configuration says, with the work not yet
//! committed included.

mod common;

use common::git;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn git_installed() -> bool {
    if Command::new("git").arg("--version").output().is_ok() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "git is required under CI");
    eprintln!("skipped: git is not installed");
    false
}

fn hblint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hblint"))
        .current_dir(dir)
        .args(["check", "--color", "never", "--format", "concise"])
        .args(args)
        .output()
        .expect("hblint runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

/// A repository at `root` with `docs/a.md` (one old misspelling) committed on `main`, then a
/// branch `mr` whose commit adds a second misspelling on line 5.
fn repository_with_a_change(root: &Path) {
    git(root, &["init", "-q", "-b", "main"]);
    write(&root.join("docs/a.md"), "# A\n\nAn old recieve.\n");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "base"]);
    git(root, &["checkout", "-q", "-b", "mr"]);
    write(&root.join("docs/a.md"), "# A\n\nAn old recieve.\n\nA new acheive.\n");
    git(root, &["commit", "-q", "-am", "change"]);
}

/// A `.gitignore` of `*` above the repository (a home folder's, a CI runner's build folder's)
/// is not the repository's: its pages are linted, as git, rumdl and markdownlint-cli2 see them.
#[test]
fn ignore_files_above_the_repository_do_not_apply() {
    if !git_installed() {
        return;
    }
    let home = tempfile::tempdir().expect("tempdir");
    write(&home.path().join(".gitignore"), "*\n");
    let repo = home.path().join("builds/handbook");
    write(&repo.join("docs/a.md"), "# A\n\nAn old recieve.\n");
    write(&repo.join("docs/generated/b.md"), "# B\n\nAnother recieve.\n");
    // The repository's own .gitignore still applies.
    write(&repo.join(".gitignore"), "generated/\n");
    git(&repo, &["init", "-q"]);
    for (dir, args, shown) in [
        (repo.clone(), vec![], "docs/a.md"),
        (repo.clone(), vec!["docs"], "docs/a.md"),
        (repo.join("docs"), vec![], "a.md"),
    ] {
        let output = hblint(&dir, &args);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", stderr(&output));
        assert_eq!(stdout(&output), format!("{shown}:3:8: PR101 'recieve' is misspelled; did you mean 'receive'?\n"));
    }
}

/// Outside any repository (an export), the walked folders' own .gitignore files apply, and
/// none above them.
#[test]
fn an_export_keeps_its_own_ignore_files_only() {
    let home = tempfile::tempdir().expect("tempdir");
    write(&home.path().join(".gitignore"), "*\n");
    let export = home.path().join("export");
    write(&export.join(".gitignore"), "drafts/\n");
    write(&export.join("a.md"), "# A\n\nAn old recieve.\n");
    write(&export.join("drafts/b.md"), "# B\n\nAnother recieve.\n");
    let output = hblint(&export, &[]);
    assert_eq!(
        stdout(&output),
        "a.md:3:8: PR101 'recieve' is misspelled; did you mean 'receive'?\n",
        "{}",
        stderr(&output)
    );
}

/// A run given folders that hold nothing to lint says so and exits 2, rather than "No problems
/// in 0 files"; a change with no Markdown in it is a clean run.
#[test]
fn a_walk_that_finds_nothing_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("notes.txt"), "recieve\n");
    let output = hblint(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "hblint: error: no Markdown files (.md, .markdown, .md.erb) to lint in '.': check the path, and the .gitignore and .ignore files inside it and above it up to the repository root\n"
    );
    std::fs::create_dir(dir.path().join("empty")).expect("mkdir");
    let output = hblint(dir.path(), &["empty"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("to lint in 'empty'"), "{}", stderr(&output));
    // A configuration that excludes every page found says so too.
    write(&dir.path().join("docs/a.md"), "# A\n\nAn old recieve.\n");
    write(&dir.path().join("hblint.toml"), "exclude = [\"docs/\"]\n");
    let output = hblint(dir.path(), &["docs"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "hblint: error: the 1 Markdown file in 'docs' is excluded by the configuration's `exclude` ('hblint config docs' shows where it is set)\n"
    );
    // A broken configuration is said before an empty walk.
    write(&dir.path().join("hblint.toml"), "fail-on = \"sometimes\"\n");
    let output = hblint(dir.path(), &["empty"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("hblint.toml:1:"), "{}", stderr(&output));
    std::fs::remove_file(dir.path().join("hblint.toml")).expect("rm");
    if !git_installed() {
        return;
    }
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "notes"]);
    let output = hblint(dir.path(), &["--changed-since", "HEAD"]);
    assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(0), ""), "{}", stderr(&output));
}

/// `--changed-since main --new-only` from a subfolder finds what it finds at the root.
#[test]
fn changed_since_from_a_subfolder() {
    if !git_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    repository_with_a_change(root);
    let expected = "5:7: PR101 'acheive' is misspelled; did you mean 'achieve'?\n";
    let output = hblint(root, &["--changed-since", "main", "--new-only"]);
    assert_eq!(stdout(&output), format!("docs/a.md:{expected}"), "{}", stderr(&output));
    let output = hblint(&root.join("docs"), &["--changed-since", "main", "--new-only"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("a.md:{expected}"));
    // A path above the working directory shows as a walk of it would, not as an absolute path.
    let output = hblint(&root.join("docs"), &["--changed-since", "main", "--new-only", ".."]);
    assert_eq!(stdout(&output), format!("../docs/a.md:{expected}"), "{}", stderr(&output));
}

/// The user's git configuration changes what `git diff` prints; it must not change what hblint
/// reads: no prefixes, mnemonic prefixes, paths relative to the working folder, hunks merged
/// across unchanged lines, a textconv filter and an external diff tool.
#[test]
fn changed_since_ignores_the_users_diff_configuration() {
    if !git_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    repository_with_a_change(root);
    // A second change three lines below the first: merged into one hunk with context, the
    // unchanged line between them would count as touched.
    write(&root.join("docs/a.md"), "# A\n\nAn old recieve.\n\nA new acheive.\n\nKept as it was, recieve.\n");
    git(root, &["commit", "-q", "-am", "context"]);
    write(
        &root.join("docs/a.md"),
        "# A\n\nAn old recieve.\n\nA new acheive.\n\nKept as it was, recieve.\n\nLast beleive.\n",
    );
    git(root, &["commit", "-q", "-am", "below"]);
    write(&root.join(".gitattributes"), "*.md diff=upper\n");
    for (key, value) in [
        ("diff.noprefix", "true"),
        ("diff.mnemonicPrefix", "true"),
        ("diff.relative", "true"),
        ("diff.interHunkContext", "10"),
        ("diff.context", "5"),
        ("diff.upper.textconv", "tr a-z A-Z <"),
        ("diff.external", "false"),
        ("color.diff", "always"),
    ] {
        git(root, &["config", key, value]);
    }
    for dir in [root.to_path_buf(), root.join("docs")] {
        let output = hblint(&dir, &["--changed-since", "main", "--new-only", "--select", "PR101"]);
        let prefix = if dir == root { "docs/" } else { "" };
        assert_eq!(
            stdout(&output),
            format!(
                "{prefix}a.md:5:7: PR101 'acheive' is misspelled; did you mean 'achieve'?\n{prefix}a.md:7:17: PR101 'recieve' is misspelled; did you mean 'receive'?\n{prefix}a.md:9:6: PR101 'beleive' is misspelled; did you mean 'believe'?\n"
            ),
            "{}",
            stderr(&output)
        );
    }
}

/// `--changed-since main` is what the merge request will contain once pushed: committed,
/// staged and unstaged work, as `git diff main` shows it (untracked files are not in it).
#[test]
fn changed_since_includes_work_not_yet_committed() {
    if !git_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    repository_with_a_change(root);
    // An edit not staged, a new page staged, a page not added at all.
    write(&root.join("docs/a.md"), "# A\n\nAn old recieve.\n\nA new acheive.\n\nEdited, beleive.\n");
    write(&root.join("docs/staged.md"), "# S\n\nStaged wierd.\n");
    git(root, &["add", "docs/staged.md"]);
    write(&root.join("docs/untracked.md"), "# U\n\nUntracked wierd.\n");
    let output = hblint(root, &["--changed-since", "main", "--new-only"]);
    assert_eq!(
        stdout(&output),
        "docs/a.md:5:7: PR101 'acheive' is misspelled; did you mean 'achieve'?\n\
         docs/a.md:7:9: PR101 'beleive' is misspelled; did you mean 'believe'?\n\
         docs/staged.md:3:8: PR101 'wierd' is misspelled; did you mean 'weird'?\n",
        "{}",
        stderr(&output)
    );
    // Staged away again, the page is no longer part of the change.
    git(root, &["rm", "-q", "--cached", "docs/staged.md"]);
    let output = hblint(root, &["--changed-since", "main", "--new-only"]);
    assert!(!stdout(&output).contains("staged.md"), "{}", stdout(&output));
}

/// Run from outside the repository, on a path into it: git runs in that repository, and Code
/// Quality and SARIF name files relative to its root, as GitLab reads them.
#[test]
fn reports_name_files_from_the_repository_root_wherever_hblint_runs() {
    if !git_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("handbook");
    std::fs::create_dir(&root).expect("mkdir");
    repository_with_a_change(&root);
    let cq = dir.path().join("cq.json");
    let sarif = dir.path().join("out.sarif");
    let output = hblint(
        dir.path(),
        &[
            "--changed-since",
            "main",
            "--new-only",
            "-o",
            &format!("gitlab={}", cq.display()),
            "-o",
            &format!("sarif={}", sarif.display()),
            "handbook",
        ],
    );
    assert_eq!(
        stdout(&output),
        "handbook/docs/a.md:5:7: PR101 'acheive' is misspelled; did you mean 'achieve'?\n",
        "{}",
        stderr(&output)
    );
    let cq: Vec<Value> = serde_json::from_slice(&std::fs::read(&cq).expect("cq")).expect("json");
    assert_eq!(cq.len(), 1);
    assert_eq!(cq[0]["location"]["path"], "docs/a.md");
    let sarif: Value = serde_json::from_slice(&std::fs::read(&sarif).expect("sarif")).expect("json");
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "docs/a.md"
    );
    // The same report from inside the repository names the same file the same way.
    let inside = dir.path().join("inside.json");
    hblint(&root, &["--changed-since", "main", "--new-only", "-o", &format!("gitlab={}", inside.display())]);
    let from_root: Vec<Value> = serde_json::from_slice(&std::fs::read(&inside).expect("cq")).expect("json");
    assert_eq!(from_root, cq, "the same report, wherever hblint ran");
}

/// `--new-findings` keeps the findings the merge-base version of each changed file lacks, by
/// fingerprint: an old finding moved down by new lines is not one, a new page's are all new,
/// and a second identical finding in a file is new (its occurrence index is).
#[test]
fn new_findings_are_the_ones_the_merge_base_lacks() {
    if !git_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    repository_with_a_change(root);
    write(&root.join("docs/a.md"), "# A\n\nRead this first.\n\nAn old recieve.\n\nA new acheive.\n\nAgain recieve.\n");
    write(&root.join("docs/new.md"), "# New\n\nA wierd page.\n");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "more"]);
    let output = hblint(root, &["--changed-since", "main", "--new-findings"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "docs/a.md:7:7: PR101 'acheive' is misspelled; did you mean 'achieve'?\n\
         docs/a.md:9:7: PR101 'recieve' is misspelled; did you mean 'receive'?\n\
         docs/new.md:3:3: PR101 'wierd' is misspelled; did you mean 'weird'?\n"
    );
    // Nothing new once the base has it all.
    let output = hblint(root, &["--changed-since", "HEAD", "--new-findings"]);
    assert_eq!((output.status.code(), stdout(&output).as_str()), (Some(0), ""), "{}", stderr(&output));
    let output = hblint(root, &["--changed-since", "main", "--new-findings", "--new-only"]);
    assert_eq!(output.status.code(), Some(2), "the two filters are exclusive");
}

/// git writes a `+++` header with a tab after a path that holds a space, and C-quotes one that
/// holds a quote, a backslash or (with quotepath on) a non-ASCII byte: `--new-only` reads them
/// all, with the user's `core.quotepath` or not.
#[test]
fn new_only_reads_every_file_name_git_can_write() {
    if !git_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    repository_with_a_change(root);
    let names = ["with space.md", "ünï cödé.md", "quo\"te.md", "back\\slash.md", "-dash.md", "star*.md"];
    for name in names {
        write(&root.join("docs").join(name), "# Page\n\nA new acheive.\n");
    }
    // An uncommitted CRLF page: its lines count as the others'.
    write(&root.join("docs/crlf.md"), "# Page\r\n\r\nA new acheive.\r\n");
    git(root, &["add", "."]);
    let mut expected: Vec<String> = names
        .iter()
        .chain(&["crlf.md"])
        .map(|name| format!("docs/{name}:3:7: PR101 'acheive' is misspelled; did you mean 'achieve'?"))
        .collect();
    expected.push("docs/a.md:5:7: PR101 'acheive' is misspelled; did you mean 'achieve'?".to_string());
    expected.sort();
    for quotepath in ["true", "false"] {
        git(root, &["config", "core.quotepath", quotepath]);
        let output = hblint(root, &["--changed-since", "main", "--new-only"]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let mut found: Vec<String> = stdout(&output).lines().map(str::to_string).collect();
        found.sort();
        assert_eq!(found, expected, "core.quotepath={quotepath}");
    }
}

/// With `--changed-since`, a path that is not there or not in the change's repository is an
/// error (exit 2), not a change with nothing in it.
#[test]
fn changed_since_refuses_paths_it_cannot_scope() {
    if !git_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("handbook");
    std::fs::create_dir(&root).expect("mkdir");
    repository_with_a_change(&root);
    let output = hblint(&root, &["--changed-since", "main", "dcos"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(stderr(&output).contains("dcos: no such file or directory"), "{}", stderr(&output));
    let elsewhere = dir.path().join("elsewhere");
    write(&elsewhere.join("b.md"), "# B\n\nA wierd page.\n");
    let output = hblint(&root, &["--changed-since", "main", ".", elsewhere.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(stderr(&output).contains("is not in the repository at"), "{}", stderr(&output));
    let output = hblint(&root, &["--changed-since", "main", "docs"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    // A repository with no commit: said as such, not as a revision to fetch.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    git(&empty, &["init", "-q"]);
    let output = hblint(&empty, &["--changed-since", "main"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(stderr(&output).contains("has no commit yet"), "{}", stderr(&output));
}

/// A file reached twice (`. docs`, `docs ./docs`) is linted and reported once.
#[test]
fn a_file_reached_twice_is_linted_once() {
    if !git_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    repository_with_a_change(dir.path());
    let expected = "docs/a.md:3:8: PR101 'recieve' is misspelled; did you mean 'receive'?\n\
                    docs/a.md:5:7: PR101 'acheive' is misspelled; did you mean 'achieve'?\n";
    for paths in [&[".", "docs"][..], &["docs", "./docs", "docs/../docs"], &["docs/a.md", "docs"]] {
        let output = hblint(dir.path(), paths);
        assert_eq!(stdout(&output), expected, "{paths:?}: {}", stderr(&output));
    }
}

/// JUnit, a GitLab report as Code Quality is, names files from the repository root: the same
/// report from a subfolder as from the root.
#[test]
fn junit_names_files_from_the_repository_root() {
    if !git_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    repository_with_a_change(root);
    let report = root.join("report.xml");
    let junit = |cwd: &Path, path: &str| {
        hblint(cwd, &["-o", &format!("junit={}", report.display()), path]);
        std::fs::read_to_string(&report).expect("the JUnit report")
    };
    let from_root = junit(root, "docs");
    assert!(from_root.contains("classname=\"docs/a.md\" file=\"docs/a.md\""), "{from_root}");
    assert_eq!(junit(&root.join("docs"), "."), from_root);
}

/// A repository nested in the working directory's (a submodule linted from its superproject):
/// git names the change's files from the nested root, reports from the outer one, and
/// `--new-only` and `--new-findings` still find the change's lines and merge-base versions.
#[test]
fn changed_since_in_a_nested_repository() {
    if !git_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let outer = dir.path();
    git(outer, &["init", "-q", "-b", "main"]);
    let inner = outer.join("handbook");
    std::fs::create_dir(&inner).expect("mkdir");
    repository_with_a_change(&inner);
    let expected = "handbook/docs/a.md:5:7: PR101 'acheive' is misspelled; did you mean 'achieve'?\n";
    for filter in ["--new-only", "--new-findings"] {
        let output = hblint(outer, &["--changed-since", "main", filter, "handbook"]);
        assert_eq!(stdout(&output), expected, "{filter}: {}", stderr(&output));
        assert_eq!(output.status.code(), Some(1), "{filter}");
    }
}
