//! The template's jobs run for real by `gitlab-ci-local` (npm, 4.64.0) with its shell executor,
//! in a throw-away handbook repository that includes the template, on a base and on merge-request
//! branches: the before_script installs the hblint wheel with pip from a package index on
//! 127.0.0.1 (pypiserver, standing in for the GitLab package registry; public, and private
//! through the job's netrc), the merge-request job fails on a change with a finding and passes on
//! a clean one, and both pipelines export full-tree Code Quality and JUnit reports whose
//! comparison lists the change alone. Skips (with a message) only when node, python3 or a
//! registry is unreachable, and never under `CI=true`.

mod common;
mod gitlab_ci;

use common::git;
use common::wheel::{PackageIndex, wheel};
use gitlab_ci::{Project, compare, degradations, have_git, readme_block};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// gitlab-ci-local's version: 4.75.1 does not run on Node 20.
const GITLAB_CI_LOCAL: &str = "gitlab-ci-local@4.64.0";

/// Skips the test with `why`, or fails it under CI, where nothing may be skipped silently.
fn skip(why: &str) {
    assert!(std::env::var("CI").is_err(), "cannot run under CI: {why}");
    eprintln!("skipped: {why}");
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// gitlab-ci-local, installed by npm into `target/gitlab-ci-local/` on first use. `Err` says
/// why it cannot be had.
fn gitlab_ci_local() -> Result<PathBuf, String> {
    let program = common::npm::npm_tool("gitlab-ci-local", GITLAB_CI_LOCAL, "gitlab-ci-local")?;
    // Its shell executor copies the repository with rsync.
    if Command::new("rsync").arg("--version").output().is_err() {
        let apt = Command::new("apt-get").args(["install", "-y", "-qq", "rsync"]).output();
        if !apt.is_ok_and(|o| o.status.success()) {
            let _ = Command::new("apt-get").args(["update", "-qq"]).output();
            let apt = Command::new("apt-get").args(["install", "-y", "-qq", "rsync"]).output();
            if !apt.as_ref().is_ok_and(|o| o.status.success()) {
                return Err("rsync is missing and apt-get cannot install it".into());
            }
        }
    }
    Ok(program)
}

/// The machine's PATH without any folder that holds an `hblint`: the jobs must use the one
/// they install.
fn path_without_hblint() -> String {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&path).filter(|dir| !dir.join("hblint").exists()).collect();
    std::env::join_paths(kept).expect("PATH").to_string_lossy().into_owned()
}

/// A pipeline run by gitlab-ci-local in `dir` (a clone of the project on its branch).
struct Pipeline {
    dir: PathBuf,
    output: Output,
}

impl Pipeline {
    fn run(program: &Path, dir: PathBuf, variables: &[(&str, &str)]) -> Pipeline {
        // The jobs' `mktemp -d` (where the wheel is installed) goes beside the clone, in the
        // test's temporary folder: on a runner it vanishes with the container, here it would
        // stay in /tmp, 19 MB a job.
        let job_tmp = dir.parent().expect("the clone is in the test's folder").join("job-tmp");
        std::fs::create_dir_all(&job_tmp).expect("mkdir");
        let mut cmd = Command::new(program);
        cmd.current_dir(&dir)
            .env("TMPDIR", &job_tmp)
            // The jobs run one after the other in the clone, each exporting its own artifacts.
            .args(["--force-shell-executor", "--concurrency", "1", "--no-color", "--ignore-predefined-vars"])
            .arg("CI_PIPELINE_SOURCE,CI_SERVER_HOST,CI_MERGE_REQUEST_TARGET_BRANCH_NAME")
            .env("PATH", path_without_hblint())
            .env_remove("PIP_INDEX_URL")
            .env_remove("PIP_EXTRA_INDEX_URL")
            .env_remove("PIP_FIND_LINKS");
        for (name, value) in variables {
            cmd.arg("--variable").arg(format!("{name}={value}"));
        }
        let output = cmd.output().expect("gitlab-ci-local runs");
        Pipeline { dir, output }
    }

    fn log(&self) -> String {
        text(&self.output)
    }

    fn succeeded(&self) -> bool {
        self.output.status.success()
    }

    /// A report every job of the pipeline exported (gitlab-ci-local keeps each job's artifacts
    /// in a folder of its own), which GitLab merges into the pipeline's report.
    fn reports(&self, file: &str) -> Vec<PathBuf> {
        let artifacts = self.dir.join(".gitlab-ci-local/artifacts");
        let jobs = std::fs::read_dir(&artifacts).unwrap_or_else(|e| panic!("no artifacts ({e}):\n{}", self.log()));
        let mut reports: Vec<PathBuf> = jobs.flatten().map(|job| job.path().join(file)).collect();
        reports.sort();
        for report in &reports {
            assert!(report.is_file(), "no {}:\n{}", report.display(), self.log());
        }
        reports
    }
}

/// The handbook's own `.gitlab-ci.yml`, from the README's snippets: the include (its `project:`
/// made a `local:` include of the same file, which the repository holds, as gitlab-ci-local
/// cannot fetch from an instance), and the `snippets` that follow the given README text.
fn consumer_ci(snippets: &[&str]) -> (String, String) {
    let include = readme_block("## Use in GitLab CI", "yaml");
    let doc = &yaml_rust2::YamlLoader::load_from_str(&include).expect("the README's include is YAML")[0];
    let entry = &doc["include"][0];
    assert!(entry["project"].as_str().is_some() && entry["ref"].as_str().is_some(), "{include}");
    let file = entry["file"].as_str().expect("the template's path").to_string();
    let mut ci = format!("include:\n  - local: '{file}'\n");
    for marker in snippets {
        ci.push('\n');
        ci.push_str(&readme_block(marker, "yaml"));
    }
    (file, ci)
}

/// The README's pinned version is the one the wheel has (update the README with the version).
const PIN_SNIPPET: &str = "Pin the version your handbook tested:";
const PARALLEL_SNIPPET: &str = "For a very large handbook, split the full run";
const BASELINE_SNIPPET: &str = "findings only, commit a baseline";

/// A handbook with findings in four pages and a clean one, the template where the README's
/// include says, and two merge-request branches.
fn project(snippets: &[&str]) -> Project {
    let (template_path, ci) = consumer_ci(snippets);
    let template = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&template_path))
        .unwrap_or_else(|e| panic!("the README includes {template_path}: {e}"));
    let pages: Vec<(String, String)> =
        (0..4).map(|i| (format!("handbook/page{i}.md"), format!("# Page {i}\n\nAn old recieve.\n"))).collect();
    let mut files = vec![(".gitlab-ci.yml", ci.as_str()), (template_path.as_str(), template.as_str())];
    files.extend(pages.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    files.push(("handbook/clean.md", "# Clean\n\nNothing to see.\n"));
    let project = Project::new(&files);
    project.push_branch("bad-page", &[("handbook/new.md", Some("# New\n\nA page to acheive things.\n"))]);
    project.push_branch("clean-page", &[("handbook/clean.md", Some("# Clean\n\nNothing to see here.\n"))]);
    project
}

/// What GitLab sets in a merge-request pipeline (gitlab-ci-local sets the branch from git).
fn merge_request(index_url: &str) -> Vec<(&'static str, String)> {
    vec![
        ("CI_PIPELINE_SOURCE", "merge_request_event".into()),
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main".into()),
        ("HBLINT_INDEX_URL", index_url.into()),
    ]
}

fn borrowed<'a>(vars: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    vars.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn gitlab_ci_local_runs_both_pipelines_with_the_wheel_from_the_index() {
    if !have_git() {
        return;
    }
    let program = match gitlab_ci_local() {
        Ok(program) => program,
        Err(why) => return skip(&why),
    };
    let index = PackageIndex::with_wheel(&wheel());
    let pin = readme_block(PIN_SNIPPET, "yaml");
    assert!(
        pin.contains(&format!("HBLINT_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"))),
        "README pins another version: {pin}"
    );
    let parallel = readme_block(PARALLEL_SNIPPET, "yaml");
    let shards: usize = parallel.trim().rsplit(' ').next().and_then(|n| n.parse().ok()).expect("parallel: N");
    let project = project(&[PIN_SNIPPET, PARALLEL_SNIPPET]);

    // The default branch: the README's shards, each allowed to fail on the findings, reporting its share.
    let vars = [("HBLINT_INDEX_URL", index.url())];
    let base = Pipeline::run(&program, project.job_clone("main-pipeline", "main"), &borrowed(&vars));
    let log = base.log();
    assert!(base.succeeded(), "findings on the default branch only warn:\n{log}");
    assert!(!log.contains("hblint-mr"), "no merge-request job on the default branch:\n{log}");
    assert!(log.contains(&format!("> hblint {}", env!("CARGO_PKG_VERSION"))), "the pinned version:\n{log}");
    let reports = base.reports("gl-code-quality-report.json");
    assert_eq!(reports.len(), shards, "{shards} shards:\n{log}");
    let base_findings = degradations(&reports);
    assert_eq!(base_findings.len(), 4, "the shards cover the tree:\n{log}");

    // A merge request that adds a page with a finding: the job fails, the reports hold the tree.
    let head = Pipeline::run(
        &program,
        project.job_clone("bad-page-pipeline", "bad-page"),
        &borrowed(&merge_request(&index.url())),
    );
    let log = head.log();
    assert!(!head.succeeded(), "the new finding fails the pipeline:\n{log}");
    assert!(log.contains("'acheive' is misspelled") && !log.contains("hblint: [1/"), "{log}");
    let report = head.reports("gl-code-quality-report.json");
    assert_eq!(report.len(), 1, "the merge-request job alone:\n{log}");
    let junit = std::fs::read_to_string(&head.reports("hblint-junit.xml")[0]).expect("JUnit");
    assert!(junit.contains("handbook/new.md") && junit.contains("handbook/page3.md"), "{junit}");
    let widget = compare(&base_findings, &degradations(&report));
    assert_eq!(widget.new, ["handbook/new.md:3 PR101"]);
    assert!(widget.resolved.is_empty(), "resolved: {:?}", widget.resolved);

    // A clean change passes, though the tree it leaves untouched has findings.
    let clean = Pipeline::run(
        &program,
        project.job_clone("clean-page-pipeline", "clean-page"),
        &borrowed(&merge_request(&index.url())),
    );
    assert!(clean.succeeded(), "a clean change passes:\n{}", clean.log());
    let widget = compare(&base_findings, &degradations(&clean.reports("gl-code-quality-report.json")));
    assert!(widget.new.is_empty() && widget.resolved.is_empty(), "{:?} {:?}", widget.new, widget.resolved);
}

/// A private registry: pip reads the job's credentials from the netrc the before_script writes
/// for the instance's host (`CI_SERVER_HOST`), here a deploy token's user and password.
#[test]
fn the_install_reads_a_private_index_with_the_jobs_credentials() {
    if !have_git() {
        return;
    }
    let program = match gitlab_ci_local() {
        Ok(program) => program,
        Err(why) => return skip(&why),
    };
    let index = PackageIndex::private_with_wheel(&wheel());
    let project = project(&[]);
    let mut vars = merge_request(&index.url());
    vars.push(("CI_SERVER_HOST", "127.0.0.1".into()));
    vars.push(("HBLINT_INDEX_USER", PackageIndex::USER.into()));
    vars.push(("HBLINT_INDEX_TOKEN", PackageIndex::PASSWORD.into()));
    let run = Pipeline::run(&program, project.job_clone("private-pipeline", "clean-page"), &borrowed(&vars));
    assert!(run.succeeded(), "installed from the private index:\n{}", run.log());
    assert!(!run.log().contains(PackageIndex::PASSWORD), "the token stays out of the log:\n{}", run.log());
    // Without the credentials, the index refuses.
    let anonymous = Pipeline::run(
        &program,
        project.job_clone("anonymous-pipeline", "clean-page"),
        &borrowed(&merge_request(&index.url())),
    );
    let log = anonymous.log();
    assert!(
        !anonymous.succeeded() && log.contains("No matching distribution found for hblint"),
        "a private index needs credentials:\n{log}"
    );
}

/// The README's choice for the default branch: a committed baseline in both jobs, and `hblint`
/// no longer allowed to fail. The old findings pass; a new one fails the pipeline.
#[test]
fn with_the_readmes_baseline_the_default_branch_fails_on_new_findings_only() {
    if !have_git() {
        return;
    }
    let program = match gitlab_ci_local() {
        Ok(program) => program,
        Err(why) => return skip(&why),
    };
    let index = PackageIndex::with_wheel(&wheel());
    let project = project(&[BASELINE_SNIPPET]);
    let main = project.job_clone("baseline-main", "main");
    let baseline = Command::new(env!("CARGO_BIN_EXE_hblint"))
        .current_dir(&main)
        .args(["check", "--write-baseline", "hblint-baseline.json", "handbook"])
        .output()
        .expect("hblint runs");
    assert!(baseline.status.success(), "{}", text(&baseline));
    git(&main, &["add", "hblint-baseline.json"]);
    git(&main, &["commit", "-q", "-m", "baseline"]);
    let vars = [("HBLINT_INDEX_URL", index.url())];

    let old = Pipeline::run(&program, main.clone(), &borrowed(&vars));
    assert!(old.succeeded() && !old.log().contains("WARN"), "baselined findings pass:\n{}", old.log());
    gitlab_ci::write(&main, "handbook/new.md", "# New\n\nA page to acheive things.\n");
    git(&main, &["add", "."]);
    git(&main, &["commit", "-q", "-m", "a new finding"]);
    let new = Pipeline::run(&program, main, &borrowed(&vars));
    assert!(!new.succeeded() && new.log().contains("FAIL"), "a new finding fails the default branch:\n{}", new.log());
    let report = degradations(&new.reports("gl-code-quality-report.json"));
    let paths: Vec<&str> = report.values().map(|i| i["location"]["path"].as_str().expect("path")).collect();
    assert_eq!(paths, ["handbook/new.md"], "the baseline applies to the reports too");
}
