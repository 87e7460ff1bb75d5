//! `hblint check --watch` on a real folder: real file-system events (inotify here), real saves.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Watch {
    child: Child,
    lines: Receiver<String>,
}

impl Watch {
    /// The lines printed until the run's closing "watching for changes", stdout and stderr
    /// as they come.
    fn run(&self) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut lines = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line =
                self.lines.recv_timeout(left).unwrap_or_else(|_| panic!("no run within 30 s; so far: {lines:?}"));
            if line.starts_with("hblint: watching for changes") {
                // stdout and stderr are read by two threads: a finding printed before the
                // closing line may still be on its way.
                while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(300)) {
                    lines.push(line);
                }
                return lines;
            }
            lines.push(line);
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Saves as editors that write a temporary file and rename it do: the watch never sees a
/// half-written page (a save in place can be read between its truncation and its write when
/// the machine is busy; the next event then lints it again).
fn save(path: &std::path::Path, text: &str) {
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

fn start(dir: &std::path::Path, args: &[&str]) -> Watch {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("hblint"))
        .args(["check", "--watch", "--format", "concise"])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hblint starts");
    let (sender, lines) = channel();
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let sender = sender.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    return;
                }
            }
        });
    }
    Watch { child, lines }
}

#[test]
fn a_saved_page_is_linted_again_alone_and_a_changed_config_lints_everything() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::git(root, &["init", "-q"]);
    std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
    std::fs::write(root.join("a.md"), "# A\n\nA clean page.\n").unwrap();
    std::fs::write(root.join("b.md"), "# B\n\nWork with with it.\n").unwrap();
    let watch = start(root, &[]);
    assert_eq!(watch.run(), ["b.md:3:11: PR201 'with' is repeated"]);

    // A save: only that page is linted again.
    save(&root.join("a.md"), "# A\n\nNow with with Gitlab.\n");
    assert_eq!(watch.run(), ["a.md:3:10: PR201 'with' is repeated", "a.md:3:15: PR301 'Gitlab' is spelled 'GitLab'"]);

    // An ignored folder's page, and a page saved with the same text, are not linted; the next
    // real save is.
    std::fs::create_dir(root.join("build")).unwrap();
    save(&root.join("build/c.md"), "with with\n");
    save(&root.join("a.md"), "# A\n\nNow with with Gitlab.\n");
    std::thread::sleep(Duration::from_millis(300));
    save(&root.join("b.md"), "# B\n\nFixed.\n");
    assert_eq!(watch.run(), Vec::<String>::new());

    // A config file: everything again, with the new settings.
    save(&root.join("hblint.toml"), "[severity]\nPR201 = \"off\"\n");
    assert_eq!(watch.run(), ["a.md:3:15: PR301 'Gitlab' is spelled 'GitLab'"]);
}

#[test]
fn watch_refuses_stdin() {
    let output = Command::new(assert_cmd::cargo::cargo_bin("hblint")).args(["check", "--watch", "-"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--watch lints files as they are saved: it cannot read stdin")
    );
}

#[test]
fn with_fix_a_saved_page_is_fixed_once_and_the_fix_does_not_wake_the_watch() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::git(root, &["init", "-q"]);
    save(&root.join("a.md"), "# A\n\nA clean page.\n");
    let watch = start(root, &["--fix"]);
    assert_eq!(watch.run(), Vec::<String>::new());
    save(&root.join("a.md"), "# A\n\nWork with with Gitlab.\n");
    // Both findings fixed: none left to show.
    assert_eq!(watch.run(), Vec::<String>::new());
    assert_eq!(std::fs::read_to_string(root.join("a.md")).unwrap(), "# A\n\nWork with GitLab.\n");
    // The fix's own write is not a change to lint again.
    std::thread::sleep(Duration::from_millis(600));
    assert!(watch.lines.try_recv().is_err(), "the watch ran again after its own fix");
}

#[test]
fn a_config_file_above_the_watched_folder_lints_everything_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::git(root, &["init", "-q"]);
    std::fs::create_dir(root.join("docs")).unwrap();
    std::fs::write(root.join("docs/a.md"), "# A\n\nWork with with Gitlab.\n").unwrap();
    let watch = start(root, &["docs"]);
    assert_eq!(
        watch.run(),
        ["docs/a.md:3:11: PR201 'with' is repeated", "docs/a.md:3:16: PR301 'Gitlab' is spelled 'GitLab'"]
    );
    save(&root.join("hblint.toml"), "[severity]\nPR301 = \"off\"\n");
    assert_eq!(watch.run(), ["docs/a.md:3:11: PR201 'with' is repeated"]);
}
