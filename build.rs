//! Writes typos-dict's misspellings as one text (`$OUT_DIR/typos.tsv`) that `src/rules/pack/
//! kinds/typos.rs` includes. typos-dict's own table is ~96,000 entries of pointers (each key and
//! each correction a `&str`): a position-independent executable relocates every one at start-up,
//! which made 10 MB of every run's memory (issue 15). One sorted string has nothing to relocate
//! and is paged in only when PR101 runs.
//!
//! A line is the key in Unicode case folding (`unicase`, the folding typos-dict's lookups use),
//! then each correction, tab-separated; lines are sorted by key.

use std::io::Write;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut lines: Vec<(String, &[&str])> = typos_dict::WORD
        .map
        .entries()
        .map(|(key, corrections)| (unicase::UniCase::unicode(key.into_inner()).to_folded_case(), *corrections))
        .collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    lines.dedup_by(|a, b| a.0 == b.0);
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut file = std::io::BufWriter::new(std::fs::File::create(out.join("typos.tsv")).expect("OUT_DIR is writable"));
    for (key, corrections) in lines {
        assert!(!key.contains(['\t', '\n']) && corrections.iter().all(|c| !c.contains(['\t', '\n'])));
        write!(file, "{key}").expect("write");
        for correction in corrections {
            write!(file, "\t{correction}").expect("write");
        }
        writeln!(file).expect("write");
    }
    file.flush().expect("write");
}
