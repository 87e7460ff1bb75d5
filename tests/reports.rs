//! Reports for machines and the merge request: Code Quality validity and stable fingerprints,
//! `--output`, baselines, shards, and the local niceties (`--statistics`, `--quiet`, `--exit-zero`).

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn hblint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("hblint").expect("binary is built");
    cmd.current_dir(dir).env_remove("NO_COLOR").args(["check", "--color", "never"]);
    cmd
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("utf-8")
}

/// A page with two findings: a misspelling and a doubled word, under level headings.
const PAGE: &str =
    "# Handbook page\n\n## Senior\n\nThe team reviews the the plan.\n\n## Staff\n\nResponsibilties are listed here.\n";

#[test]
fn code_quality_report_has_every_field_gitlab_requires() {
    // Every fixture page, so every rule's findings go through the format.
    let text = stdout_of(hblint(manifest_dir()).args(["--format", "gitlab", "fixtures"]));
    assert!(!text.starts_with('\u{feff}'), "no BOM");
    let issues: Vec<Value> = serde_json::from_str(&text).expect("one JSON array");
    assert!(issues.len() > 50, "fixtures give many findings, got {}", issues.len());
    let mut fingerprints = BTreeSet::new();
    for issue in &issues {
        let description = issue["description"].as_str().expect("description is a string");
        let check = issue["check_name"].as_str().expect("check_name is a string");
        assert!(description.starts_with(check), "description starts with the code: {description}");
        let fingerprint = issue["fingerprint"].as_str().expect("fingerprint is a string");
        assert!(fingerprint.len() == 32 && fingerprint.chars().all(|c| c.is_ascii_hexdigit()));
        assert!(fingerprints.insert(fingerprint.to_string()), "fingerprints are unique: {issue}");
        // The Code Climate spec requires at least one category, from its fixed list.
        let categories = issue["categories"].as_array().expect("categories is an array");
        assert!(!categories.is_empty(), "{issue}");
        for category in categories {
            let category = category.as_str().expect("a category is a string");
            assert!(
                [
                    "Bug Risk",
                    "Clarity",
                    "Compatibility",
                    "Complexity",
                    "Duplication",
                    "Performance",
                    "Security",
                    "Style"
                ]
                .contains(&category),
                "{category}"
            );
        }
        let severity = issue["severity"].as_str().expect("severity is a string");
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&severity), "{severity}");
        let path = issue["location"]["path"].as_str().expect("location.path is a string");
        assert!(!path.starts_with('/') && !path.starts_with("./"), "path relative to the repository: {path}");
        assert!(path.starts_with("fixtures/"), "{path}");
        let begin = issue["location"]["lines"]["begin"].as_u64().expect("location.lines.begin is an integer");
        assert!(begin >= 1);
    }
}

fn gitlab_issues(dir: &Path) -> Vec<Value> {
    let text = stdout_of(hblint(dir).args(["--format", "gitlab", "page.md"]));
    serde_json::from_str(&text).expect("JSON array")
}

#[test]
fn moving_a_finding_down_keeps_its_fingerprint() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("page.md"), PAGE).expect("write");
    let before = gitlab_issues(dir.path());
    assert_eq!(before.len(), 2, "{before:?}");
    let moved = PAGE.replace("## Senior\n", "Some new introduction.\n\nAnother paragraph.\n\n## Senior\n");
    std::fs::write(dir.path().join("page.md"), moved).expect("write");
    let after = gitlab_issues(dir.path());
    assert_eq!(after.len(), before.len(), "{after:?}");
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b["fingerprint"], a["fingerprint"]);
        assert_eq!(b["location"]["lines"]["begin"].as_u64().map(|l| l + 4), a["location"]["lines"]["begin"].as_u64());
    }
    // The same finding in another section is another finding.
    let other = PAGE.replace("## Staff", "## Principal");
    std::fs::write(dir.path().join("page.md"), other).expect("write");
    let renamed = gitlab_issues(dir.path());
    assert_eq!(renamed.len(), before.len(), "{renamed:?}");
    assert_eq!(before[0]["fingerprint"], renamed[0]["fingerprint"]);
    assert_ne!(before[1]["fingerprint"], renamed[1]["fingerprint"]);
}

#[test]
fn output_writes_reports_and_keeps_human_output_on_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("page.md"), PAGE).expect("write");
    let output = hblint(dir.path())
        .args(["--output", "gitlab=cq.json", "--output", "junit=junit.xml", "-o", "sarif=out.sarif", "page.md"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("warning[PR101]") && stdout.contains("2 problems"), "{stdout}");
    let cq: Vec<Value> = serde_json::from_slice(&std::fs::read(dir.path().join("cq.json")).expect("cq")).expect("json");
    assert_eq!(cq.len(), 2);
    let junit = std::fs::read_to_string(dir.path().join("junit.xml")).expect("junit");
    assert!(
        junit.contains("<testcase name=\"PR101 misspelling: &apos;Responsibilties&apos; is misspelled; did you mean &apos;Responsibilities&apos;?\" classname=\"page.md\" file=\"page.md\" line=\"9\">"),
        "{junit}"
    );
    let sarif: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out.sarif")).expect("sarif")).expect("json");
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"].as_array().map(Vec::len), Some(2));

    // --output FILE takes the --format format; human needs a named format.
    hblint(dir.path()).args(["--format", "json", "--output", "r.json", "page.md"]).assert().code(1);
    assert!(dir.path().join("r.json").is_file());
    hblint(dir.path())
        .args(["--output", "report.txt", "page.md"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("say which format"));
}

#[test]
fn a_baseline_hides_known_findings_and_counts_the_ones_gone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("page.md");
    std::fs::write(&page, PAGE).expect("write");
    hblint(dir.path())
        .args(["--write-baseline", "baseline.json", "page.md"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Wrote 2 findings of 1 file to baseline.json"));
    hblint(dir.path())
        .args(["--baseline", "baseline.json", "page.md"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("No problems in 1 file"));
    // One old finding fixed, one new added above the other.
    let edited = PAGE.replace("the the plan", "the plan").replace("## Staff\n", "## Staff\n\nWe recieve feedback.\n\n");
    std::fs::write(&page, edited).expect("write");
    let output = hblint(dir.path())
        .args(["--baseline", "baseline.json", "--format", "concise", "page.md"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("'recieve'"), "{stdout}");
    hblint(dir.path())
        .args(["--baseline", "baseline.json", "page.md"])
        .assert()
        .stdout(predicates::str::contains("1 baselined finding no longer occurs"));
    std::fs::write(dir.path().join("broken.json"), "{\"version\": 1,\n \"findings\": 3}").expect("write");
    hblint(dir.path())
        .args(["--baseline", "broken.json", "page.md"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("broken.json:2:"));
}

#[test]
fn shards_split_the_files_and_their_union_is_the_full_run() {
    let full = stdout_of(hblint(manifest_dir()).args(["--format", "concise", "fixtures"]));
    let full: BTreeSet<&str> = full.lines().collect();
    let mut union = BTreeSet::new();
    let mut files_per_shard = Vec::new();
    for index in 1..=3 {
        let shard = format!("{index}/3");
        let text = stdout_of(hblint(manifest_dir()).args(["--format", "concise", "--shard", &shard, "fixtures"]));
        let files: BTreeSet<String> = text.lines().filter_map(|l| l.split(':').next()).map(str::to_string).collect();
        files_per_shard.push(files);
        for line in text.lines() {
            assert!(union.insert(line.to_string()), "a finding in two shards: {line}");
        }
    }
    assert_eq!(union.iter().map(String::as_str).collect::<BTreeSet<_>>(), full);
    assert!(files_per_shard.iter().all(|files| !files.is_empty()), "every shard gets work");
    hblint(manifest_dir())
        .args(["--shard", "4/3", "fixtures"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("between 1 and N"));
}

#[test]
fn statistics_quiet_and_exit_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("page.md"), PAGE).expect("write");
    let stats = stdout_of(hblint(dir.path()).args(["--statistics", "page.md"]));
    assert!(stats.contains("1  PR101  [*] misspelling") && stats.contains("1  PR201  [*] doubled-word"), "{stats}");
    let quiet = stdout_of(hblint(dir.path()).args(["--quiet", "--format", "human", "page.md"]));
    assert!(quiet.contains("warning[PR101]") && !quiet.contains("2 problems"), "{quiet}");
    hblint(dir.path()).args(["--exit-zero", "page.md"]).assert().code(0);
    hblint(dir.path()).args(["--exit-zero", "missing.md"]).assert().code(2);
}

#[test]
fn fixing_stdin_prints_only_the_fixed_text_and_writes_no_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    hblint(dir.path())
        .args(["--fix", "--format", "json", "-o", "junit=r.xml", "-"])
        .write_stdin("# Page\n\nThe team reviews the the plan.\n")
        .assert()
        .code(0)
        .stdout("# Page\n\nThe team reviews the plan.\n");
    assert!(!dir.path().join("r.xml").exists(), "no report beside the fixed text");
}

#[test]
fn statistics_go_to_stdout_while_reports_go_to_their_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("page.md"), PAGE).expect("write");
    let output = hblint(dir.path())
        .args(["--statistics", "--format", "json", "-o", "junit=r.xml", "-o", "gitlab=cq.json", "page.md"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let (stats, summary) = stdout.rsplit_once("]\n").expect("a JSON array, then the summary");
    let stats: Vec<Value> = serde_json::from_str(&format!("{stats}]")).expect("statistics as JSON");
    assert_eq!(stats.len(), 2, "{stdout}");
    assert_eq!(summary, "2 problems (0 errors, 2 warnings) in 1 file (1 checked)\n");
    let junit = std::fs::read_to_string(dir.path().join("r.xml")).expect("junit");
    assert!(junit.contains("tests=\"2\" failures=\"2\""), "{junit}");
    let cq: Vec<Value> = serde_json::from_slice(&std::fs::read(dir.path().join("cq.json")).expect("cq")).expect("json");
    assert_eq!(cq.len(), 2);
}

#[test]
fn a_report_that_cannot_be_written_exits_two_after_the_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("page.md"), PAGE).expect("write");
    let output = hblint(dir.path()).args(["-o", "json=no-such-dir/r.json", "page.md"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("2 problems"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot write the json report no-such-dir/r.json"), "{stderr}");
}

/// The JUnit test cases' keys as GitLab compares them: class and test name (the suite is one).
fn junit_case_keys(junit: &str) -> BTreeSet<(String, String, bool)> {
    let mut keys = BTreeSet::new();
    for case in junit.split("<testcase ").skip(1) {
        let attribute = |name: &str| {
            let start = case.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
            case[start..start + case[start..].find('"').expect("closing quote")].to_string()
        };
        let failing =
            case.split_once('>').is_some_and(|(head, rest)| !head.ends_with('/') && rest.contains("<failure"));
        keys.insert((attribute("classname"), attribute("name"), failing));
    }
    keys
}

/// GitLab's test report lists as new failures the failing cases whose key the base report does
/// not fail: a second finding of a rule in a file must be one, and lines moving must not be.
#[test]
fn junit_shows_a_second_finding_of_a_rule_as_one_new_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let junit_of = |text: &str| {
        std::fs::write(dir.path().join("page.md"), text).expect("write");
        hblint(dir.path()).args(["-o", "junit=r.xml", "page.md"]).output().expect("runs");
        junit_case_keys(&std::fs::read_to_string(dir.path().join("r.xml")).expect("junit"))
    };
    let base = junit_of("# Page\n\nWe recieve mail.\n");
    let head = junit_of("# Page\n\nIntro.\n\nWe recieve mail.\n\nThey recieve mail.\n");
    let new: Vec<_> = head.iter().filter(|k| k.2 && !base.contains(k)).collect();
    assert_eq!(
        new,
        [&(
            "page.md".to_string(),
            "PR101 misspelling: &apos;recieve&apos; is misspelled; did you mean &apos;receive&apos;? (2)".to_string(),
            true
        )],
        "{head:?}"
    );
    let fixed: Vec<_> = base.iter().filter(|k| k.2 && !head.contains(k)).collect();
    assert!(fixed.is_empty(), "the old finding moved two lines down and is still the same case: {fixed:?}");
}

/// Pages with hundreds of findings render to more than `rendering::SPILL_ABOVE` (16 KiB) in every
/// report, so their renderings wait in the workers' spill files (issue 15): each report written
/// with `-o` is byte for byte the one `--format` prints, with the spill files and without them
/// (no writable temporary folder: the renderings wait in memory).
#[test]
fn reports_of_heavy_pages_are_the_same_bytes_whether_their_renderings_wait_on_disk_or_in_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let heavy: String = (0..100).map(|i| format!("Line {i} has a trailing space and the the word. \n\n")).collect();
    for i in 0..12 {
        // Three heavy pages: SARIF's own spool stays in memory (under 1 MiB), so the run
        // without a temporary folder tests only where renderings wait.
        let text = if i % 4 == 0 { format!("# Heavy page {i}\n\n{heavy}") } else { format!("# Page {i}\n\nFine.\n") };
        std::fs::write(dir.path().join(format!("page{i:02}.md")), text).expect("write");
    }
    let formats = ["json", "sarif", "junit", "gitlab", "concise"];
    let printed: Vec<Vec<u8>> = formats
        .iter()
        .map(|format| {
            let output = hblint(dir.path()).args(["--select", "ALL", "--format", format, "."]).output().expect("runs");
            assert_eq!(output.status.code(), Some(1));
            output.stdout
        })
        .collect();
    for (format, bytes) in formats.iter().zip(&printed) {
        let heavy_page = bytes.split(|&b| b == b'\n').filter(|line| line.windows(9).any(|w| w == b"page00.md")).count();
        assert!(heavy_page > 100, "{format}: page00.md should have hundreds of findings");
    }
    let no_tmp = dir.path().join("no-such-folder");
    for (tmpdir, threads) in [(None, "2"), (None, "1"), (Some(&no_tmp), "2")] {
        let mut cmd = hblint(dir.path());
        cmd.args(["--select", "ALL", "--threads", threads, "--format", "concise"]);
        if let Some(tmpdir) = tmpdir {
            cmd.env("TMPDIR", tmpdir);
        }
        for format in &formats[..4] {
            cmd.arg("-o").arg(format!("{format}=report.{format}"));
        }
        let output = cmd.arg(".").output().expect("runs");
        assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(output.stdout == printed[4], "concise differs (TMPDIR {tmpdir:?}, {threads} threads)");
        for (format, bytes) in formats[..4].iter().zip(&printed) {
            let written = std::fs::read(dir.path().join(format!("report.{format}"))).expect("report written");
            assert!(bytes.len() > 3 * 16384, "{format}: the heavy pages render past the spill size");
            assert!(
                &written == bytes,
                "-o {format} differs from --format {format} (TMPDIR {tmpdir:?}, {threads} threads)"
            );
        }
    }
}
