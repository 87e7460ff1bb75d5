//! hblint's own release job (`release-wheel` in `.gitlab-ci.yml`): it runs on tags only, refuses
//! a tag that is not Cargo.toml's version, and its script lines, run by a shell as a runner
//! would with GitLab's variables (the upload address pointed at a real package index on
//! 127.0.0.1), upload the wheel with the job token so that `pip install hblint` gets it.
//!
//! Two kinds of line are not run here: `apt-get` (the image's setup) and the build's (installing
//! maturin and zig, and `maturin build`: the release build, which `.ci/run` makes once for every
//! test; the test puts that wheel in `dist/`). The zig-linked build was run by hand: a
//! `manylinux2014` wheel whose binary needs glibc 2.17 at most.

mod common;

use common::wheel::{PackageIndex, fresh_venv, pip_install_hblint, skip_without_python_tools, wheel};
use std::path::Path;
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

fn release_job() -> Yaml {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".gitlab-ci.yml");
    let text = std::fs::read_to_string(path).expect(".gitlab-ci.yml exists");
    let doc = YamlLoader::load_from_str(&text).expect("valid YAML").remove(0);
    doc["release-wheel"].clone()
}

fn script(job: &Yaml) -> Vec<String> {
    job["script"].as_vec().expect("script list").iter().map(|l| l.as_str().expect("string").to_string()).collect()
}

/// Runs `lines` in `sh`, each as a runner would, stopping at the first failure; returns the
/// exit code and everything printed.
fn run_script(dir: &Path, lines: &[String], env: &[(&str, &str)]) -> (i32, String) {
    let mut printed = String::new();
    for line in lines {
        let output = Command::new("sh").current_dir(dir).args(["-c", line]).envs(env.iter().copied()).output();
        let output = output.expect("sh runs");
        printed.push_str(&format!("$ {line}\n{}", common::wheel::output_text(&output)));
        let code = output.status.code().unwrap_or(-1);
        if code != 0 {
            return (code, printed);
        }
    }
    (0, printed)
}

#[test]
fn the_release_job_runs_on_tags_and_builds_a_portable_wheel() {
    let job = release_job();
    let rules = job["rules"].as_vec().expect("rules");
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0]["if"].as_str(), Some("$CI_COMMIT_TAG"), "a version is uploaded once, from its tag");
    assert_eq!(
        job["variables"]["PYPI_UPLOAD_URL"].as_str(),
        Some("${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/pypi"),
        "GitLab's PyPI endpoint of this project"
    );
    let build: Vec<String> = script(&job).into_iter().filter(|l| l.contains("maturin build")).collect();
    assert_eq!(
        build,
        [
            r#"PATH="$PWD/.release-venv/bin:$PATH" maturin build --release --locked --zig --compatibility manylinux2014 --out dist"#
        ],
        "one release build, linked against glibc 2.17 so the wheel installs on common images"
    );
    assert!(script(&job).iter().any(|l| l.contains("TWINE_PASSWORD=\"$CI_JOB_TOKEN\"")), "uploads with the job token");
}

#[test]
fn the_release_job_uploads_the_wheel_to_the_registry() {
    if skip_without_python_tools() {
        return;
    }
    let lines: Vec<String> =
        script(&release_job()).into_iter().filter(|l| !l.starts_with("apt-get") && !l.contains("maturin")).collect();
    let work = tempfile::tempdir().expect("tempdir");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"), work.path().join("Cargo.toml"))
        .expect("copy Cargo.toml");
    let wheel = wheel();
    std::fs::create_dir(work.path().join("dist")).expect("mkdir dist");
    std::fs::copy(&wheel, work.path().join("dist").join(wheel.file_name().expect("name"))).expect("copy the wheel");

    // A tag that is not the crate's version stops the job before anything is built.
    let tag = format!("v{}", env!("CARGO_PKG_VERSION"));
    let (code, printed) = run_script(work.path(), &lines[..1], &[("CI_COMMIT_TAG", "v999.0.0")]);
    assert_eq!(code, 1, "{printed}");
    assert!(printed.contains("tag v999.0.0 is not v<the version in Cargo.toml>"), "{printed}");

    // The job with the variables GitLab sets, and the upload address (a CI/CD variable, which
    // wins over the job's) pointed at the local index.
    let index = PackageIndex::start("update");
    let upload_url = index.upload_url();
    let env = [
        ("CI_COMMIT_TAG", tag.as_str()),
        ("CI_JOB_TOKEN", PackageIndex::JOB_TOKEN),
        ("CI_API_V4_URL", "https://gitlab.example.com/api/v4"),
        ("CI_PROJECT_ID", "1234"),
        ("PYPI_UPLOAD_URL", upload_url.as_str()),
    ];
    let (code, printed) = run_script(work.path(), &lines, &env);
    assert_eq!(code, 0, "the release job failed:\n{printed}\nserver log:\n{}", index.log());

    // The uploaded wheel installs and runs.
    let venv_bin = fresh_venv(&work.path().join("user-venv"));
    let hblint = pip_install_hblint(&index.url(), &venv_bin);
    let version = Command::new(&hblint).arg("--version").output().expect("hblint runs");
    assert_eq!(String::from_utf8_lossy(&version.stdout), format!("hblint {}\n", env!("CARGO_PKG_VERSION")));

    // A wrong job token is refused.
    let upload = lines.last().expect("the upload line");
    let env = [("CI_JOB_TOKEN", "not-the-token"), ("PYPI_UPLOAD_URL", upload_url.as_str())];
    let (code, printed) = run_script(work.path(), std::slice::from_ref(upload), &env);
    assert_ne!(code, 0, "an upload with a wrong token must fail:\n{printed}");
    assert!(printed.contains("403") || printed.contains("401"), "refused for the token: {printed}");
}
