//! The output is the same bytes from run to run and whatever the number of threads (issue 15,
//! part 4): files are emitted in path order and each file's findings are sorted, whichever
//! worker finishes first. Checked in every format on `fixtures/` and, when it is there, on the
//! job-family corpus (`../shared/corpus/job-families`).

use std::path::Path;

const FORMATS: &[&str] = &["human", "concise", "json", "sarif", "junit", "gitlab", "github"];

/// A run's exit code, stderr, and each format's bytes by name.
type Run = (Option<i32>, Vec<u8>, Vec<(String, Vec<u8>)>);

/// One run of `hblint check PATH --select ALL` in `dir` writing every format at once (human on
/// stdout, the others with `-o FORMAT=FILE`): the exit code, stderr, and each format's bytes.
fn run(dir: &Path, path: &str, threads: Option<&str>) -> Run {
    let reports = tempfile::tempdir().expect("tempdir");
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("hblint"));
    // Without the result cache: each run must lint, not read the run before it.
    command.current_dir(dir).args(["check", path, "--select", "ALL", "--color", "never", "--no-cache"]);
    for format in &FORMATS[1..] {
        command.arg("-o").arg(format!("{format}={}", reports.path().join(format).display()));
    }
    if let Some(threads) = threads {
        command.args(["--threads", threads]);
    }
    let output = command.output().expect("hblint runs");
    let mut written = vec![("human".to_string(), output.stdout)];
    for format in &FORMATS[1..] {
        written.push((format.to_string(), std::fs::read(reports.path().join(format)).expect("report written")));
    }
    (output.status.code(), output.stderr, written)
}

fn assert_same(dir: &Path, path: &str, runs: &[Option<&str>]) {
    let first = run(dir, path, runs[0]);
    for (format, bytes) in &first.2 {
        assert!(bytes.len() > 1000, "{path} in {format}: too little output to compare");
    }
    for threads in &runs[1..] {
        let other = run(dir, path, *threads);
        assert_eq!((first.0, &first.1), (other.0, &other.1), "{path}: exit code or stderr differ");
        for ((format, bytes), (_, other_bytes)) in first.2.iter().zip(&other.2) {
            assert!(
                bytes == other_bytes,
                "{path} in {format}: --threads {threads:?} differs from --threads {:?}",
                runs[0]
            );
        }
    }
}

#[test]
fn fixtures_give_the_same_bytes_every_run_and_with_one_thread() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_same(root, "fixtures", &[None, None, Some("1"), Some("3")]);
}

#[test]
fn the_job_family_corpus_gives_the_same_bytes_every_run_and_with_one_thread() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.join("job-families").is_dir() {
        eprintln!("skipping: ../shared/corpus/job-families is absent (the handbook's job-family pages)");
        return;
    }
    assert_same(&corpus, "job-families", &[None, None, Some("1")]);
}

#[test]
fn threads_is_a_number() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("hblint"))
        .current_dir(root)
        .args(["check", "fixtures", "--threads", "many"])
        .output()
        .expect("hblint runs");
    assert_eq!((output.status.code(), output.stdout.as_slice()), (Some(2), &b""[..]));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: invalid value 'many' for '--threads <N>': invalid digit found in string"),
        "{stderr}"
    );
}
