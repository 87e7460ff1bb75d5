//! Baseline for benchmarks: walk, read and comrak-parse every Markdown file, in parallel, and do
//! nothing else. `scripts/bench.sh` compares `hblint check` against it.

use comrak::{Arena, parse_document};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

fn main() {
    let roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let files = hblint::walk::collect(&roots).files;
    let next = AtomicUsize::new(0);
    let nodes = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let options = hblint::page::parse_options();
                while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let Ok(text) = std::fs::read_to_string(path) else { continue };
                    let arena = Arena::new();
                    let root = parse_document(&arena, &text, &options);
                    nodes.fetch_add(root.descendants().count(), Ordering::Relaxed);
                }
            });
        }
    });
    println!("{} files, {} nodes", files.len(), nodes.load(Ordering::Relaxed));
}
