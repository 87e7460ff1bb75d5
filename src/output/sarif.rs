//! SARIF 2.1.0: the rules in force as `tool.driver.rules`, one result per finding, columns
//! counted in Unicode code points (as hblint counts them).
//!
//! serde_json sorts object keys, so a run's `results` come before the `tool` and its rules,
//! which each result points at by index. The rules in force are known before the first file,
//! but a page's `markdownlint-configure-file` comment may turn on one more, which joins the
//! sorted list and moves the indices after it: results wait in a spooled temporary file (in
//! memory while small) and have their `ruleIndex` lines renumbered at the end when that happens.

use super::json_stream::{ArrayWriter, push_item};
use super::{FileFindings, ReportContext, Reporter};
use crate::diagnostic::Severity;
use crate::rendering::Rendering;
use crate::rules::meta::RuleMeta;
use crate::source::SourceFile;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{self, BufRead, Seek, Write};
use std::sync::Mutex;
use tempfile::SpooledTempFile;

/// Results held in memory up to this size, then on disk.
const SPOOL_IN_MEMORY: usize = 1 << 20;
/// Levels in of the `results` array: top object, `runs`, the run.
const RESULTS_DEPTH: usize = 3;
/// How a result's `ruleId` and `ruleIndex` lines start (its keys are one level in, sorted:
/// `ruleIndex` is the last, `ruleId` just before it).
const RULE_ID_LINE: &[u8] = b"          \"ruleId\": ";
const RULE_INDEX_LINE: &[u8] = b"          \"ruleIndex\": ";
/// Stands for the results array in the log's skeleton.
const RESULTS_PLACEHOLDER: &str = "hblint:results";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path: `/`-separated, with the characters URIs reserve escaped.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One result. Fields in the order serde_json gives an object's keys (sorted), as the log's
/// skeleton has them, without building a map per result.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [SarifLocation<'a>; 1],
    message: Message,
    partial_fingerprints: PartialFingerprints<'a>,
    rule_id: &'static str,
    rule_index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation<'a> {
    uri: String,
    uri_base_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct PartialFingerprints<'a> {
    #[serde(rename = "hblint/v1")]
    hblint_v1: &'a str,
}

/// A SARIF log being written.
struct Sarif {
    /// The rules in force, sorted by code: what results index before any other rule reports.
    rules: Vec<&'static RuleMeta>,
    results: ArrayWriter,
    written: Mutex<Written>,
}

struct Written {
    spool: SpooledTempFile,
    /// Rules that reported without being in force, by code.
    extra_rules: BTreeMap<&'static str, &'static RuleMeta>,
}

/// Starts a SARIF log (see [`super::FORMATS`]).
pub fn start(context: &ReportContext) -> Box<dyn Reporter> {
    let written = Written { spool: tempfile::spooled_tempfile(SPOOL_IN_MEMORY), extra_rules: BTreeMap::new() };
    Box::new(Sarif {
        rules: context.rules.clone(),
        results: ArrayWriter::new(RESULTS_DEPTH),
        written: Mutex::new(written),
    })
}

fn descriptor(r: &RuleMeta) -> Value {
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": r.summary },
        "fullDescription": { "text": r.summary },
        "help": { "text": r.docs, "markdown": r.docs },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "tags": [r.group.as_str()] },
    })
}

/// The whole log with a placeholder string for the results, split around it.
fn skeleton(rules: &[&'static RuleMeta]) -> (String, String) {
    let descriptors: Vec<Value> = rules.iter().map(|r| descriptor(r)).collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "hblint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": RESULTS_PLACEHOLDER,
        }]
    });
    let text = serde_json::to_string_pretty(&log).unwrap_or_default();
    let placeholder = format!("\"{RESULTS_PLACEHOLDER}\"");
    match text.split_once(&placeholder) {
        Some((head, tail)) => (head.to_string(), tail.to_string()),
        None => (text, String::new()),
    }
}

/// Copies results from `spool`, renumbering each `ruleIndex` by the `ruleId` line before it.
fn renumber(spool: &mut SpooledTempFile, rules: &[&'static RuleMeta], out: &mut dyn Write) -> io::Result<()> {
    let mut reader = io::BufReader::new(spool);
    let mut line = Vec::new();
    let mut rule_index = 0;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        if let Some(id) = line.strip_prefix(RULE_ID_LINE) {
            let id = id.trim_ascii_end();
            let id = id.strip_suffix(b",").unwrap_or(id);
            let code = id.strip_prefix(b"\"").and_then(|c| c.strip_suffix(b"\"")).unwrap_or(id);
            rule_index = rules.iter().position(|r| r.code.as_bytes() == code).unwrap_or(0);
        } else if line.starts_with(RULE_INDEX_LINE) {
            out.write_all(RULE_INDEX_LINE)?;
            writeln!(out, "{rule_index}")?;
            continue;
        }
        out.write_all(&line)?;
    }
}

impl Reporter for Sarif {
    fn needs_fingerprints(&self) -> bool {
        true
    }

    fn render_file(&self, file: &FileFindings<'_>, _: &SourceFile) -> Vec<u8> {
        let mut items = Vec::new();
        for d in file.diagnostics {
            let rule = d.diagnostic.rule;
            let mut message = d.diagnostic.message.clone();
            if let Some(help) = &d.diagnostic.help {
                message.push_str(&format!(" ({help})"));
            }
            let rule_index = self.rules.binary_search_by_key(&rule.code, |r| r.code).unwrap_or(0);
            let result = SarifResult {
                level: level(d.diagnostic.severity),
                locations: [SarifLocation {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri(&file.repo_path), uri_base_id: "%SRCROOT%" },
                        region: Region {
                            end_column: d.end.column,
                            end_line: d.end.line,
                            start_column: d.start.column,
                            start_line: d.start.line,
                        },
                    },
                }],
                message: Message { text: message },
                partial_fingerprints: PartialFingerprints { hblint_v1: &d.fingerprint },
                rule_id: rule.code,
                rule_index,
            };
            push_item(&mut items, &result, RESULTS_DEPTH);
        }
        items
    }

    fn write_file(&self, file: &FileFindings<'_>, rendered: &Rendering, _: &mut dyn Write) -> io::Result<()> {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        for d in file.diagnostics {
            let rule = d.diagnostic.rule;
            if self.rules.binary_search_by_key(&rule.code, |r| r.code).is_err() {
                written.extra_rules.entry(rule.code).or_insert(rule);
            }
        }
        self.results.write_items(rendered, &mut written.spool)
    }

    fn finish(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        let Written { spool, extra_rules } = &mut *written;
        let mut rules = self.rules.clone();
        rules.extend(extra_rules.values().copied());
        rules.sort_by_key(|r| r.code);
        let (head, tail) = skeleton(&rules);
        out.write_all(head.as_bytes())?;
        self.results.close(spool)?;
        spool.rewind()?;
        if extra_rules.is_empty() {
            io::copy(spool, out)?;
        } else {
            renumber(spool, &rules, out)?;
        }
        out.write_all(tail.as_bytes())?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_serializes_as_the_object_with_sorted_keys() {
        let result = SarifResult {
            level: "warning",
            locations: [SarifLocation {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: "a%20b.md".into(), uri_base_id: "%SRCROOT%" },
                    region: Region { end_column: 4, end_line: 3, start_column: 2, start_line: 1 },
                },
            }],
            message: Message { text: "say \"x\"\n(help)".into() },
            partial_fingerprints: PartialFingerprints { hblint_v1: "0123abcd" },
            rule_id: "MD009",
            rule_index: 7,
        };
        let object = json!({
            "ruleId": "MD009",
            "ruleIndex": 7,
            "level": "warning",
            "message": { "text": "say \"x\"\n(help)" },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": "a%20b.md", "uriBaseId": "%SRCROOT%" },
                    "region": { "startLine": 1, "startColumn": 2, "endLine": 3, "endColumn": 4 }
                }
            }],
            "partialFingerprints": { "hblint/v1": "0123abcd" },
        });
        let result = serde_json::to_string_pretty(&result).expect("serializes");
        assert_eq!(result, serde_json::to_string_pretty(&object).expect("serializes"));
    }

    #[test]
    fn uris_escape_reserved_characters() {
        assert_eq!(uri("a b/c#d.md"), "a%20b/c%23d.md");
    }
}
