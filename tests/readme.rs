//! README.md's rule tables (`| Code | Name | …`: hblint's rules, and the markdownlint-compatible
//! ones) say what `hblint rules --format json` says: every rule has one row, every row a rule,
//! with the same name, group, default severity and fix.

use assert_cmd::Command;
use std::collections::BTreeMap;

const README: &str = include_str!("../README.md");

/// A rule as `hblint rules --format json` or a README row describes it.
#[derive(Debug, Clone, PartialEq)]
struct Rule {
    name: String,
    group: String,
    /// The default severity; `None` where the table has no Default column.
    severity: Option<String>,
    fix: bool,
}

/// The rules the binary lists, by code.
fn listed_rules() -> BTreeMap<String, Rule> {
    // Run outside the repository so no configuration adds packs.
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = Command::cargo_bin("hblint")
        .expect("binary is built")
        .current_dir(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .expect("hblint runs");
    assert!(output.status.success(), "hblint rules failed: {}", String::from_utf8_lossy(&output.stderr));
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("rules print JSON");
    let text = |rule: &serde_json::Value, key: &str| {
        rule[key].as_str().unwrap_or_else(|| panic!("rule without a string '{key}': {rule}")).to_string()
    };
    rules
        .iter()
        .map(|rule| {
            let fix = rule["fix"].as_bool().unwrap_or_else(|| panic!("rule without a boolean 'fix': {rule}"));
            let meta = Rule {
                name: text(rule, "name"),
                group: text(rule, "group"),
                severity: Some(text(rule, "severity")),
                fix,
            };
            (text(rule, "code"), meta)
        })
        .collect()
}

/// The rows of the README's `| Code | Name | …` tables, by code, in the order they appear. A
/// table without a Group column is the markdownlint-compatible one: its rules are `markdown`.
fn readme_rows() -> Vec<(String, Rule)> {
    let cells = |line: &str| -> Vec<String> {
        line.trim().trim_matches('|').split('|').map(|cell| cell.trim().to_string()).collect()
    };
    let mut rows = Vec::new();
    let mut lines = README.lines();
    while let Some(line) = lines.next() {
        if !line.starts_with("| Code") {
            continue;
        }
        let header = cells(line);
        let column = |name: &str| header.iter().position(|h| h == name);
        let (Some(code), Some(name), Some(fix)) = (column("Code"), column("Name"), column("Fix")) else {
            panic!("a rule table without Code, Name and Fix columns: {line}");
        };
        let (group, severity) = (column("Group"), column("Default"));
        lines.next(); // the |---| line
        for row in lines.by_ref().take_while(|l| l.starts_with('|')) {
            let row = cells(row);
            let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
            let fix = match cell(fix).as_str() {
                "yes" => true,
                "" => false,
                other => panic!("Fix column says '{other}' (want 'yes' or nothing) for {}", cell(code)),
            };
            let meta = Rule {
                name: cell(name),
                group: group.map_or_else(|| "markdown".to_string(), cell),
                severity: severity.map(cell),
                fix,
            };
            rows.push((cell(code), meta));
        }
    }
    rows
}

#[test]
fn readme_rule_tables_match_the_rules() {
    let listed = listed_rules();
    let rows = readme_rows();
    // Premises: both tables were found, and the binary lists built-in rules of every group.
    assert!(rows.iter().any(|(code, _)| code.starts_with("MD")), "no markdownlint table in README.md");
    assert!(rows.iter().any(|(code, _)| code.starts_with("JF")), "no hblint rule table in README.md");
    assert!(listed.len() > 60, "only {} rules listed", listed.len());

    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for (code, row) in &rows {
        if seen.insert(code.clone(), ()).is_some() {
            problems.push(format!("{code}: two README rows"));
        }
        match listed.get(code) {
            None => problems.push(format!("{code}: a README row, but no such rule")),
            Some(rule) => {
                // A table without a Default column does not say the severity.
                let rule = Rule { severity: row.severity.as_ref().and(rule.severity.clone()), ..rule.clone() };
                if rule != *row {
                    problems.push(format!("{code}: README says {row:?}, `hblint rules` says {rule:?}"));
                }
            }
        }
    }
    for code in listed.keys() {
        if !seen.contains_key(code) {
            problems.push(format!("{code}: a rule without a README row"));
        }
    }
    assert!(problems.is_empty(), "README.md's rule tables disagree with `hblint rules`:\n{}", problems.join("\n"));
}

/// "hblint also implements 53 markdownlint rules": the count is the table's.
#[test]
fn readme_counts_the_markdownlint_rules() {
    let listed = listed_rules();
    let markdown = listed.values().filter(|rule| rule.group == "markdown").count();
    // The number between "implements " and " markdownlint rules".
    let claim = README
        .split("implements ")
        .skip(1)
        .filter_map(|rest| rest.split_once(" markdownlint rules").map(|(before, _)| before))
        .find(|before| !before.is_empty() && before.chars().all(|c| c.is_ascii_digit()))
        .expect("README.md says how many markdownlint rules hblint implements");
    assert_eq!(claim, markdown.to_string(), "README.md's count of markdownlint rules");
}

/// The fenced block of `language` that follows `heading` in the README.
fn block_after(heading: &str, language: &str) -> String {
    let from = README.find(heading).unwrap_or_else(|| panic!("README has no '{heading}'"));
    let fence = format!("```{language}\n");
    let start = README[from..].find(&fence).map(|i| from + i + fence.len()).expect("a fenced block");
    let end = README[start..].find("```").map(|i| start + i).expect("a closed block");
    README[start..end].to_string()
}

#[test]
fn the_readme_configuration_and_pack_work_as_written() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let config = block_after("### Configuration: `hblint.toml`", "toml");
    let pack = block_after("A complete pack:", "toml");
    assert!(config.contains("[rules.MD013]") && pack.contains("prefix = \"OT\""), "the README's snippets moved");
    std::fs::write(dir.path().join("hblint.toml"), &config).expect("write config");
    std::fs::create_dir_all(dir.path().join("lint")).expect("create lint/");
    std::fs::write(dir.path().join("lint/our-terms.toml"), &pack).expect("write pack");
    std::fs::write(dir.path().join("page.md"), "# Page\n\nEvery gitlabber reads it.\n").expect("write page");
    let output = Command::cargo_bin("hblint")
        .expect("binary is built")
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "page.md"])
        .output()
        .expect("hblint runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(stdout, "page.md:3:7: OT1 'gitlabber': write 'team member'\n");
}

/// Runs `hblint check --format concise ARGS` in `dir` and returns its exit code and output.
fn concise(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("hblint")
        .expect("binary is built")
        .current_dir(dir)
        .args(["check", "--format", "concise"])
        .args(args)
        .output()
        .expect("hblint runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.code() != Some(2), "hblint failed: {stderr}");
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A job-family page whose one role has every section the handbook asks for, and the
/// "Ability to use GitLab" bullet; `extra` goes into its Requirements.
fn complete_job_family_page(extra: &str) -> String {
    format!(
        "---\nlayout: job_family_page\ntitle: Data Analyst\n---\n\n## Data Analyst\n\n### Job Grade\n\n\
         The Data Analyst is a [grade 6](/handbook/total-rewards/compensation/compensation-calculator/#gitlab-job-grades).\n\n\
         ### Responsibilities\n\n- Build the quarterly reports\n\n### Requirements\n\n- Ability to use GitLab\n{extra}\n\
         ## Performance Indicators\n\n- Reports delivered on time\n\n## Hiring Process\n\n- A screening call\n"
    )
}

#[test]
fn the_readme_page_schema_works_as_written() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let schema = block_after("### The job-family page schema (JF006–JF008)", "toml");
    assert!(schema.contains("[rules.JF006]") && schema.contains("Nice-to-haves"), "the README's schema moved");
    std::fs::write(dir.path().join("hblint.toml"), &schema).expect("write config");
    std::fs::write(dir.path().join("page.md"), complete_job_family_page("")).expect("write page");
    let (code, stdout) = concise(dir.path(), &["--select", "JF006,JF007,JF008", "page.md"]);
    // The README's schema adds Nice-to-haves to every role: the page lacks only that.
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "page.md:6:1: JF006 role 'Data Analyst' has no Nice-to-haves section\n");
    // Without the schema, the page has every hard requirement the handbook asks for.
    std::fs::remove_file(dir.path().join("hblint.toml")).expect("remove config");
    assert_eq!(concise(dir.path(), &["--select", "JF006,JF007,JF008", "page.md"]), (Some(0), String::new()));
}

#[test]
fn the_readme_handbook_data_files_work_as_written() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let handbook = block_after("`[handbook]` table, relative to the `hblint.toml`", "toml");
    assert!(handbook.contains("[handbook]"), "the README's [handbook] snippet moved");
    std::fs::write(dir.path().join("hblint.toml"), &handbook).expect("write config");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("create data/");
    // Both files as the handbook writes them.
    std::fs::write(
        data.join("misused_terms.yml"),
        "- avoid:\n  - Grooming\n  use_instead:\n  - Refinement\n  reason: The term has negative connotations.\n  exclude_from_exports: false\n",
    )
    .expect("write terms");
    std::fs::write(
        data.join("inclusiveness_check.yml"),
        "checked:\n  - /source/job-families/**/*\nskipped:\n  - source/job-families/skipped/index.html.md\n",
    )
    .expect("write skip list");
    for role in ["listed", "skipped"] {
        let folder = dir.path().join("source/job-families").join(role);
        std::fs::create_dir_all(&folder).expect("create page folder");
        std::fs::write(folder.join("index.html.md"), complete_job_family_page("- Backlog grooming\n"))
            .expect("write page");
    }
    let (code, stdout) = concise(dir.path(), &["--select", "IL004,IL007", "source"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "source/job-families/listed/index.html.md:19:11: IL004 'grooming' is on the handbook's list of misused terms\n"
    );
}

#[test]
fn the_readme_site_configuration_works_as_written() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let site = block_after("Other\nlayouts are configured in `hblint.toml`:", "toml");
    assert!(site.contains("[site]") && site.contains("docs.example.com"), "the README's [site] snippet moved");
    std::fs::write(dir.path().join("hblint.toml"), &site).expect("write config");
    let write = |path: &str, text: &str| {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, text).expect("write");
    };
    write("data/redirects.yml", "- sources: /old-guide/\n  target: /guide/\n  comp_op: '='\n");
    write("docs/_index.md", "# Home\n");
    write("docs/guide.md", "# Guide\n\n## Setup {#set-up}\n");
    write(
        "docs/links.md",
        "# Links\n\n[a](/guide/#set-up) [b](/guide/#setup) [c](https://docs.example.com/guide/) [d](/team/x/) [e](/old-guide/) [f](/guide/nowhere/)\n",
    );
    let (code, stdout) = concise(dir.path(), &["docs/links.md"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "docs/links.md:3:33: LK002 '#setup' is no anchor on '/guide/'\n\
         docs/links.md:3:44: LK004 link to this site written with its host 'https://docs.example.com'\n\
         docs/links.md:3:95: LK003 '/old-guide/' is redirected to '/guide/' (data/redirects.yml, line 1)\n\
         docs/links.md:3:112: LK001 link to '/guide/nowhere/', a page the handbook does not have\n"
    );
}

#[test]
fn the_readme_example_output_is_what_hblint_prints() {
    let example = block_after("# Run the tests:", "text");
    let output = Command::cargo_bin("hblint")
        .expect("binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "fixtures/seed/marketing-operations-manager.md"])
        .env("NO_COLOR", "1")
        .output()
        .expect("hblint runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The README shows a few of the diagnostics and the summary line: each, as written.
    for shown in example.split("\n\n") {
        assert!(stdout.contains(shown.trim_end()), "README's example output is not what hblint prints:\n{shown}");
    }
}

/// The fenced blocks of `language` between `heading` and the next heading of any level.
fn blocks_under(heading: &str, language: &str) -> Vec<String> {
    let from = README.find(heading).unwrap_or_else(|| panic!("README has no '{heading}'")) + heading.len();
    let end = README[from..].find("\n#").map_or(README.len(), |i| from + i);
    // A `#` inside a fenced block is no heading: cut at the first `\n#` outside one.
    let mut section_end = end;
    let mut in_block = false;
    let mut offset = from;
    for line in README[from..].split_inclusive('\n') {
        if line.starts_with("```") {
            in_block = !in_block;
        } else if !in_block && line.starts_with('#') {
            section_end = offset;
            break;
        }
        offset += line.len();
    }
    let section = &README[from..section_end];
    let fence = format!("```{language}\n");
    section
        .split(&fence)
        .skip(1)
        .filter_map(|rest| rest.split_once("```").map(|(block, _)| block.to_string()))
        .collect()
}

/// Runs hblint with `args` in `dir`; returns the exit code and stdout.
fn run_in(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let output =
        Command::cargo_bin("hblint").expect("binary is built").current_dir(dir).args(args).output().expect("runs");
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn the_readme_shared_and_split_configuration_works_as_written() {
    let root = tempfile::tempdir().expect("temporary folder");
    let write = |path: &str, text: &str| {
        let full = root.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, text).expect("write");
    };
    let configs = blocks_under("#### Sharing and splitting a configuration", "toml");
    let [handbook, legal] = configs.as_slice() else { panic!("the README's two config snippets moved: {configs:?}") };
    assert!(handbook.starts_with("extends = \"../shared/hblint-base.toml\"") && legal.contains("legal/hblint.toml"));
    let shown = block_after("#### Seeing what applies: `hblint config`", "text");
    // The base as the README describes it.
    write(
        "shared/hblint-base.toml",
        "select = [\"prose\", \"MD013\"]\nfail-on = \"error\"\n\n[rules.MD013]\nline_length = 100\n",
    );
    write("handbook/hblint.toml", handbook);
    write("handbook/legal/hblint.toml", legal);
    let long = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo\n";
    for page in ["legal/terms.md", "releases/1.md", "CHANGELOG.md", "drafts/plan.md", "team.generated.md", "team.md"] {
        write(&format!("handbook/{page}"), &format!("# Page\n\nthe the end\n\n{long}"));
    }
    let git = std::process::Command::new("git").arg("init").arg("-q").arg(root.path()).status().expect("git runs");
    assert!(git.success());
    let handbook_dir = root.path().join("handbook");
    assert_eq!(run_in(&handbook_dir, &["config", "legal/terms.md"]), (Some(0), shown));
    // drafts/ and *.generated.md are not linted; releases/ has no prose rule, CHANGELOG.md no
    // MD013, legal/ no MD013 and fails on the warning; elsewhere fail-on is the base's "error".
    let (code, stdout) = run_in(&handbook_dir, &["check", "--format", "concise"]);
    assert_eq!(
        stdout,
        "CHANGELOG.md:3:5: PR201 'the' is repeated\n\
         legal/terms.md:3:5: PR201 'the' is repeated\n\
         releases/1.md:5:101: MD013 line is 110 characters long; the limit is 100\n\
         team.md:3:5: PR201 'the' is repeated\n\
         team.md:5:101: MD013 line is 110 characters long; the limit is 100\n"
    );
    assert_eq!(code, Some(1));
    assert_eq!(run_in(&handbook_dir, &["check", "--format", "concise", "team.md"]).0, Some(0));
    // A named draft is linted unless --force-exclude.
    let (_, named) = run_in(&handbook_dir, &["check", "--format", "concise", "drafts/plan.md"]);
    assert!(named.starts_with("drafts/plan.md:3:5: PR201"), "{named}");
    let forced =
        run_in(&handbook_dir, &["check", "--format", "concise", "--force-exclude", "drafts/plan.md", "team.md"]);
    assert!(!forced.1.contains("drafts/"), "{}", forced.1);
}

#[test]
fn the_readme_editor_and_shell_snippets_work_as_written() {
    let home = tempfile::tempdir().expect("temporary folder");
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_hblint")).parent().expect("bin folder").to_path_buf();
    let [schema_command, shell_commands] = blocks_under("#### Editors, shells and man", "bash")
        .try_into()
        .unwrap_or_else(|blocks: Vec<String>| panic!("the README's two command snippets moved: {blocks:?}"));
    let toml = blocks_under("#### Editors, shells and man", "toml");
    assert_eq!(toml.len(), 1, "the README's #:schema snippet moved");
    for folder in
        [".local/share/bash-completion/completions", ".zfunc", ".config/fish/completions", ".local/share/man/man1"]
    {
        std::fs::create_dir_all(home.path().join(folder)).expect("mkdir");
    }
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    for commands in [&schema_command, &shell_commands] {
        let status = std::process::Command::new("bash")
            .args(["--norc", "--noprofile", "-e", "-c", commands])
            .current_dir(home.path())
            .env("HOME", home.path())
            .env("PATH", &path)
            .status()
            .expect("bash runs");
        assert!(status.success(), "{commands}");
    }
    // The schema file the editor reads, and a config naming it that hblint loads.
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(home.path().join("hblint.schema.json")).expect("schema written"))
            .expect("JSON");
    assert_eq!(schema["title"], "hblint.toml");
    std::fs::write(home.path().join("hblint.toml"), &toml[0]).expect("write");
    std::fs::write(home.path().join("a.md"), "# A\n").expect("write");
    assert_eq!(
        run_in(home.path(), &["config"])
            .1
            .lines()
            .find(|l| l.starts_with("fail-on"))
            .map(|l| l.ends_with("# hblint.toml:2:11")),
        Some(true)
    );
    for written in [
        ".local/share/bash-completion/completions/hblint",
        ".zfunc/_hblint",
        ".config/fish/completions/hblint.fish",
        ".local/share/man/man1/hblint.1",
        ".local/share/man/man1/hblint-check.1",
    ] {
        let text = std::fs::read_to_string(home.path().join(written)).unwrap_or_default();
        assert!(text.contains("hblint"), "{written} was not written");
    }
}
