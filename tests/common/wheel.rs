//! The hblint wheel and a real package index on 127.0.0.1, for the tests that install hblint the
//! way a user does (pip, pre-commit, a CI job), with no Rust toolchain.
//!
//! API (other tests build on it; keep it stable):
//! - [`wheel()`] `-> PathBuf`: the hblint wheel. `HBLINT_WHEEL` wins (`.ci/run` builds the wheel
//!   once and sets it); otherwise maturin builds it into `target/wheel-tests/dist/` under a file
//!   lock, so test binaries running side by side build it once, and again only when a source
//!   file is newer than the wheel.
//! - [`python_tool`]`(name) -> PathBuf`: `maturin`, `pypi-server`, `twine`, `pre-commit` or
//!   `python` from one shared virtualenv, `target/wheel-tests/tools/`, installed from PyPI once.
//! - [`fresh_venv`]`(dir) -> PathBuf`: a new, empty virtualenv at `dir`; returns its `bin/`.
//! - [`PackageIndex`]: pypiserver on a free loopback port, standing in for GitLab's package
//!   registry. `PackageIndex::with_wheel(&wheel())` starts it and uploads the wheel with twine as
//!   [`PackageIndex::USER`] (uploads need the password, as the registry needs a token; a job
//!   uploads as [`PackageIndex::JOB_TOKEN_USER`] with [`PackageIndex::JOB_TOKEN`]);
//!   `PackageIndex::private_with_wheel` also asks for it to list and download, like a private
//!   project's registry. `.url()` is the simple index for `pip install --index-url`,
//!   `.url_with_credentials()` the same with `user:password@`, `.upload_url()` twine's
//!   `--repository-url`, `.upload(&file)` uploads one more file. Dropping it stops the server.
//! - [`skip_without_python_tools`]`() -> bool`: call first; true (with a message) when python3 is
//!   missing or PyPI unreachable, which under `CI=true` fails instead.
//! - [`pip_install_hblint`]`(index_url, venv_bin) -> PathBuf`: `pip install hblint` from that
//!   index alone into the virtualenv; returns the installed `hblint`.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

/// What the shared virtualenv holds; a change here reinstalls it.
const TOOLS: &[&str] = &["maturin>=1,<2", "pypiserver==2.4.2", "passlib==1.7.4", "twine", "pre-commit"];

/// The files a wheel is built from: one newer than the wheel means a rebuild.
const SOURCES: &[&str] = &["src", "rules", "Cargo.toml", "Cargo.lock", "pyproject.toml", "README.md"];

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn work_dir() -> PathBuf {
    let dir = manifest_dir().join("target/wheel-tests");
    std::fs::create_dir_all(&dir).expect("create target/wheel-tests");
    dir
}

/// Holds `target/wheel-tests/lock` until dropped: one process at a time installs the tools or
/// builds the wheel.
fn exclusive_lock() -> File {
    let lock = File::create(work_dir().join("lock")).expect("create the lock file");
    lock.lock().expect("lock target/wheel-tests/lock");
    lock
}

/// Both streams of a finished command, for failure messages.
pub fn output_text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Runs a command to its end and fails the test, with everything it printed, if it fails.
fn run_checked(cmd: &mut Command, what: &str) -> Output {
    let output = cmd.output().unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    assert!(output.status.success(), "{what} failed:\n{}", output_text(&output));
    output
}

/// A new virtualenv at `dir` (made by the machine's `python3`); returns its `bin/` folder.
pub fn fresh_venv(dir: &Path) -> PathBuf {
    run_checked(Command::new("python3").args(["-m", "venv"]).arg(dir), "python3 -m venv");
    dir.join("bin")
}

/// What pip says when PyPI cannot be reached.
const UNREACHABLE: &[&str] = &[
    "NewConnectionError",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "ConnectTimeout",
    "Could not fetch URL",
    "No matching distribution",
];

/// The shared virtualenv with [`TOOLS`], installed from PyPI on first use; `Err` says why it
/// cannot be, when that is no fault of the project (no python3, PyPI unreachable).
fn tools() -> &'static Result<PathBuf, String> {
    static TOOLS_BIN: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    TOOLS_BIN.get_or_init(|| {
        if Command::new("python3").arg("--version").output().is_err() {
            return Err("python3 is not installed".into());
        }
        let _lock = exclusive_lock();
        let venv = work_dir().join("tools");
        let marker = venv.join("hblint-tools.txt");
        let wanted = TOOLS.join("\n");
        if std::fs::read_to_string(&marker).ok().as_deref() != Some(wanted.as_str()) {
            let _ = std::fs::remove_dir_all(&venv);
            let bin = fresh_venv(&venv);
            let pip = Command::new(bin.join("pip"))
                .args(["install", "--quiet", "--disable-pip-version-check"])
                .args(TOOLS)
                .output()
                .expect("pip runs");
            if !pip.status.success() {
                let message = output_text(&pip);
                if UNREACHABLE.iter().any(|m| message.contains(m)) {
                    return Err(format!("PyPI cannot be reached to install the test tools:\n{message}"));
                }
                panic!("pip install (from PyPI) of the test tools failed:\n{message}");
            }
            std::fs::write(&marker, wanted).expect("write the tools marker");
        }
        Ok(venv.join("bin"))
    })
}

fn tools_bin() -> PathBuf {
    match tools() {
        Ok(bin) => bin.clone(),
        Err(why) => panic!("{why}"),
    }
}

/// True, after printing why, when a test must skip: no python3 or PyPI unreachable, and not
/// under `CI=true`, where that fails the test instead. Call it first in a test.
pub fn skip_without_python_tools() -> bool {
    let Err(why) = tools() else { return false };
    assert!(std::env::var("CI").as_deref() != Ok("true"), "under CI this test must run: {why}");
    eprintln!("skipped: {why}");
    true
}

/// A program from the shared tools virtualenv: `maturin`, `pypi-server`, `twine`, `pre-commit`,
/// `python`.
pub fn python_tool(name: &str) -> PathBuf {
    tools_bin().join(name)
}

fn newest_source_change() -> SystemTime {
    fn newest(path: &Path) -> SystemTime {
        let meta = std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let own = meta.modified().expect("modification time");
        if !meta.is_dir() {
            return own;
        }
        std::fs::read_dir(path).expect("read dir").flatten().map(|e| newest(&e.path())).fold(own, SystemTime::max)
    }
    SOURCES.iter().map(|s| newest(&manifest_dir().join(s))).fold(SystemTime::UNIX_EPOCH, SystemTime::max)
}

fn built_wheel(dist: &Path) -> Option<PathBuf> {
    let mut wheels: Vec<PathBuf> = std::fs::read_dir(dist)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "whl"))
        .collect();
    assert!(wheels.len() <= 1, "more than one wheel in {}: {wheels:?}", dist.display());
    wheels.pop()
}

/// The hblint wheel: `HBLINT_WHEEL`, or built by maturin from this checkout (see the module doc).
pub fn wheel() -> PathBuf {
    static WHEEL: OnceLock<PathBuf> = OnceLock::new();
    WHEEL
        .get_or_init(|| {
            if let Some(path) = std::env::var_os("HBLINT_WHEEL").filter(|p| !p.is_empty()) {
                let path = PathBuf::from(path);
                assert!(path.is_file(), "HBLINT_WHEEL={} is not a file", path.display());
                return path;
            }
            let maturin = python_tool("maturin");
            let _lock = exclusive_lock();
            let dist = work_dir().join("dist");
            if let Some(wheel) = built_wheel(&dist) {
                let built = std::fs::metadata(&wheel).and_then(|m| m.modified()).expect("wheel time");
                if built > newest_source_change() {
                    return wheel;
                }
            }
            let _ = std::fs::remove_dir_all(&dist);
            // The same release profile and target/ as `cargo build --release`: only the final
            // link differs (maturin strips the binary).
            run_checked(
                Command::new(maturin)
                    .current_dir(manifest_dir())
                    .args(["build", "--release", "--locked", "--out"])
                    .arg(&dist),
                "maturin build --release",
            );
            built_wheel(&dist).expect("maturin wrote a wheel")
        })
        .clone()
}

/// A free TCP port on 127.0.0.1 (the kernel's pick; free again once the probe socket closes).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("bind a loopback port").port()
}

/// The status code of a plain HTTP GET, or `None` while nothing answers.
fn http_status(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// pypiserver on 127.0.0.1, with htpasswd authentication; stopped when dropped.
pub struct PackageIndex {
    server: Child,
    port: u16,
    folder: tempfile::TempDir,
}

impl PackageIndex {
    /// The user that may upload (and, on a private index, list and download).
    pub const USER: &'static str = "uploader";
    /// [`PackageIndex::USER`]'s password.
    pub const PASSWORD: &'static str = "s3cret-token";
    /// The user a GitLab job uploads as, with `CI_JOB_TOKEN` for a password; it may do what
    /// [`PackageIndex::USER`] may.
    pub const JOB_TOKEN_USER: &'static str = "gitlab-ci-token";
    /// [`PackageIndex::JOB_TOKEN_USER`]'s password: the `CI_JOB_TOKEN` a test sets.
    pub const JOB_TOKEN: &'static str = "job-token-1234";

    /// An index that needs the password to upload only, holding `wheel`.
    pub fn with_wheel(wheel: &Path) -> PackageIndex {
        let index = PackageIndex::start("update");
        index.upload(wheel);
        index
    }

    /// An index that needs the password to upload, list and download, holding `wheel`.
    pub fn private_with_wheel(wheel: &Path) -> PackageIndex {
        let index = PackageIndex::start("update,list,download");
        index.upload(wheel);
        index
    }

    /// Starts pypiserver with an empty package folder; `authenticate` is its `-a` list.
    pub fn start(authenticate: &str) -> PackageIndex {
        let folder = tempfile::tempdir().expect("tempdir");
        let packages = folder.path().join("packages");
        std::fs::create_dir(&packages).expect("mkdir packages");
        let htpasswd = folder.path().join("htpasswd");
        let script = "import sys\nfrom passlib.apache import HtpasswdFile\n\
                      f = HtpasswdFile(sys.argv[1], new=True, default_scheme='apr_md5_crypt')\n\
                      for user, password in zip(sys.argv[2::2], sys.argv[3::2]):\n    \
                      f.set_password(user, password)\nf.save()\n";
        run_checked(
            Command::new(python_tool("python"))
                .args(["-c", script])
                .arg(&htpasswd)
                .args([PackageIndex::USER, PackageIndex::PASSWORD])
                .args([PackageIndex::JOB_TOKEN_USER, PackageIndex::JOB_TOKEN]),
            "writing the htpasswd file with passlib",
        );
        let log = File::create(folder.path().join("server.log")).expect("create server.log");
        let port = free_port();
        let server = Command::new(python_tool("pypi-server"))
            .args(["run", "--host", "127.0.0.1", "--port", &port.to_string(), "--disable-fallback"])
            .args(["--authenticate", authenticate, "--passwords"])
            .arg(&htpasswd)
            .arg(&packages)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log handle"))
            .stderr(log)
            .spawn()
            .expect("start pypi-server");
        let mut index = PackageIndex { server, port, folder };
        let deadline = Instant::now() + Duration::from_secs(60);
        while http_status(port, "/health") != Some(200) {
            if let Ok(Some(status)) = index.server.try_wait() {
                panic!("pypi-server exited ({status}):\n{}", index.log());
            }
            assert!(Instant::now() < deadline, "pypi-server did not answer on port {port}:\n{}", index.log());
            std::thread::sleep(Duration::from_millis(100));
        }
        index
    }

    /// What the server printed so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.folder.path().join("server.log")).unwrap_or_default()
    }

    /// The simple index, for `pip install --index-url`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/simple/", self.port)
    }

    /// The simple index with the user and password in it, as a private registry is reached.
    pub fn url_with_credentials(&self) -> String {
        format!("http://{}:{}@127.0.0.1:{}/simple/", PackageIndex::USER, PackageIndex::PASSWORD, self.port)
    }

    /// Where twine uploads (`--repository-url`).
    pub fn upload_url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Uploads `file` with twine, as [`PackageIndex::USER`].
    pub fn upload(&self, file: &Path) {
        run_checked(
            Command::new(python_tool("twine"))
                .args(["upload", "--non-interactive", "--disable-progress-bar", "--repository-url"])
                .arg(self.upload_url())
                .env("TWINE_USERNAME", PackageIndex::USER)
                .env("TWINE_PASSWORD", PackageIndex::PASSWORD)
                .arg(file),
            "twine upload",
        );
    }
}

impl Drop for PackageIndex {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// `pip install hblint` into the virtualenv whose `bin/` is `venv_bin`, from `index_url` alone
/// (no PyPI, no `PIP_FIND_LINKS` folder); returns the installed `hblint`.
pub fn pip_install_hblint(index_url: &str, venv_bin: &Path) -> PathBuf {
    run_checked(
        Command::new(venv_bin.join("pip"))
            .args(["install", "--quiet", "--disable-pip-version-check", "--no-cache-dir", "--index-url", index_url])
            .arg("hblint")
            .env_remove("PIP_FIND_LINKS")
            .env_remove("PIP_EXTRA_INDEX_URL")
            .env_remove("PIP_INDEX_URL"),
        "pip install hblint from the local index",
    );
    let hblint = venv_bin.join("hblint");
    assert!(hblint.is_file(), "pip installed no {}", hblint.display());
    hblint
}
