//! Prints the anchor ids `hblint::site::anchors::page_ids` finds, one page a line:
//! `PATH<TAB>id id id…`. Paths come from the arguments or, with none, one a line on stdin.
//! Pages under a `content/` folder get Hugo's ids, others kramdown's. Used by
//! `scripts/compare-lychee.sh` to say why a fragment lychee reports is or is not on the page.

use hblint::site::anchors::{IdStyle, page_ids};
use std::io::{BufRead, Write};

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        paths = std::io::stdin().lock().lines().map_while(Result::ok).collect();
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut ids = Vec::new();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let style =
            if path.contains("/content/") || path.starts_with("content/") { IdStyle::Hugo } else { IdStyle::Kramdown };
        ids.clear();
        page_ids(&text, style, &mut ids);
        if writeln!(out, "{path}\t{}", ids.join(" ")).is_err() {
            return;
        }
    }
}
