//! Configuration a team outgrows one file with, as a user runs it: `extends`, `exclude` (and
//! `--force-exclude`), `per-file-ignores`, sub-folder configs inheriting their parents' up to
//! the repository's root, `hblint config`, and the errors each can make (located, exit 2).

mod common;

use assert_cmd::Command;
use std::path::Path;

/// Runs hblint in `dir` and returns its exit code, stdout and stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("hblint")
        .expect("binary is built")
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("hblint runs");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
}

fn write(dir: &Path, path: &str, text: &str) {
    let full = dir.join(path);
    std::fs::create_dir_all(full.parent().expect("a parent")).expect("mkdir");
    std::fs::write(full, text).expect("write");
}

/// A page with a doubled word (PR201, line 3) and a 110-character line (MD013 past 80, line 5).
const PAGE: &str = "# T\n\nthe the end\n\nalpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike \
                    november oscar papa quebec romeo\n";

/// A git repository with a shared base config, a root config extending it, a team folder
/// with its own config, drafts and generated pages to exclude, and per-file ignores.
fn handbook() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    common::git(dir.path(), &["init", "-q"]);
    write(
        dir.path(),
        "shared/base.toml",
        "# The company's base settings.\nselect = [\"prose\", \"MD013\"]\nignore = [\"PR301\"]\nfail-on = \"error\"\n\n\
         [severity]\nPR201 = \"warning\"\n\n[rules.MD013]\nline_length = 60\n",
    );
    write(
        dir.path(),
        "hblint.toml",
        "extends = \"shared/base.toml\"\nexclude = [\"drafts/\", \"*.generated.md\"]\n\
         per-file-ignores = { \"CHANGELOG.md\" = [\"MD013\"], \"docs/legal/**\" = [\"prose\"] }\n\n\
         [rules.MD013]\nline_length = 80\n",
    );
    write(dir.path(), "docs/team/hblint.toml", "fail-on = \"warning\"\nignore = [\"MD013\"]\n");
    for page in
        ["docs/team/a.md", "docs/drafts/b.md", "docs/legal/c.md", "CHANGELOG.md", "top.md", "docs/x.generated.md"]
    {
        write(dir.path(), page, PAGE);
    }
    dir
}

#[test]
fn extends_exclude_per_file_ignores_and_a_sub_folder_config_shape_a_run() {
    let dir = handbook();
    let (code, stdout, stderr) = run(dir.path(), &["check", "--format", "concise"]);
    // drafts/ and *.generated.md are excluded; CHANGELOG.md has no MD013, docs/legal/ no prose
    // rule; docs/team/ ignores MD013 on top of the root's settings and fails on warnings.
    // line_length is the root's 80, not the base's 60.
    assert_eq!(
        stdout,
        "CHANGELOG.md:3:5: PR201 'the' is repeated\n\
         docs/legal/c.md:5:81: MD013 line is 110 characters long; the limit is 80\n\
         docs/team/a.md:3:5: PR201 'the' is repeated\n\
         top.md:3:5: PR201 'the' is repeated\n\
         top.md:5:81: MD013 line is 110 characters long; the limit is 80\n"
    );
    assert_eq!((code, stderr.as_str()), (1, ""));
    // Outside docs/team/, the base's fail-on = "error" holds: warnings pass.
    assert_eq!(run(dir.path(), &["check", "--format", "concise", "top.md"]).0, 0);
}

#[test]
fn a_named_file_is_linted_even_if_excluded_unless_force_exclude() {
    let dir = handbook();
    let named = ["check", "--format", "concise", "docs/drafts/b.md", "docs/x.generated.md", "top.md"];
    let (_, stdout, _) = run(dir.path(), &named);
    assert_eq!(stdout.lines().filter(|l| l.starts_with("docs/drafts/b.md:")).count(), 2, "{stdout}");
    assert_eq!(stdout.lines().filter(|l| l.starts_with("docs/x.generated.md:")).count(), 2, "{stdout}");
    let forced = [&named[..3], &["--force-exclude"], &named[3..]].concat();
    let (code, stdout, stderr) = run(dir.path(), &forced);
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "top.md:3:5: PR201 'the' is repeated\ntop.md:5:81: MD013 line is 110 characters long; the limit is 80\n",
            ""
        )
    );
    // Text on stdin is excluded by its --stdin-filename only with --force-exclude.
    let stdin = |extra: &[&str]| {
        let mut cmd = Command::cargo_bin("hblint").expect("binary is built");
        cmd.current_dir(dir.path()).args(["check", "--format", "concise", "--stdin-filename", "docs/drafts/new.md"]);
        let output = cmd.args(extra).arg("-").write_stdin("the the\n").output().expect("runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert_eq!(stdin(&[]), "docs/drafts/new.md:1:5: PR201 'the' is repeated\n");
    assert_eq!(stdin(&["--force-exclude"]), "");
}

#[test]
fn a_sub_folder_can_bring_back_what_the_root_excluded() {
    let dir = handbook();
    write(dir.path(), "docs/drafts/hblint.toml", "exclude = [\"!ready.md\"]\n");
    write(dir.path(), "docs/drafts/ready.md", "the the\n");
    let (_, stdout, _) = run(dir.path(), &["check", "--format", "concise", "docs/drafts"]);
    assert_eq!(stdout, "docs/drafts/ready.md:1:5: PR201 'the' is repeated\n");
}

#[test]
fn root_true_and_the_repository_root_stop_the_inheritance() {
    let dir = handbook();
    write(dir.path(), "docs/team/hblint.toml", "root = true\nselect = [\"PR201\"]\n");
    let (code, stdout, _) = run(dir.path(), &["check", "--format", "concise", "docs/team/a.md"]);
    // Nothing of the root's: PR201 at its default severity (warning), fail-on "warning".
    assert_eq!((code, stdout.as_str()), (1, "docs/team/a.md:3:5: PR201 'the' is repeated\n"));

    // A config above the repository's root belongs to another project: not inherited.
    let outer = tempfile::tempdir().expect("tempdir");
    write(outer.path(), "hblint.toml", "[severity]\nPR201 = \"off\"\n");
    write(outer.path(), "repo/hblint.toml", "select = [\"PR201\", \"PR001\"]\n");
    write(outer.path(), "repo/page.md", "the the\n");
    common::git(&outer.path().join("repo"), &["init", "-q"]);
    let (_, stdout, _) = run(&outer.path().join("repo"), &["check", "--format", "concise"]);
    assert_eq!(stdout, "page.md:1:5: PR201 'the' is repeated\n");
    // Without a repository, the folders above are inherited up to the file system's root.
    std::fs::remove_dir_all(outer.path().join("repo/.git")).expect("remove .git");
    let (_, stdout, _) = run(&outer.path().join("repo"), &["check", "--format", "concise"]);
    assert_eq!(stdout, "");
}

#[test]
fn config_names_one_file_and_what_it_extends_for_every_file() {
    let dir = handbook();
    let (code, stdout, _) = run(dir.path(), &["check", "--format", "concise", "--config", "hblint.toml", "docs/team"]);
    // docs/team/hblint.toml is not read: MD013 runs, fail-on is the base's "error".
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "docs/team/a.md:3:5: PR201 'the' is repeated\n\
             docs/team/a.md:5:81: MD013 line is 110 characters long; the limit is 80\n"
        )
    );
}

#[test]
fn errors_in_extends_per_file_ignores_and_exclude_are_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "page.md", "# Page\n");
    let cases = [
        (
            "select = []\nextends = \"base.toml\"\n",
            "hblint.toml:2:11: cannot read the config it extends, 'base.toml': no such file or directory",
        ),
        ("extends = 3\n", "hblint.toml:1:11: invalid type: integer `3`, expected a string"),
        (
            "per-file-ignores = { \"a.md\" = [\"MD013\", \"XX9\"] }\n",
            "hblint.toml:1:41: unknown rule or group 'XX9' (see 'hblint rules')",
        ),
        (
            "per-file-ignores = { \"!a.md\" = [\"MD013\"] }\n",
            "hblint.toml:1:22: '!a.md': a per-file-ignores glob cannot be negated",
        ),
        ("exclude = \"drafts/\"\n", "hblint.toml:1:11: invalid type: string \"drafts/\", expected a sequence"),
        (
            "exclude = [\"{a,b\"]\n",
            "hblint.toml:1:12: '{a,b' is no glob: error parsing glob '{a,b': unclosed alternate group; missing '}' (maybe escape '{' with '[{]'?)",
        ),
    ];
    for (config, expected) in cases {
        write(dir.path(), "hblint.toml", config);
        let (code, stdout, stderr) = run(dir.path(), &["check", "page.md"]);
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (2, "", format!("hblint: error: {expected}\n").as_str()),
            "{config}"
        );
    }
    // A cycle is reported where it closes.
    write(dir.path(), "hblint.toml", "extends = \"a.toml\"\n");
    write(dir.path(), "a.toml", "# a\nextends = \"hblint.toml\"\n");
    let (code, _, stderr) = run(dir.path(), &["check", "page.md"]);
    assert_eq!(
        (code, stderr.as_str()),
        (2, "hblint: error: a.toml:2:11: 'extends' makes a cycle: hblint.toml → a.toml → hblint.toml\n")
    );
    // A config that extends itself.
    write(dir.path(), "hblint.toml", "extends = \"./hblint.toml\"\n");
    let (code, _, stderr) = run(dir.path(), &["check", "page.md"]);
    assert_eq!(
        (code, stderr.as_str()),
        (2, "hblint: error: hblint.toml:1:11: 'extends' makes a cycle: hblint.toml → hblint.toml\n")
    );
}

#[test]
fn hblint_config_shows_each_setting_with_its_origin() {
    let dir = handbook();
    let (code, stdout, stderr) = run(dir.path(), &["config", "docs/team/a.md", "--ignore", "PR001"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        stdout,
        r#"# Settings for docs/team/a.md
# Config files, lowest precedence first:
#   shared/base.toml (extended by hblint.toml)
#   hblint.toml
#   docs/team/hblint.toml
select = [
    "prose",                                     # shared/base.toml:2:11
    "MD013",                                     # shared/base.toml:2:20
]
ignore = [
    "PR301",                                     # shared/base.toml:3:11
    "MD013",                                     # docs/team/hblint.toml:2:11
    "PR001",                                     # --ignore
]
fail-on = "warning"                              # docs/team/hblint.toml:1:11
packs = []                                       # default
exclude = [
    "drafts/",                                   # hblint.toml:2:12
    "*.generated.md",                            # hblint.toml:2:23
]
per-file-ignores."CHANGELOG.md" = ["MD013"]      # hblint.toml:3:22
per-file-ignores."docs/legal/**" = ["prose"]     # hblint.toml:3:50
severity.PR201 = "warning"                       # shared/base.toml:7:9
rules.MD013.line_length = 80                     # hblint.toml:6:15
handbook = (found from the repository's layout)  # default
site = (found from the repository's layout)      # default
# excluded from a walk: no
# rules in force (2): PR101 PR201
"#
    );
    // JSON: the same settings, values as JSON, and the rules with their severities.
    let (code, stdout, _) = run(dir.path(), &["config", "--format", "json", "docs/legal"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let setting = |key: &str| json["settings"].as_array().expect("settings").iter().find(|s| s["key"] == key).cloned();
    assert_eq!(
        setting("rules.MD013.line_length"),
        Some(
            serde_json::json!({"key": "rules.MD013.line_length", "item": false, "value": 80, "origin": "hblint.toml:6:15"})
        )
    );
    assert_eq!(
        setting("fail-on"),
        Some(serde_json::json!({"key": "fail-on", "item": false, "value": "error", "origin": "shared/base.toml:4:11"}))
    );
    assert_eq!(json["config_files"][0], serde_json::json!({"path": "shared/base.toml", "extended_by": "hblint.toml"}));
    assert_eq!(json["excluded"], serde_json::Value::Null);
    assert!(
        json["rules"].as_array().expect("rules").contains(&serde_json::json!({"code": "PR201", "severity": "warning"}))
    );
    // A file's view says whether a walk would skip it and which rules its per-file ignores leave.
    let (_, stdout, _) = run(dir.path(), &["config", "docs/drafts/b.md"]);
    assert!(
        stdout.ends_with("# excluded from a walk: yes\n# rules in force (4): MD013 PR001 PR101 PR201\n"),
        "{stdout}"
    );
    let (_, stdout, _) = run(dir.path(), &["config", "docs/legal/c.md"]);
    assert!(stdout.ends_with("# excluded from a walk: no\n# rules in force (1): MD013\n"), "{stdout}");
    // Without a config file, everything is hblint's default.
    let empty = tempfile::tempdir().expect("tempdir");
    let (_, stdout, _) = run(empty.path(), &["config", "--select", "JF001"]);
    let words: Vec<String> =
        stdout.lines().take(6).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(
        words,
        [
            "# Settings for .",
            "# No config file: hblint's defaults.",
            "select = [",
            "\"JF001\", # --select",
            "]",
            "ignore = [] # default"
        ]
    );
    // A missing path is an error.
    assert_eq!(
        run(empty.path(), &["config", "nowhere"]),
        (2, String::new(), "hblint: error: nowhere: no such file or directory\n".to_string())
    );
}

#[test]
fn an_empty_select_is_shown_where_it_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "hblint.toml", "# nothing runs\nselect = []\n");
    let (code, stdout, _) = run(dir.path(), &["config"]);
    assert_eq!(code, 0);
    let select =
        stdout.lines().find(|l| l.starts_with("select")).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
    assert_eq!(select.as_deref(), Some("select = [] # hblint.toml:2:10"));
    assert!(stdout.ends_with("# rules in force (0):\n"), "{stdout}");
}

/// Folders' configurations are remembered for a few thousand folders at a time: in a tree with
/// more, a sub-folder's config still governs its files, and its parent's the others, whichever
/// side of the cache's reset they fall on.
#[test]
fn thousands_of_folders_each_get_their_nearest_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    common::git(dir.path(), &["init", "-q"]);
    write(dir.path(), "hblint.toml", "select = [\"PR201\"]\n");
    for team in ["aa", "zz"] {
        write(dir.path(), &format!("{team}/hblint.toml"), "ignore = [\"PR201\"]\n");
        write(dir.path(), &format!("{team}/page.md"), PAGE);
    }
    for i in 0..5000 {
        write(dir.path(), &format!("m/d{i:04}/page.md"), PAGE);
    }
    let (code, stdout, stderr) = run(dir.path(), &["check", "--format", "concise", "."]);
    assert_eq!(code, 1, "{stderr}");
    let flagged: Vec<&str> = stdout.lines().filter(|l| l.contains("PR201")).collect();
    assert_eq!(flagged.len(), 5000, "{stderr}");
    assert!(flagged.iter().all(|l| l.starts_with("m/d")), "aa/ and zz/ ignore PR201: {:?}", &flagged[..3]);
}
