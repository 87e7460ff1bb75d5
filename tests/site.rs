//! The link rules on whole repositories laid out as the handbook's two sites are: a Middleman
//! checkout (`sites/<site>/source/`, kramdown ids, `data/redirects.yml`) and a Hugo one
//! (`content/`, Goldmark ids), detected with no configuration; and LK007 on a real git change
//! that renames and deletes pages.

mod common;

use assert_cmd::Command;
use common::git;
use std::path::Path;

fn write(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
    std::fs::write(full, text).expect("write");
}

fn check(root: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("hblint")
        .expect("binary is built")
        .current_dir(root)
        .args(["check", "--color", "never", "--format", "concise", "--select", "LK"])
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A Middleman checkout: two sites served at `/`, kramdown's ids.
fn middleman(root: &Path) {
    write(
        root,
        "sites/uncategorized/source/job-families/product/product-management/index.html.md",
        "---\nlayout: job_family_page\n---\n\n# Product Management\n\n## Director, Product & Design\n\n## Senior Product Manager\n\n## Senior Product Manager\n\n### 1. Results\n{: #results}\n",
    );
    write(
        root,
        "sites/handbook/source/handbook/values.html.md",
        "# Values\n\n## Iteration\n\n<a name=\"mvc\"></a>\nMinimal viable change.\n",
    );
    write(
        root,
        "sites/handbook/source/handbook/product/index.html.md.erb",
        concat!(
            "# Product\n\n",
            "Good: [director](/job-families/product/product-management/#director-product--design), ",
            "[second](/job-families/product/product-management/#senior-product-manager-1), ",
            "[attribute](/job-families/product/product-management/#results), ",
            "[anchor](/handbook/values/#mvc), [relative](../values/#iteration), ",
            "[file](/images/a.png) and [generated](/handbook/product/performance-indicators/).\n\n",
            "Bad: [old id](/job-families/product/product-management/#director-of-product), ",
            "[case](/handbook/values/#Iteration), [gone](/handbook/valuez/), ",
            "[relative](values/), [redirected](/handbook/business-ops/), ",
            "[absolute](https://about.gitlab.com/handbook/values/).\n",
        ),
    );
    write(root, "sites/handbook/source/images/a.png", "");
    write(
        root,
        "data/redirects.yml",
        "- sources: /handbook/business-ops/\n  target: /handbook/business-technology/\n  comp_op: '~'\n",
    );
}

#[test]
fn middleman_routes_kramdown_ids_and_redirects_without_configuration() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    middleman(root);
    let (code, stdout, stderr) = check(root, &["."]);
    assert_eq!(code, Some(1), "{stderr}");
    let page = "sites/handbook/source/handbook/product/index.html.md.erb";
    let expected = [
        format!(
            "{page}:3:334: LK006 cannot verify '/handbook/product/performance-indicators/': a route built at build time ([site] generated)"
        ),
        format!(
            "{page}:5:57: LK002 '#director-of-product' is no anchor on '/job-families/product/product-management/'"
        ),
        format!(
            "{page}:5:104: LK002 '#Iteration' differs only in case from the id '#iteration' on '/handbook/values/'"
        ),
        format!("{page}:5:123: LK001 link to '/handbook/valuez/', a page the handbook does not have"),
        format!(
            "{page}:5:154: LK001 link to 'values/' (read from this page's URL: /handbook/product/values/), a page the handbook does not have"
        ),
        format!(
            "{page}:5:177: LK003 '/handbook/business-ops/' is redirected to '/handbook/business-technology/' (data/redirects.yml, line 1)"
        ),
        format!("{page}:5:214: LK004 link to this site written with its host 'https://about.gitlab.com'"),
    ];
    let found: Vec<&str> = stdout.lines().filter(|l| l.contains(": LK")).collect();
    assert_eq!(found, expected, "{stdout}");
}

#[test]
fn hugo_routes_and_goldmark_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "data/.keep", "");
    write(root, "content/handbook/_index.md", "# Handbook\n");
    write(
        root,
        "content/handbook/Values.md",
        "---\ntitle: Values\n---\n\n## Iteration & `MVC`\n\n## Custom {#custom-id}\n\n## Iteration & `MVC`\n",
    );
    write(
        root,
        "content/handbook/people/index.md",
        concat!(
            "# People\n\n",
            "[ok](/handbook/values/#iteration--mvc), [ok](../values/#iteration--mvc-1), ",
            "[ok](/handbook/values/#custom-id), [ok](/handbook/), [file](../Values.md#custom-id), ",
            "[section](../_index.md)\n\n",
            "[bad](/handbook/values/#iteration-mvc), [bad](/handbook/valuez/)\n",
        ),
    );
    let (code, stdout, stderr) = check(root, &["."]);
    assert_eq!(code, Some(1), "{stderr}");
    let page = "content/handbook/people/index.md";
    let found: Vec<&str> = stdout.lines().filter(|l| l.contains(": LK")).collect();
    assert_eq!(
        found,
        [
            format!("{page}:5:25: LK002 '#iteration-mvc' is no anchor on '/handbook/values/'"),
            format!("{page}:5:47: LK001 link to '/handbook/valuez/', a page the handbook does not have"),
        ],
        "{stdout}"
    );
}

#[test]
fn fixes_write_the_redirect_target_and_the_path_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    middleman(root);
    write(
        root,
        "data/redirects.yml",
        "- sources: /handbook/old-values/\n  target: /handbook/values/\n  comp_op: '='\n",
    );
    let page = "sites/handbook/source/handbook/fixme.html.md";
    write(
        root,
        page,
        "# Fix me\n\n[a](/handbook/old-values/#iteration) [b](https://handbook.gitlab.com/handbook/values/#mvc)\n",
    );
    let (code, _, stderr) = check(root, &["--fix", page]);
    assert_eq!(code, Some(0), "{stderr}");
    let fixed = std::fs::read_to_string(root.join(page)).expect("read");
    assert_eq!(fixed, "# Fix me\n\n[a](/handbook/values/#iteration) [b](/handbook/values/#mvc)\n");
}

#[test]
fn a_bad_redirects_file_is_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    middleman(root);
    write(root, "data/redirects.yml", "- sources: /a/\n  target: /b/\n  comp_op: '?'\n");
    let (code, _, stderr) = check(root, &["."]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("data/redirects.yml:3:") && stderr.contains("comp_op"), "{stderr}");
}

#[test]
fn a_change_that_removes_linked_pages_without_a_redirect_fails() {
    if std::process::Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    middleman(root);
    write(root, "sites/uncategorized/source/job-families/x/index.html.md", "# X\n\n## Director\n");
    write(root, "sites/uncategorized/source/job-families/gone/index.html.md", "# Gone\n");
    write(
        root,
        "sites/handbook/source/handbook/links.html.md",
        "# Links\n\nReports to the [Director](/job-families/x/#director) and [gone](/job-families/gone/).\n",
    );
    write(root, "sites/handbook/source/handbook/more.html.md", "# More\n\nSee [X](../../job-families/x/).\n");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    git(root, &["checkout", "-q", "-b", "feature"]);
    git(
        root,
        &[
            "mv",
            "sites/uncategorized/source/job-families/x/index.html.md",
            "sites/uncategorized/source/job-families/y.html.md",
        ],
    );
    git(root, &["rm", "-q", "sites/uncategorized/source/job-families/gone/index.html.md"]);
    git(root, &["commit", "-q", "-m", "rename x to y, delete gone"]);

    let (code, stdout, stderr) = check(root, &["--changed-since", "main", "--new-only"]);
    assert_eq!(code, Some(1), "{stderr}");
    let found: Vec<&str> = stdout.lines().filter(|l| l.contains(": LK")).collect();
    let renamed = "this change removes '/job-families/x/' (renames sites/uncategorized/source/job-families/x/index.html.md to sites/uncategorized/source/job-families/y.html.md), linked from 2 pages, with no redirect";
    assert_eq!(
        found,
        [
            format!("sites/handbook/source/handbook/links.html.md:3:27: LK007 {renamed}"),
            "sites/handbook/source/handbook/links.html.md:3:65: LK007 this change removes '/job-families/gone/' (deletes sites/uncategorized/source/job-families/gone/index.html.md), linked from 1 page, with no redirect".to_string(),
            format!("sites/handbook/source/handbook/more.html.md:3:9: LK007 {renamed}"),
        ],
        "{stdout}"
    );

    // With redirects for both, the change breaks nothing.
    write(
        root,
        "data/redirects.yml",
        "- sources: /job-families/x/\n  target: /job-families/y/\n  comp_op: '='\n- sources: /job-families/gone/\n  target: /job-families/\n  comp_op: '='\n",
    );
    git(root, &["commit", "-q", "-am", "redirects"]);
    let (code, stdout, stderr) = check(root, &["--changed-since", "main", "--new-only"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
}

/// A page below a removed one reaches it with `..` alone, naming none of its route.
#[test]
fn a_removed_page_linked_from_below_with_dot_dot_is_reported() {
    if std::process::Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    write(root, "sites/handbook/source/handbook/index.html.md", "# Handbook\n");
    write(root, "sites/handbook/source/handbook/team/index.html.md", "# Team\n");
    write(
        root,
        "sites/handbook/source/handbook/team/kid/index.html.md",
        "# Kid\n\n[Up](../) and [up][u].\n\n[u]: ..\n",
    );
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    git(root, &["checkout", "-q", "-b", "feature"]);
    git(root, &["rm", "-q", "sites/handbook/source/handbook/team/index.html.md"]);
    git(root, &["commit", "-q", "-m", "delete team"]);

    let (code, stdout, stderr) = check(root, &["--changed-since", "main"]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    let found: Vec<&str> = stdout.lines().filter(|l| l.contains(": LK007")).collect();
    assert_eq!(found.len(), 2, "{stdout}");
    assert!(found[0].starts_with("sites/handbook/source/handbook/team/kid/index.html.md:3:6: LK007"), "{stdout}");
}

/// `[site]` values that would silently make a site of nothing, or of every path, are located
/// errors (exit 2).
#[test]
fn a_bad_site_configuration_is_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    middleman(root);
    for (toml, message) in [
        ("[site]\ncontent = []\n", "hblint.toml:2:11: 'content' lists no folder"),
        ("[site]\nhosts = [\"about.gitlab.com\"]\n", "hblint.toml:2:10: 'about.gitlab.com' is no host"),
        ("[site]\nhosts = [\"\"]\n", "hblint.toml:2:10: '' is no host"),
    ] {
        write(root, "hblint.toml", toml);
        let (code, stdout, stderr) = check(root, &["."]);
        assert_eq!(code, Some(2), "{toml}: {stdout}{stderr}");
        assert!(stderr.contains(message), "{toml}: {stderr}");
    }
}
