//! The wheel, the whole way a user gets it: built by maturin, uploaded with twine to a real
//! package index on 127.0.0.1 (pypiserver, with a password for uploads as GitLab's registry
//! wants a token), `pip install hblint` from that index alone into a fresh virtualenv, and the
//! installed `hblint` run from a folder outside this checkout: its rule packs are in the binary.

mod common;

use common::wheel::{
    PackageIndex, fresh_venv, output_text, pip_install_hblint, python_tool, skip_without_python_tools, wheel,
};
use std::path::Path;
use std::process::Command;

/// The seed page's findings, as `--format concise` prints them.
const SEED_FINDINGS: &str = "\
page.md:3:9: JF007 job-family page has no Performance Indicators section
page.md:11:14: JF013 heading 'Job Grade' ends with a no-break space
page.md:46:14: JF013 heading 'Job Grade' ends with a no-break space
page.md:79:14: JF013 heading 'Job Grade' ends with a no-break space
page.md:101:14: JF013 heading 'Job Grade' ends with a no-break space
page.md:113:4: JF004 'Collaborate across functions to structure problems, conduct…' repeats a bullet already inherited from 'Senior Marketing Operations Manager'
page.md:114:4: JF004 'Create and manage project plans with clearly defined…' repeats a bullet already inherited from 'Senior Marketing Operations Manager'
page.md:123:4: JF004 'Exemplary oral and written communication skills, including…' repeats a bullet already inherited from 'Senior Marketing Operations Manager'
page.md:128:4: JF004 'Ability to work successfully with little guidance.' repeats a bullet already inherited from 'Senior Marketing Operations Manager'
page.md:133:14: JF013 heading 'Job Grade' ends with a no-break space
page.md:142:1: JF008 the requirements of 'Manager, Marketing Operations' do not list 'Ability to use GitLab'
page.md:147:15: PR001 'manager/prioritize': 'manager' is a noun here; did you mean 'manage/prioritize'?
";

/// A typo from the `rules/typos.toml` pack, in the default human format.
const TYPO_REPORT: &str = "\
warning[PR101]: 'recieve' is misspelled; did you mean 'receive'?
  ┌─ onboarding.md:3:18
  │
3 │ New team members recieve a laptop.
  │                  ^^^^^^^ misspelling
  │
  = help: replace it with 'receive'

1 problem (0 errors, 1 warning) in 1 file (1 checked)
";

fn run(dir: &Path, program: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(program)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let code = output.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn the_wheel_from_a_package_index_installs_a_working_hblint() {
    if skip_without_python_tools() {
        return;
    }
    let wheel = wheel();
    let name = wheel.file_name().and_then(|n| n.to_str()).expect("wheel file name");
    let version = env!("CARGO_PKG_VERSION");
    assert!(name.starts_with(&format!("hblint-{version}-py3-none-")), "the version is Cargo.toml's: {name}");

    let index = PackageIndex::with_wheel(&wheel);
    let work = tempfile::tempdir().expect("tempdir");
    let venv_bin = fresh_venv(&work.path().join("venv"));
    let hblint = pip_install_hblint(&index.url(), &venv_bin);

    // A folder outside this checkout, with no configuration: what the binary knows, it carries.
    let pages = work.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed/marketing-operations-manager.md");
    std::fs::copy(&seed, pages.join("page.md")).expect("copy the seed page");
    std::fs::write(pages.join("onboarding.md"), "# Onboarding\n\nNew team members recieve a laptop.\n").expect("write");

    assert_eq!(run(&pages, &hblint, &["--version"]), (0, format!("hblint {version}\n"), String::new()));
    assert_eq!(
        run(&pages, &hblint, &["check", "--format", "concise", "page.md"]),
        (1, SEED_FINDINGS.into(), String::new())
    );
    assert_eq!(run(&pages, &hblint, &["check", "onboarding.md"]), (1, TYPO_REPORT.into(), String::new()));
    std::fs::write(pages.join("onboarding.md"), "# Onboarding\n\nNew team members receive a laptop.\n").expect("write");
    let (code, stdout, _) = run(&pages, &hblint, &["check", "onboarding.md"]);
    assert_eq!((code, stdout.as_str()), (0, "No problems in 1 file\n"));
}

/// The password is really asked for: an upload without it is refused, and a private index
/// (like a private project's GitLab registry) installs only with the credentials in its URL.
#[test]
fn the_index_wants_credentials_to_upload_and_to_install_privately() {
    if skip_without_python_tools() {
        return;
    }
    let wheel = wheel();
    let index = PackageIndex::private_with_wheel(&wheel);
    let refused = Command::new(python_tool("twine"))
        .args(["upload", "--non-interactive", "--disable-progress-bar", "--repository-url"])
        .arg(index.upload_url())
        .env("TWINE_USERNAME", PackageIndex::USER)
        .env("TWINE_PASSWORD", "wrong")
        .arg(&wheel)
        .output()
        .expect("twine runs");
    assert!(!refused.status.success(), "an upload with a wrong password must fail:\n{}", output_text(&refused));
    assert!(
        output_text(&refused).contains("403") || output_text(&refused).contains("401"),
        "{}",
        output_text(&refused)
    );

    let work = tempfile::tempdir().expect("tempdir");
    let venv_bin = fresh_venv(&work.path().join("venv"));
    let anonymous = Command::new(venv_bin.join("pip"))
        .args(["install", "--quiet", "--no-cache-dir", "--no-input", "--index-url", &index.url(), "hblint"])
        .env_remove("PIP_FIND_LINKS")
        .output()
        .expect("pip runs");
    assert!(!anonymous.status.success(), "a private index must refuse pip without credentials");
    let hblint = pip_install_hblint(&index.url_with_credentials(), &venv_bin);
    let (code, stdout, _) = run(work.path(), &hblint, &["--version"]);
    assert_eq!((code, stdout), (0, format!("hblint {}\n", env!("CARGO_PKG_VERSION"))));
}

/// The README's install commands, each run by a shell as written: from the registry (here the
/// local index), `pip install .` from this checkout, and `cargo install` (into a temporary
/// root). The last two reuse the release build in target/, so they relink at most.
#[test]
fn the_readme_install_commands_install_a_working_hblint() {
    if skip_without_python_tools() {
        return;
    }
    const README: &str = include_str!("../README.md");
    const REGISTRY: &str = "https://gitlab.example.com/api/v4/projects/<project-id>/packages/pypi/simple";
    let section = README.split("\n## Install\n").nth(1).expect("README has '## Install'");
    let start = section.find("```sh\n").expect("a sh block") + "```sh\n".len();
    let end = start + section[start..].find("```").expect("a closed block");
    let commands: Vec<&str> = section[start..end].lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
    assert_eq!(
        commands,
        [
            format!("pip install --index-url {REGISTRY} hblint").as_str(),
            "pip install .",
            "cargo install --locked --path .",
        ]
    );
    let index = PackageIndex::with_wheel(&wheel());
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().expect("tempdir");
    let version = format!("hblint {}\n", env!("CARGO_PKG_VERSION"));
    let path = std::env::var("PATH").unwrap_or_default();
    for (i, command) in commands.iter().enumerate() {
        let venv_bin = fresh_venv(&work.path().join(format!("venv{i}")));
        let cargo_root = work.path().join(format!("cargo-root{i}"));
        let output = Command::new("sh")
            .current_dir(checkout)
            .args(["-c", &command.replace(REGISTRY, &index.url())])
            .env("PATH", format!("{}:{path}", venv_bin.display()))
            .env("CARGO_INSTALL_ROOT", &cargo_root)
            .env_remove("PIP_FIND_LINKS")
            .output()
            .expect("sh runs");
        assert!(output.status.success(), "{command}:\n{}", output_text(&output));
        let installed =
            if command.starts_with("cargo") { cargo_root.join("bin/hblint") } else { venv_bin.join("hblint") };
        let (code, stdout, _) = run(work.path(), &installed, &["--version"]);
        assert_eq!((code, stdout.as_str()), (0, version.as_str()), "{command}");
    }
}
