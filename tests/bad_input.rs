//! Bad input, one test per case (issue 15, part 5): each run has a good file beside the bad one,
//! and each test checks the exact message (file, place, what is wrong), the exit code, and that
//! the good file was still linted. Configuration, permissions and output cases are in
//! `bad_input_config.rs`.

mod bad_input_helpers;

use bad_input_helpers::*;

#[test]
fn invalid_utf8_is_said_at_its_line_and_byte() {
    let dir = folder(|d| write(d, "bad.md", b"# Title\n\nbad \xff\xfe text\n"));
    let (code, stdout, stderr) = hblint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (2, GOOD_FINDING, "hblint: error: bad.md: invalid UTF-8 at line 3, byte column 5; save the file as UTF-8\n")
    );
}

#[test]
fn a_binary_file_named_md_is_not_read_as_markdown() {
    // A PNG's signature and first chunk header, renamed.
    let dir = folder(|d| write(d, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"));
    let (code, stdout, stderr) = hblint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (2, GOOD_FINDING, "hblint: error: image.md: binary file (contains NUL bytes), not Markdown\n")
    );
}

#[test]
fn an_empty_file_is_clean() {
    let dir = folder(|d| write(d, "empty.md", ""));
    let (code, stdout, stderr) = hblint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (1, GOOD_FINDING, ""));
    let (code, stdout, _) = hblint(dir.path(), &["check", "empty.md", "--select", "ALL", "--color", "never"]);
    assert_eq!((code, stdout.as_str()), (0, "No problems in 1 file\n"));
}

/// A page of `bytes` or a little more: sections of ordinary prose, each with one doubled word.
fn big_page(bytes: usize) -> (String, usize) {
    let para = "Some ordinary prose with a [link](https://example.com) and *emphasis* in it.\n\n";
    let mut page = String::from("# Big page\n\n");
    let mut sections = 0;
    while page.len() < bytes {
        page.push_str(&format!(
            "## Section {sections}\n\n{}The the end.\n\n- item one\n- item two\n\n",
            para.repeat(20)
        ));
        sections += 1;
    }
    (page, sections)
}

/// 50 MB with an optimised build; 5 MB with the debug build the test suite usually runs, which
/// is some 10 times slower (about 50 s for 50 MB): enough to see a quadratic cost (100 times
/// 5 MB's time at 50 MB), not so long that the suite crawls.
#[test]
fn a_large_page_lints_in_linear_time() {
    let size = if cfg!(debug_assertions) { 5_000_000 } else { 50_000_000 };
    let (page, sections) = big_page(size);
    let dir = folder(|d| write(d, "big.md", &page));
    let started = std::time::Instant::now();
    let (code, stdout, stderr) = hblint(dir.path(), &["check", ".", "--format", "concise"]);
    let elapsed = started.elapsed();
    assert_eq!((code, stderr.as_str()), (1, ""));
    let findings: Vec<&str> = stdout.lines().collect();
    assert_eq!(findings.len(), sections + 1, "one doubled word per section, and good.md's");
    assert!(
        findings[0].starts_with("big.md:") && findings[0].ends_with(": PR201 'the' is repeated"),
        "{}",
        findings[0]
    );
    assert_eq!(findings[sections], GOOD_FINDING.trim_end());
    // Linear: well under a second a megabyte even in a debug build on a busy machine.
    assert!(elapsed.as_secs() < 120, "{} MB took {elapsed:?}", size / 1_000_000);
}

/// 50,000 levels of nesting on one line (on separate lines, the indentation alone would make
/// the page gigabytes): block quotes, both bullet markers and ordered items, every rule on.
#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let cases =
        [("quotes.md", "> "), ("dashes.md", "- "), ("stars.md", "* "), ("numbers.md", "1. "), ("mixed.md", "> - ")];
    let dir = folder(|d| {
        for (name, marker) in cases {
            write(d, name, format!("{}x\n", marker.repeat(50_000)));
        }
    });
    for (name, _) in cases {
        let (code, stdout, stderr) =
            hblint(dir.path(), &["check", name, "good.md", "--select", "ALL", "--format", "concise"]);
        assert_eq!((code, stderr.as_str()), (1, ""), "{name}");
        let lines: Vec<&str> = stdout.lines().collect();
        assert!(lines.contains(&GOOD_FINDING.trim_end()), "{name}");
        assert!(lines.iter().any(|l| l.starts_with(&format!("{name}:1:1: MD041 the page starts with "))), "{name}");
        assert!(lines.iter().any(|l| l.starts_with(&format!("{name}:1:81: MD013 line is "))), "{name}");
    }
}

#[test]
fn symlink_loops_are_not_followed_in_a_walk_and_are_errors_when_named() {
    let dir = folder(|d| {
        std::os::unix::fs::symlink("b.md", d.join("a.md")).expect("symlink");
        std::os::unix::fs::symlink("a.md", d.join("b.md")).expect("symlink");
        std::fs::create_dir(d.join("folder")).expect("mkdir");
        std::os::unix::fs::symlink("..", d.join("folder/up")).expect("symlink");
    });
    // A walk lists links without following them, as git stores them: no loop to run into.
    let (code, stdout, stderr) = hblint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (1, GOOD_FINDING, ""));
    let (code, stdout, stderr) = hblint(dir.path(), &["check", "a.md", "good.md", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (2, GOOD_FINDING, "hblint: error: a.md: Too many levels of symbolic links (os error 40)\n")
    );
}

/// A file gone between the listing and the reading is what a dangling link is at once: the
/// path is there in its folder, the file it names is not.
#[test]
fn a_file_that_vanished_is_said_and_the_others_are_linted() {
    let dir = folder(|d| std::os::unix::fs::symlink("deleted.md", d.join("gone.md")).expect("symlink"));
    let (code, stdout, stderr) =
        hblint(dir.path(), &["check", "gone.md", "never-there.md", "good.md", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            GOOD_FINDING,
            "hblint: error: gone.md: no such file or directory\nhblint: error: never-there.md: no such file or directory\n"
        )
    );
}
