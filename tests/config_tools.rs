//! What hblint generates about itself: `hblint schema` (the JSON Schema of hblint.toml, checked
//! with the `jsonschema` crate against every config the repository and its README show),
//! `hblint completions SHELL` (loaded into a real bash) and `hblint man` (rendered by man).

use assert_cmd::Command;
use std::path::Path;

const README: &str = include_str!("../README.md");

fn hblint(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("hblint").expect("binary is built").args(args).output().expect("hblint runs")
}

fn stdout_of(args: &[&str]) -> String {
    let output = hblint(args);
    assert_eq!(output.status.code(), Some(0), "hblint {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The schema `hblint schema` prints, compiled.
fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&stdout_of(&["schema"])).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

/// The schema's complaints about a config's TOML text (empty when it is valid).
fn problems(validator: &jsonschema::Validator, toml_text: &str) -> Vec<String> {
    let value: toml::Value = toml::from_str(toml_text).unwrap_or_else(|e| panic!("not TOML: {e}\n{toml_text}"));
    let json = serde_json::to_value(value).expect("TOML as JSON");
    validator.iter_errors(&json).map(|e| format!("{} at '{}'", e, e.instance_path())).collect()
}

/// Every ```toml block of the README that is a config (rule packs have a `[pack]` table, Helix's
/// `languages.toml` a `[language-server.…]`).
fn readme_configs() -> Vec<String> {
    README
        .split("```toml\n")
        .skip(1)
        .filter_map(|rest| rest.split_once("```").map(|(block, _)| block.to_string()))
        .filter(|block| !block.contains("[pack]"))
        // Helix's languages.toml (the editor section), not a config.
        .filter(|block| !block.contains("[language-server."))
        .collect()
}

#[test]
fn the_schema_accepts_every_config_the_repository_shows() {
    let validator = validator();
    let mut configs: Vec<(String, String)> = Vec::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for entry in std::fs::read_dir(&fixtures).expect("fixtures/") {
        let path = entry.expect("entry").path().join("hblint.toml");
        if path.is_file() {
            configs.push((path.display().to_string(), std::fs::read_to_string(&path).expect("read")));
        }
    }
    let readme = readme_configs();
    assert!(readme.len() >= 7, "the README's config snippets moved: {} found", readme.len());
    configs.extend(readme.into_iter().enumerate().map(|(i, text)| (format!("README config snippet {}", i + 1), text)));
    // `hblint init`'s config, and the same with every commented-out setting switched on.
    let dir = tempfile::tempdir().expect("tempdir");
    Command::cargo_bin("hblint").expect("binary").current_dir(dir.path()).arg("init").assert().code(0);
    let init = std::fs::read_to_string(dir.path().join("hblint.toml")).expect("init wrote hblint.toml");
    let uncommented: String = init
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(setting) if setting.contains(" = ") || setting.starts_with('[') => setting,
            _ => line,
        })
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(uncommented.contains("\n[handbook]\n") && uncommented.contains("\nselect = "), "{uncommented}");
    configs.push(("hblint init".into(), init));
    configs.push(("hblint init, uncommented".into(), uncommented));
    assert!(configs.len() >= 16, "{} configs", configs.len());
    for (name, text) in &configs {
        assert_eq!(problems(&validator, text), Vec::<String>::new(), "{name}:\n{text}");
    }
}

#[test]
fn the_schema_rejects_a_misspelled_key_or_a_wrong_value() {
    let validator = validator();
    let rejected = [
        ("selectt = [\"JF\"]\n", "Additional properties are not allowed ('selectt' was unexpected) at ''"),
        ("fail-on = \"loud\"\n", "\"loud\" is not one of \"info\", \"warning\" or \"error\" at '/fail-on'"),
        (
            "[severity]\nJF003 = \"loud\"\n",
            "\"loud\" is not one of \"off\", \"info\" or 2 other candidates at '/severity/JF003'",
        ),
        (
            "[handbook]\nmissused-terms = \"x.yml\"\n",
            "Additional properties are not allowed ('missused-terms' was unexpected) at '/handbook'",
        ),
        ("exclude = \"drafts/\"\n", "\"drafts/\" is not of type \"array\" at '/exclude'"),
        (
            "per-file-ignores = { \"a.md\" = \"MD013\" }\n",
            "\"MD013\" is not of type \"array\" at '/per-file-ignores/a.md'",
        ),
        ("extends = [\"a.toml\"]\n", "[\"a.toml\"] is not of type \"string\" at '/extends'"),
        (
            "[rules.MD013]\nline_lenght = 120\n",
            "Additional properties are not allowed ('line_lenght' was unexpected) at '/rules/MD013'",
        ),
        (
            "[rules.MD013]\nline_length = \"long\"\n",
            "\"long\" is not of type \"integer\" at '/rules/MD013/line_length'",
        ),
        (
            "[rules.MD003]\nstyle = \"atx-closed\"\n",
            "\"atx-closed\" is not one of \"consistent\", \"atx\" or 4 other candidates at '/rules/MD003/style'",
        ),
    ];
    for (config, expected) in rejected {
        assert_eq!(problems(&validator, config), [expected], "{config}");
    }
}

#[test]
fn the_schema_describes_each_key_for_an_editor() {
    let schema: serde_json::Value = serde_json::from_str(&stdout_of(&["schema"])).expect("JSON");
    assert_eq!(schema["title"], "hblint.toml");
    let properties = schema["properties"].as_object().expect("properties");
    let keys: Vec<&str> = properties.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "exclude",
            "extends",
            "fail-on",
            "handbook",
            "ignore",
            "packs",
            "per-file-ignores",
            "root",
            "rules",
            "select",
            "severity",
            "site"
        ]
    );
    for (key, property) in properties {
        let described = property["description"].as_str().is_some_and(|d| d.len() > 20);
        assert!(described, "{key} has no description an editor could show: {property}");
    }
    // Rule codes and their parameters are offered under [severity] and [rules.CODE].
    assert_eq!(
        schema["properties"]["severity"]["properties"]["JF002"]["description"],
        "JF002 (non-monotonic-grades): a level's grade is lower than the grade of the level before it on the same ladder"
    );
    assert_eq!(
        schema["properties"]["rules"]["properties"]["MD013"]["properties"]["line_length"],
        serde_json::json!({"type": "integer", "description": "the longest a line may be, in UTF-16 code units"})
    );
}

#[test]
fn bash_loads_the_completion_script_and_completes_a_subcommand() {
    let script = stdout_of(&["completions", "bash"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hblint.bash");
    std::fs::write(&path, &script).expect("write");
    // As a user's shell does: source the script, then ask for completions after `hblint con`
    // and after `hblint check --for`.
    let probe = format!(
        "source {path}; complete -p hblint; \
         COMP_WORDS=(hblint con); COMP_CWORD=1; _hblint hblint con hblint; echo \"sub: ${{COMPREPLY[*]}}\"; \
         COMP_WORDS=(hblint check --for); COMP_CWORD=2; _hblint hblint --for check; echo \"flag: ${{COMPREPLY[*]}}\"",
        path = path.display()
    );
    let output = std::process::Command::new("bash").args(["--norc", "--noprofile", "-c", &probe]).output();
    let output = match output {
        Ok(output) => output,
        Err(err) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: bash cannot run here ({err})");
            return;
        }
        Err(err) => panic!("bash is needed under CI: {err}"),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "bash failed: {}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "complete -o bashdefault -o default -o nosort -F _hblint hblint",
            "sub: config",
            "flag: --format --force-exclude"
        ]
    );
}

#[test]
fn every_shell_gets_a_script_naming_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(&["completions", shell]);
        for command in ["check", "rules", "explain", "init", "ladder", "config", "schema", "completions", "man"] {
            assert!(script.contains(command), "{shell} completions lack '{command}'");
        }
    }
    let output = hblint(&["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("invalid value 'tcsh'"));
}

#[test]
fn the_man_pages_render() {
    let page = stdout_of(&["man"]);
    let check = stdout_of(&["man", "check"]);
    // The roff structure: a title line, then the sections man shows.
    assert!(page.contains(".TH hblint 1") && page.contains(".SH SUBCOMMANDS"), "{page}");
    assert!(check.contains(".TH hblint-check 1") && check.contains("\\-\\-force\\-exclude"), "{check}");
    let output = hblint(&["man", "nothing"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("hblint: error: no command 'nothing' (known: check,"));

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hblint-check.1");
    std::fs::write(&path, &check).expect("write");
    // man renders it as a reader sees it (groff underneath); without man, groff alone.
    let rendered = std::process::Command::new("man")
        .arg("-l")
        .arg(&path)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .or_else(|| std::process::Command::new("groff").args(["-man", "-Tutf8"]).arg(&path).output().ok());
    let Some(rendered) = rendered.filter(|o| o.status.success()) else {
        assert!(std::env::var_os("CI").is_none(), "neither man nor groff renders the page under CI");
        eprintln!("skipped rendering: neither man nor groff is installed (the roff structure was checked)");
        return;
    };
    let text = String::from_utf8_lossy(&rendered.stdout);
    let plain: String = text.replace('\u{8}', "");
    assert!(plain.contains("NAME") && plain.contains("hblint-check"), "{plain}");
    assert!(plain.contains("--force-exclude") || plain.contains("‐‐force‐exclude"), "{plain}");
}

#[test]
fn help_names_the_new_commands_and_flags() {
    let help = stdout_of(&["--help"]);
    for line in [
        "  config       Print each setting in force for a folder or file, with the file and line it comes from",
        "  schema       Print the JSON Schema of hblint.toml (for editors: taplo, Even Better TOML)",
        "  completions  Print a shell completion script: bash, zsh, fish, elvish or powershell",
        "  man          Print the man page (roff), of hblint or of one of its commands",
    ] {
        assert!(help.lines().any(|l| l == line), "`hblint --help` lacks {line:?}:\n{help}");
    }
    let check = stdout_of(&["check", "--help"]);
    assert!(check.contains("      --force-exclude\n          Exclude the files the config's `exclude` matches even when named on the command line"), "{check}");
    let config = stdout_of(&["config", "--help"]);
    assert!(config.starts_with("Print each setting in force for a folder or file, with the file and line it comes from\n\nUsage: hblint config [OPTIONS] [PATH]\n"), "{config}");
}
