//! Pretty JSON arrays written an item at a time, byte for byte as `serde_json::to_string_pretty`
//! lays out the whole array: items one level in, separated by `,\n`, and `[]` when empty.

use super::{FileFindings, Reporter};
use crate::diagnostic::Finding;
use crate::rendering::Rendering;
use crate::source::SourceFile;
use serde::Serialize;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// A report that is one top-level JSON array with an item per finding (JSON, Code Quality):
/// each format only says how one finding is written, with [`push_item`].
pub struct FindingArray {
    array: ArrayWriter,
    /// Appends one finding of `file` as an item.
    item: fn(&FileFindings<'_>, &Finding, &mut Vec<u8>),
}

impl FindingArray {
    pub fn new(item: fn(&FileFindings<'_>, &Finding, &mut Vec<u8>)) -> FindingArray {
        FindingArray { array: ArrayWriter::new(0), item }
    }
}

impl Reporter for FindingArray {
    fn needs_fingerprints(&self) -> bool {
        true
    }

    fn render_file(&self, file: &FileFindings<'_>, _: &SourceFile) -> Vec<u8> {
        let mut items = Vec::new();
        for finding in file.diagnostics {
            (self.item)(file, finding, &mut items);
        }
        items
    }

    fn write_file(&self, _: &FileFindings<'_>, rendered: &Rendering, out: &mut dyn Write) -> io::Result<()> {
        self.array.write_items(rendered, out)
    }

    fn finish(&self, out: &mut dyn Write) -> io::Result<()> {
        self.array.close(out)?;
        out.write_all(b"\n")
    }
}

/// Appends `item` pretty-printed as an element of an array whose `[` sits `depth` levels in
/// (two spaces a level), after a `,\n` if `out` already holds an item. JSON strings hold no raw
/// newline, so indenting every line is indenting the item.
pub fn push_item(out: &mut Vec<u8>, item: &impl Serialize, depth: usize) {
    let Ok(text) = serde_json::to_vec_pretty(item) else { return };
    if !out.is_empty() {
        out.extend_from_slice(b",\n");
    }
    let indent = 2 * (depth + 1);
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.resize(out.len() + indent, b' ');
        out.extend_from_slice(line);
    }
}

/// The writing side of one streamed array: opens it before the first item, closes it at the end.
pub struct ArrayWriter {
    /// Levels in of the array's `[`.
    depth: usize,
    /// Whether an item has been written (written on the main thread only).
    started: AtomicBool,
}

impl ArrayWriter {
    pub fn new(depth: usize) -> ArrayWriter {
        ArrayWriter { depth, started: AtomicBool::new(false) }
    }

    /// Writes items rendered with [`push_item`] (nothing for a file without any).
    pub fn write_items(&self, items: &Rendering, out: &mut dyn Write) -> io::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let started = self.started.swap(true, Ordering::Relaxed);
        out.write_all(if started { b",\n" } else { b"[\n" })?;
        items.write_to(out)
    }

    /// Closes the array: `]` on its own line, or `[]` when it stayed empty.
    pub fn close(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.started.load(Ordering::Relaxed) {
            out.write_all(b"\n")?;
            out.write_all(&vec![b' '; 2 * self.depth])?;
            out.write_all(b"]")
        } else {
            out.write_all(b"[]")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn streamed(files: &[Vec<serde_json::Value>], depth: usize) -> String {
        let writer = ArrayWriter::new(depth);
        let mut out = Vec::new();
        for file in files {
            let mut items = Vec::new();
            for item in file {
                push_item(&mut items, item, depth);
            }
            writer.write_items(&Rendering::in_memory(items), &mut out).expect("write to memory");
        }
        writer.close(&mut out).expect("write to memory");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn matches_serde_json_pretty_arrays() {
        let a = json!({"message": "two\nlines", "nested": {"list": [1, 2], "empty": []}});
        let b = json!({"x": null});
        let files = vec![vec![], vec![a.clone(), b.clone()], vec![], vec![a.clone()]];
        let whole = serde_json::to_string_pretty(&json!([a, b, a])).expect("serializes");
        assert_eq!(streamed(&files, 0), whole);
        assert_eq!(streamed(&[vec![], vec![]], 0), "[]");
        // One level in, as a value inside an object.
        let inner = serde_json::to_string_pretty(&json!({"k": [b.clone()]})).expect("serializes");
        assert_eq!(format!("{{\n  \"k\": {}\n}}", streamed(&[vec![b]], 1)), inner);
    }
}
