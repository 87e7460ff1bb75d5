//! The pre-commit hook for real, with no Rust toolchain: pre-commit from PyPI, the README's
//! `.pre-commit-config.yaml` (a local hook, `language: python`, hblint as a dependency from the
//! package registry) pointed at a real package index on 127.0.0.1 holding the wheel, `cargo` off
//! `PATH`, in a git repository: a bad page refused (a `.md.erb` page too), a good page accepted,
//! and the fixing hook. The hooks in `.pre-commit-hooks.yaml` (the route that builds hblint with
//! cargo) take the same files.

mod common;

use common::wheel::{PackageIndex, output_text, python_tool, skip_without_python_tools, wheel};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const README: &str = include_str!("../README.md");

/// The README's `.pre-commit-config.yaml`: the first YAML block of "## Use with pre-commit".
fn readme_config() -> String {
    let section = README.split("## Use with pre-commit").nth(1).expect("README has '## Use with pre-commit'");
    let start = section.find("```yaml\n").expect("a YAML block") + "```yaml\n".len();
    let end = start + section[start..].find("```").expect("a closed block");
    section[start..end].to_string()
}

/// The registry address the README's snippet uses, which the test replaces by its own index.
const README_REGISTRY: &str = "https://gitlab.example.com/api/v4/projects/<project-id>/packages/pypi/simple";

/// `PATH` without the folders that hold `cargo` or `rustc`.
fn path_without_rust() -> String {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> =
        std::env::split_paths(&path).filter(|dir| !dir.join("cargo").exists() && !dir.join("rustc").exists()).collect();
    std::env::join_paths(kept).expect("join PATH").into_string().expect("UTF-8 PATH")
}

/// Runs `program` in `dir` with the test's environment: no cargo, pre-commit's own store, and
/// no pip settings of this machine (the package must come from the index in the config).
fn run(dir: &Path, program: &str, args: &[&str], env: &Env) -> Output {
    Command::new(program)
        .current_dir(dir)
        .args(args)
        .env("PATH", &env.path)
        .env("PRE_COMMIT_HOME", &env.pre_commit_home)
        .env_remove("PIP_FIND_LINKS")
        .env_remove("PIP_INDEX_URL")
        .env_remove("PIP_EXTRA_INDEX_URL")
        .env_remove("CARGO_HOME")
        .env_remove("RUSTUP_HOME")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

struct Env {
    path: String,
    pre_commit_home: PathBuf,
}

fn git(dir: &Path, args: &[&str], env: &Env) -> Output {
    let mut all = vec!["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"];
    all.extend_from_slice(args);
    run(dir, "git", &all, env)
}

fn git_ok(dir: &Path, args: &[&str], env: &Env) {
    let output = git(dir, args, env);
    assert!(output.status.success(), "git {args:?}: {}", output_text(&output));
}

#[test]
fn the_wheel_hook_refuses_bad_pages_and_fixes_them_without_cargo() {
    if skip_without_python_tools() {
        return;
    }
    let config = readme_config();
    let pin = format!("hblint=={}", env!("CARGO_PKG_VERSION"));
    assert!(config.contains(&pin), "the README pins this version ({pin}):\n{config}");
    assert!(config.contains(README_REGISTRY), "the README names the registry as {README_REGISTRY}:\n{config}");
    let index = PackageIndex::with_wheel(&wheel());
    let config = config.replace(README_REGISTRY, index.url().trim_end_matches('/'));

    let work = tempfile::tempdir().expect("tempdir");
    // pre-commit from the tools virtualenv, called by its path: PATH has no cargo.
    let pre_commit = python_tool("pre-commit");
    let pre_commit = pre_commit.to_str().expect("UTF-8 path");
    let env = Env { path: path_without_rust(), pre_commit_home: work.path().join("pre-commit-home") };
    let which = run(work.path(), "sh", &["-c", "command -v cargo rustc"], &env);
    assert!(!which.status.success(), "cargo is still on PATH: {}", output_text(&which));

    let project = work.path().join("handbook");
    std::fs::create_dir(&project).expect("mkdir");
    git_ok(&project, &["init", "-q"], &env);
    std::fs::write(project.join(".pre-commit-config.yaml"), &config).expect("write");
    let installed = run(&project, pre_commit, &["install"], &env);
    assert!(installed.status.success(), "pre-commit install: {}", output_text(&installed));
    git_ok(&project, &["add", ".pre-commit-config.yaml"], &env);
    git_ok(&project, &["commit", "-q", "--no-verify", "-m", "config"], &env);

    // A bad Markdown page: the first commit also installs the hook's environment from the index.
    std::fs::write(project.join("page.md"), "# Onboarding\n\nNew team members recieve a laptop.\n").expect("write");
    git_ok(&project, &["add", "page.md"], &env);
    let refused = git(&project, &["commit", "-m", "bad page"], &env);
    let output = output_text(&refused);
    assert!(!refused.status.success(), "the commit must be refused:\n{output}");
    assert!(output.contains("hblint") && output.contains("Failed"), "{output}");
    assert!(output.contains("PR101") && output.contains("'recieve' is misspelled"), "{output}");
    assert!(output.contains("page.md:3:"), "{output}");
    std::fs::write(project.join("page.md"), "# Onboarding\n\nNew team members receive a laptop.\n").expect("write");
    git_ok(&project, &["add", "page.md"], &env);
    git_ok(&project, &["commit", "-q", "-m", "good page"], &env);

    // A job-family page kept as ERB (`.md.erb`, upper case too), which `hblint check` lints.
    std::fs::create_dir(project.join("job-families")).expect("mkdir");
    let erb = project.join("job-families/analyst.html.MD.ERB");
    std::fs::write(&erb, "# Analyst\n\nAnalysts recieve data.\n").expect("write");
    git_ok(&project, &["add", "."], &env);
    let refused = git(&project, &["commit", "-m", "erb page"], &env);
    let output = output_text(&refused);
    assert!(!refused.status.success(), "the .md.erb page must be refused:\n{output}");
    assert!(output.contains("job-families/analyst.html.MD.ERB:3:") && output.contains("PR101"), "{output}");
    std::fs::write(&erb, "# Analyst\n\nAnalysts receive data.\n").expect("write");
    git_ok(&project, &["add", "."], &env);
    let accepted = git(&project, &["commit", "-m", "good erb page"], &env);
    assert!(accepted.status.success(), "the good page must be accepted:\n{}", output_text(&accepted));
    assert!(output_text(&accepted).contains("Passed"), "{}", output_text(&accepted));

    // Files hblint does not lint are left alone (the hook is skipped).
    std::fs::write(project.join("notes.txt"), "recieve\n").expect("write");
    std::fs::write(project.join("page.html.erb"), "<p>recieve</p>\n").expect("write");
    git_ok(&project, &["add", "."], &env);
    let skipped = git(&project, &["commit", "-m", "other files"], &env);
    assert!(skipped.status.success(), "{}", output_text(&skipped));
    assert!(output_text(&skipped).contains("(no files to check)Skipped"), "{}", output_text(&skipped));

    // The fixing variant fixes the staged page, and the commit stops so the fix can be reviewed.
    let fixing = config.replace("entry: hblint check ", "entry: hblint check --fix ");
    assert_ne!(fixing, config, "the README's hook runs `hblint check`");
    std::fs::write(project.join(".pre-commit-config.yaml"), fixing).expect("write");
    git_ok(&project, &["add", ".pre-commit-config.yaml"], &env);
    git_ok(&project, &["commit", "-q", "--no-verify", "-m", "fix hook"], &env);
    std::fs::write(project.join("page.md"), "# Onboarding\n\nThe the team members recieve a laptop.\n").expect("write");
    git_ok(&project, &["add", "page.md"], &env);
    let fixed = git(&project, &["commit", "-m", "typos"], &env);
    assert!(!fixed.status.success(), "files were modified: {}", output_text(&fixed));
    let page = std::fs::read_to_string(project.join("page.md")).expect("read");
    assert_eq!(page, "# Onboarding\n\nThe team members receive a laptop.\n");
    git_ok(&project, &["add", "page.md"], &env);
    let again = git(&project, &["commit", "-m", "typos fixed"], &env);
    assert!(again.status.success(), "{}", output_text(&again));
}

/// The hooks of `.pre-commit-hooks.yaml` (for `repo: <hblint's repository>`, built by cargo)
/// select files as the README's wheel hook does, which the test above drives.
#[test]
fn the_cargo_hooks_take_the_same_files_as_the_wheel_hook() {
    let hooks_file = Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml");
    let hooks = yaml_rust2::YamlLoader::load_from_str(&std::fs::read_to_string(hooks_file).expect("read"))
        .expect("valid YAML")
        .remove(0);
    let config = yaml_rust2::YamlLoader::load_from_str(&readme_config()).expect("the README's YAML").remove(0);
    let wheel_hook = &config["repos"][0]["hooks"][0];
    assert!(wheel_hook["files"].as_str().is_some(), "the README's hook has a files pattern");
    let hooks = hooks.as_vec().expect("a list of hooks");
    assert_eq!(hooks.len(), 2);
    for hook in hooks {
        assert_eq!(hook["files"], wheel_hook["files"], "{hook:?}");
        assert_eq!(hook["types"], wheel_hook["types"], "{hook:?}");
    }
    // pre-commit names every staged page: without --force-exclude, `exclude` would not apply.
    for hook in hooks.iter().chain([wheel_hook]) {
        let entry = hook["entry"].as_str().expect("an entry");
        assert!(entry.starts_with("hblint check") && entry.contains("--force-exclude"), "{hook:?}");
    }
}
