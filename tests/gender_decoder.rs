//! IL001's verdict (masculine-coded or not) agrees with gender-decoder's own `assess` on at least
//! 97% of the job-family pages of `../shared/corpus`, and hblint's word lists are
//! gender-decoder's: `scripts/compare-gender-decoder.py` does the comparison, this test fetches
//! the reference package (PyPI `genderdecoder` 0.3, its source archive, into the target folder)
//! and runs it. Skips with a message when the corpus is absent, or Python or the package cannot
//! be had.

use std::path::{Path, PathBuf};
use std::process::Command;

const PACKAGE: &str = "genderdecoder==0.3";

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/job-families");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared/corpus/job-families is absent (it holds the pages gender-decoder reads)");
        None
    }
}

/// The `genderdecoder` folder of the package's source archive, downloaded once per target folder.
fn gender_decoder() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gender-decoder");
    let package = dir.join("genderdecoder-0.3").join("genderdecoder");
    if package.join("assess.py").is_file() {
        return Some(package);
    }
    let skip = |why: String| {
        eprintln!("skipping: cannot get the reference package {PACKAGE} ({why})");
        None
    };
    let download = Command::new("python3")
        .args(["-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", PACKAGE, "-d"])
        .arg(&dir)
        .output();
    match download {
        Ok(out) if out.status.success() => {}
        Ok(out) => return skip(String::from_utf8_lossy(&out.stderr).trim().to_string()),
        Err(e) => return skip(format!("python3: {e}")),
    }
    // Unpack with Python's own tarfile: no tar binary needed.
    let unpack = Command::new("python3")
        .args(["-c", "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])"])
        .arg(dir.join("genderdecoder-0.3.tar.gz"))
        .arg(&dir)
        .output();
    match unpack {
        Ok(out) if out.status.success() && package.join("assess.py").is_file() => Some(package),
        Ok(out) => skip(String::from_utf8_lossy(&out.stderr).trim().to_string()),
        Err(e) => skip(format!("python3: {e}")),
    }
}

#[test]
fn il001_agrees_with_gender_decoder_on_the_job_family_corpus() {
    let Some(corpus) = corpus() else { return };
    let Some(package) = gender_decoder() else { return };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/compare-gender-decoder.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_hblint"))
        .arg(&package)
        .arg(&corpus)
        .args(["--min", "97"])
        .output()
        .expect("python3 runs the comparison script");
    let report = String::from_utf8_lossy(&output.stdout);
    eprintln!("{report}{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "IL001 and gender-decoder disagree too often, or the word lists differ:\n{report}"
    );
    assert!(report.starts_with("gender-decoder agreement: "), "unexpected report:\n{report}");
}
