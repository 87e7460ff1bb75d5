//! `hblint ladder` on the small tree in `tests/ladder/`: the table, the JSON, the HTML page's
//! promises (self-contained, every level linked to its heading, findings marked), and the page
//! in a real browser: headless Chromium renders it to a PNG with no console message
//! (`scripts/render-ladder.sh`). Without Chromium the browser test skips, unless `CI` is set.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn ladder(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("hblint")
        .expect("binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("ladder")
        .args(args)
        .output()
        .expect("hblint runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (output.status.code(), text(&output.stdout), text(&output.stderr))
}

#[test]
fn the_table_lists_every_family_track_and_grade() {
    let (code, stdout, stderr) = ladder(&["tests/ladder"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains(
        "  Individual contributor: Widget Engineer (Intermediate) 6 → Senior Widget Engineer 7 → Staff Widget Engineer 8\n"
    ));
    assert!(stdout.contains("  People manager: Manager, Widget Engineering 8 → Senior Manager, Widget Engineering 9"));
    // The conflict between two pages (LD001) and a level with no grade number (JF001) are marked.
    assert!(stdout.contains("Senior Widget Product Manager 8 [1]"), "{stdout}");
    assert!(stdout.contains("Principal Widget Product Manager ? [1]"), "{stdout}");
    assert!(stdout.ends_with("3 job families, 11 levels, 3 findings\n"), "{stdout}");
}

#[test]
fn the_json_has_levels_with_links_and_findings() {
    let (code, stdout, stderr) = ladder(&["tests/ladder", "--format", "json", "--base-url", ""]);
    assert_eq!(code, Some(0), "{stderr}");
    let families: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let product = &families[2];
    assert_eq!(product["route"], "/job-families/product/widget-product-manager/");
    let senior = &product["levels"][1];
    assert_eq!(senior["grade"], 8.0);
    assert_eq!(senior["url"], "/job-families/product/widget-product-manager/#senior-widget-product-manager");
    let message = senior["messages"][0].as_str().expect("a message");
    assert!(
        message.starts_with("LD001 line 22: 'Senior Widget Product Manager' is grade 8 here but grade 9"),
        "{message}"
    );
}

#[test]
fn the_html_page_is_self_contained_and_links_every_level() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("ladder.html");
    let (code, stdout, stderr) = ladder(&["tests/ladder", "-o", page.to_str().expect("utf-8 path")]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""), "{stderr}");
    let html = std::fs::read_to_string(&page).expect("the page is written");
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    for external in ["<script", "<link", " src=", "url(", "@import"] {
        assert!(!html.contains(external), "the page must load nothing: found '{external}'");
    }
    assert_eq!(html.matches("<svg").count(), 4, "a legend and one drawing per family");
    assert!(html.contains(
        "href=\"https://handbook.gitlab.com/job-families/engineering/widget-engineer/#senior-widget-engineer\""
    ));
    assert_eq!(html.matches("class=\"lv ").count(), 11 + 4, "every level, and the legend's four boxes");
    assert_eq!(html.matches(" issue\"").count(), 3 + 1, "three levels with findings, and the legend's");
    assert!(html.contains("LD001 line 22: &#39;Senior Widget Product Manager&#39; is grade 8 here"));
}

#[test]
fn a_missing_path_is_an_error() {
    let (code, _, stderr) = ladder(&["tests/ladder/no-such-folder"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("no-such-folder"), "{stderr}");
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

#[test]
fn chromium_renders_the_page_without_console_errors() {
    if chromium().is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but Chromium is missing: .ci/run installs it (apt-get install -y chromium)"
        );
        eprintln!("skipped: Chromium is not installed (apt-get install -y chromium); CI runs this test");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("ladder.html");
    let png = dir.path().join("ladder.png");
    let (code, _, stderr) = ladder(&["tests/ladder", "-o", page.to_str().expect("utf-8 path")]);
    assert_eq!(code, Some(0), "{stderr}");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/render-ladder.sh");
    let output = std::process::Command::new("bash")
        .arg(&script)
        .args([&page, &png])
        .arg("1200,1400")
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "render-ladder failed ({:?}):\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    let bytes = std::fs::read(&png).expect("a PNG is written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    let width = u32::from_be_bytes(bytes[16..20].try_into().expect("IHDR width"));
    let height = u32::from_be_bytes(bytes[20..24].try_into().expect("IHDR height"));
    assert_eq!((width, height), (1200, 1400));
    // A blank page compresses to a few kilobytes; three drawn ladders with text do not.
    assert!(bytes.len() > 30_000, "the PNG looks blank: {} bytes", bytes.len());
}

/// A handbook repository in a temporary folder: `.git`, the Middleman layout, the list of job
/// families in `data/people_group/`, and the three pages of `tests/ladder/`.
fn repository(list: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".git")).expect(".git");
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ladder/job-families");
    for family in ["engineering/widget-engineer", "marketing/widget-marketing", "product/widget-product-manager"] {
        let to = dir.path().join("sites/uncategorized/source/job-families").join(family);
        std::fs::create_dir_all(&to).expect("page folder");
        std::fs::copy(pages.join(family).join("index.html.md"), to.join("index.html.md")).expect("copy page");
    }
    let data = dir.path().join("data/people_group");
    std::fs::create_dir_all(&data).expect("data/");
    std::fs::write(data.join("job_families.yml"), list).expect("write list");
    dir
}

fn check(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("hblint")
        .expect("binary is built")
        .current_dir(dir)
        .args(["check", "--format", "concise", "--select", "LD"])
        .args(args)
        .output()
        .expect("hblint runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (output.status.code(), text(&output.stdout), text(&output.stderr))
}

#[test]
fn the_list_of_job_families_is_found_at_the_git_root() {
    let dir = repository(
        "---\n- title: Widget Engineer\n  description: \"/job-families/engineering/widget-engineer/\"\n- title: Widget PM\n  description:\n  - /job-families/product/widget-product-manager\n  - /job-families/product/widget-pm/\n",
    );
    let (code, stdout, stderr) = check(dir.path(), &["."]);
    assert_eq!(code, Some(1), "{stderr}");
    let root = "sites/uncategorized/source/job-families";
    assert_eq!(
        stdout,
        format!(
            "{root}/marketing/widget-marketing/index.html.md:3:9: LD002 '/job-families/marketing/widget-marketing/' is not in the list of job families\n\
             {root}/marketing/widget-marketing/index.html.md:8:1: LD001 'Senior Widget Product Manager' is grade 9 here but grade 8 on /job-families/product/widget-product-manager/\n\
             {root}/product/widget-product-manager/index.html.md:22:1: LD001 'Senior Widget Product Manager' is grade 8 here but grade 9 on /job-families/marketing/widget-marketing/\n\
             data/people_group/job_families.yml:7:5: LD003 '/job-families/product/widget-pm/' (Widget PM) names no job-family page\n"
        )
    );
    // One page linted alone still sees the other pages (LD001), and no data-file finding.
    let one = format!("{root}/product/widget-product-manager/index.html.md");
    let (code, stdout, _) = check(dir.path(), &[&one]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("LD001 'Senior Widget Product Manager' is grade 8 here"), "{stdout}");
}

#[test]
fn a_broken_list_of_job_families_is_an_error_at_its_line() {
    let dir = repository("- title: Widget Engineer\n  description:\n    route: /job-families/x/\n");
    let (code, stdout, stderr) = check(dir.path(), &["."]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(
        stderr.contains("job_families.yml:3:5") && stderr.contains("'description' must be a route or a list of routes"),
        "{stderr}"
    );
}
