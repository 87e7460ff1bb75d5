//! Bad input, continued (see `bad_input.rs`): broken configuration, packs and data files,
//! parameters of the wrong kind, files hblint may not read or write, very long lines, and a
//! reader that closes the pipe.

use std::io::Read;

mod bad_input_helpers;

use bad_input_helpers::*;

#[test]
fn a_broken_markdownlint_config_costs_its_folder_not_the_run() {
    let dir = folder(|d| {
        write(d, "sub/.markdownlint.json", "{\"MD013\": {\"line_length\": 10,}");
        write(d, "sub/a.md", GOOD);
        write(d, "sub/b.md", GOOD);
    });
    let config = dir.path().join("sub/.markdownlint.json");
    let (code, stdout, stderr) = hblint(dir.path(), &["check", ".", "--color", "never"]);
    assert_eq!(code, 2);
    assert!(stdout.starts_with("warning[PR201]: 'the' is repeated\n  ┌─ good.md:3:5\n"), "{stdout}");
    assert!(stdout.ends_with(
        "1 problem (0 errors, 1 warning) in 1 file (1 checked); 2 files not linted (broken configuration)\n"
    ));
    assert_eq!(
        stderr,
        format!(
            "hblint: error: {}:1:29: invalid JSON: EOF while parsing an object at line 1 column 29; 'sub/a.md' and 1 other file it governs were not linted\n",
            config.display()
        )
    );
    // When it governs every file named, it is the run's only error, as before.
    let (code, stdout, stderr) = hblint(dir.path(), &["check", "sub", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str(), stderr),
        (
            2,
            "",
            format!(
                "hblint: error: {}:1:29: invalid JSON: EOF while parsing an object at line 1 column 29\n",
                config.display()
            )
        )
    );
}

#[test]
fn a_broken_hblint_toml_in_a_sub_folder_costs_its_folder_not_the_run() {
    let dir = folder(|d| {
        write(d, "sub/hblint.toml", "[rules.MD013\nline_length = 3\n");
        write(d, "sub/a.md", GOOD);
    });
    let (code, stdout, stderr) = hblint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            GOOD_FINDING,
            "hblint: error: sub/hblint.toml:1:13: unclosed table, expected `]`; 'sub/a.md' was not linted\n"
        )
    );
}

#[test]
fn a_broken_pack_is_located_and_stops_the_run() {
    let dir = folder(|d| write(d, "rules/p.toml", "[[rule]]\ncode = \"X1\"\nkind = \n"));
    let (code, stdout, stderr) = hblint(dir.path(), &["check", ".", "--pack", "rules/p.toml", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (2, "", "hblint: error: rules/p.toml:3:8: string values must be quoted, expected literal string\n")
    );
}

/// A handbook data file the rules read (`[handbook]` points at it) that is not what the
/// handbook writes: every file's inclusive-language findings would be wrong, so the run stops.
#[test]
fn a_broken_data_file_is_located_and_stops_the_run() {
    let dir = folder(|d| {
        write(d, "hblint.toml", "[handbook]\nmisused-terms = \"data/misused_terms.yml\"\n");
        write(d, "data/misused_terms.yml", "- avoid:\n  - Employees\n- use_instead: [Team members]\n");
    });
    let (code, stdout, stderr) = hblint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.starts_with("hblint: error: data/misused_terms.yml:3:3: an entry needs 'avoid'"), "{stderr}");
}

#[test]
fn a_markdownlint_parameter_of_the_wrong_kind_is_a_located_warning() {
    let words: Vec<String> = (0..30).map(|i| format!("w{i}")).collect();
    let long_line = format!("# Title\n\n{}\n", words.join(" "));
    let json = "{\n  \"MD013\": {\"line_length\": \"long\"},\n  \"MD003\": {\"style\": 3}\n}\n";
    let dir = folder(|d| {
        write(d, "json/.markdownlint.json", json);
        write(d, "json/page.md", &long_line);
        write(d, "yaml/.markdownlint.yaml", "MD013:\n  line_length: 40\n  strict: \"yes\"\n");
        write(d, "yaml/page.md", &long_line);
    });
    let at = |file: &str| dir.path().join(file).display().to_string();
    let (code, stdout, stderr) = hblint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(code, 1);
    // markdownlint reads "long" as no limit: no MD013 in json/, MD013 at 40 in yaml/.
    assert_eq!(
        stdout,
        format!(
            "{GOOD_FINDING}yaml/page.md:3:41: MD013 line is {} characters long; the limit is 40\n",
            words.join(" ").len()
        )
    );
    assert_eq!(
        stderr,
        format!(
            "hblint: warning: {}:3:22: parameter 'style' of MD003 (heading-style) takes one of \"consistent\", \"atx\", \"atx_closed\", \"setext\", \"setext_with_atx\", \"setext_with_atx_closed\", not 3; markdownlint reads it as \"consistent\"\n\
             hblint: warning: {}:2:28: parameter 'line_length' of MD013 (line-length) takes an integer (0 or -1 for no limit), not \"long\"; markdownlint reads it as no limit\n\
             hblint: warning: {}:3:11: parameter 'strict' of MD013 (line-length) takes true or false, not \"yes\"; markdownlint reads it as true\n",
            at("json/.markdownlint.json"),
            at("json/.markdownlint.json"),
            at("yaml/.markdownlint.yaml"),
        )
    );
    // In hblint.toml the same value stays an error.
    write(dir.path(), "hblint.toml", "[rules.MD013]\nline_length = \"long\"\n");
    let (code, stdout, stderr) = hblint(dir.path(), &["check", "good.md", "--format", "concise"]);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            "",
            "hblint: error: hblint.toml:2:15: parameter 'line_length' of MD013 (line-length) takes an integer (0 or -1 for no limit), not \"long\"\n"
        )
    );
}

/// Root reads and writes whatever the permission bits say: as root (CI), hblint runs as the
/// unprivileged user 65534 through `setpriv`, which can then neither read a 0600 file of root's
/// nor list a 0700 folder nor write a file or folder of root's.
fn unprivileged(dir: &std::path::Path) -> Option<std::process::Command> {
    let binary = assert_cmd::cargo::cargo_bin("hblint");
    let uid = std::process::Command::new("id").arg("-u").output().ok()?;
    let mut command = if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        let found = std::process::Command::new("setpriv").arg("--version").output().is_ok_and(|o| o.status.success());
        if !found {
            eprintln!("skipped: running as root without setpriv (util-linux), so permissions cannot be denied");
            return None;
        }
        let mut command = std::process::Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(binary);
        command
    } else {
        std::process::Command::new(binary)
    };
    // The temporary folder is 0700: the other user must be able to enter it.
    let mode = |path: &std::path::Path, mode: u32| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    };
    mode(dir, 0o755);
    command.current_dir(dir);
    Some(command)
}

#[test]
fn unreadable_files_and_folders_are_said_and_the_others_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(|d| {
        write(d, "secret.md", GOOD);
        write(d, "locked/in.md", GOOD);
    });
    let Some(mut command) = unprivileged(dir.path()) else { return };
    std::fs::set_permissions(dir.path().join("secret.md"), std::fs::Permissions::from_mode(0o600)).expect("chmod");
    std::fs::set_permissions(dir.path().join("locked"), std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let (code, stdout, stderr) = output(command.args(["check", ".", "--format", "concise"]));
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            GOOD_FINDING,
            "hblint: error: locked: cannot list this folder: permission denied\nhblint: error: secret.md: permission denied\n"
        )
    );
}

#[test]
fn fix_on_a_file_it_cannot_write_keeps_the_finding_and_says_why() {
    let dir = folder(|d| write(d, "fixme.md", GOOD));
    let Some(mut command) = unprivileged(dir.path()) else { return };
    let (code, stdout, stderr) = output(command.args(["check", "fixme.md", "--fix", "--format", "concise"]));
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            2,
            "fixme.md:3:5: PR201 'the' is repeated\n",
            "hblint: error: fixme.md: cannot write the fixed file (permission denied); it is unchanged and its findings are reported as they are\n"
        )
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("fixme.md")).expect("read"), GOOD);
}

#[test]
fn a_very_long_line_is_shown_as_a_window_around_the_finding() {
    let line = format!("{} <b>bold</b> {}", "x".repeat(300), "y".repeat(49_700));
    let dir = folder(|d| write(d, "long.md", format!("# Title\n\n{line}\n")));
    let (code, stdout, stderr) =
        hblint(dir.path(), &["check", "long.md", "--select", "MD013,MD033", "--color", "never"]);
    assert_eq!((code, stderr.as_str()), (1, ""));
    let window = |from: usize| line.chars().skip(from).take(120).collect::<String>();
    assert_eq!(
        stdout,
        format!(
            "warning[MD013]: line is 50013 characters long; the limit is 80\n  ┌─ long.md:3:81\n  │\n3 │ …{}…\n  │ {}{} line-length\n  │\n  = help: wrap the line at 80 characters\n\n\
             warning[MD033]: inline HTML element 'b'\n  ┌─ long.md:3:302\n  │\n3 │ …{}…\n  │ {}^^^ no-inline-html\n  │\n  = help: write Markdown instead, or allow 'b' with the allowed_elements parameter\n\n\
             2 problems (0 errors, 2 warnings) in 1 file (1 checked)\n",
            window(40),
            " ".repeat(41),
            "^".repeat(80),
            window(261),
            " ".repeat(41),
        )
    );
    // The same with color: a long line is never printed whole.
    let (_, colored, _) = hblint(dir.path(), &["check", "long.md", "--select", "MD013,MD033", "--color", "always"]);
    assert!(colored.lines().all(|l| l.chars().count() < 200), "a line of the colored output is long");
}

/// 50,000 list markers on one line: 45,000 findings (MD037) on a 100,000-character line. Each
/// printed the whole line (a report of the findings times the line); now a window each, and the
/// line's characters are counted once, not once per finding.
#[test]
fn many_findings_on_a_very_long_line_cost_the_findings_not_their_product() {
    let dir = folder(|d| write(d, "stars.md", format!("{}x\n", "* ".repeat(50_000))));
    let started = std::time::Instant::now();
    let (code, stdout, stderr) = hblint(dir.path(), &["check", ".", "--select", "ALL", "--color", "never"]);
    let elapsed = started.elapsed();
    assert_eq!((code, stderr.as_str()), (1, ""));
    assert!(stdout.lines().all(|l| l.chars().count() < 200), "a line of the output is long");
    assert!(stdout.contains("  ┌─ good.md:3:5\n"), "good.md was linted");
    let findings = stdout.matches("  ┌─ stars.md:1:").count();
    assert!(findings > 40_000, "{findings} findings");
    // 18 MB of output; some 7 s with the debug build (450 s when each finding counted the line).
    assert!(stdout.len() < 400 * findings, "{} bytes for {findings} findings", stdout.len());
    assert!(elapsed.as_secs() < 90, "took {elapsed:?}");
}

/// The reader is gone before hblint writes: its first write fails with a broken pipe, which ends
/// the command quietly, as `cat` ends (`hblint explain MD013 | head -1`).
#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = folder(|d| write(d, "many.md", "the the ".repeat(5_000)));
    for (args, exit) in [
        (&["explain", "MD013"][..], 0),
        (&["rules"][..], 0),
        (&["check", ".", "--color", "never"][..], 1),
        (&["check", ".", "--format", "sarif"][..], 1),
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("hblint"))
            .current_dir(dir.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        drop(child.stdout.take());
        let mut stderr = String::new();
        child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read");
        let status = child.wait().expect("ends");
        assert_eq!((status.code(), stderr.as_str()), (Some(exit), ""), "{args:?}");
    }
}
