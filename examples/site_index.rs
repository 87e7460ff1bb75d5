//! Builds the site index of a handbook repository and says what it holds and what each step
//! cost: `cargo run --release --example site_index -- PATH/TO/A/PAGE`. For benchmarks by hand.

use hblint::config::site::{SiteConfig, parse_redirects, redirects_file};
use hblint::site::index::SiteIndex;
use hblint::site::layout::Layout;
use std::time::Instant;

fn main() {
    let Some(page) = std::env::args().nth(1) else {
        eprintln!("usage: site_index PATH/TO/A/PAGE");
        std::process::exit(2);
    };
    let Some(layout) = Layout::detect(std::path::Path::new(&page)) else {
        eprintln!("{page} is in no Middleman or Hugo layout");
        std::process::exit(2);
    };
    let mut options = SiteConfig::default().options;
    options.redirects = redirects_file(&layout, &options);
    let start = Instant::now();
    let redirects = match &options.redirects {
        Some(path) => {
            let text = std::fs::read_to_string(path).expect("redirects file");
            parse_redirects(path, &text).unwrap_or_else(|e| panic!("{e}"))
        }
        None => Default::default(),
    };
    let parsed = start.elapsed();
    let index = SiteIndex::build(layout, redirects, options);
    let built = start.elapsed() - parsed;
    let mut ids = 0;
    let read = Instant::now();
    for entry in index.entries() {
        ids += index.ids_of(entry).map_or(0, |ids| ids.len());
    }
    println!(
        "{} routes, {} redirects: redirects parsed in {parsed:?}, routes walked in {built:?}; {ids} ids of every page read in {:?}",
        index.len(),
        index.redirects.len(),
        read.elapsed()
    );
}
