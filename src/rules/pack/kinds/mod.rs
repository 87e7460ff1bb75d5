//! The kinds of pack rule, one file each, after Vale's: existence, substitution (with its
//! typos-dict variant in `dictionary.rs`), repetition, occurrence, consistency and
//! capitalization. A kind reads its fields of a `[[rule]]` entry once, when the pack loads, into
//! a [`KindMatcher`] that checks pages.
//!
//! Adding a kind: a file here with a `pub static KIND: Kind` (its name, the fields it reads and
//! its compile function) and a type implementing [`KindMatcher`]; one line in [`KINDS`]. A field
//! no kind read before also goes in [`RawRule`] and [`RawRule::present_fields`], since serde
//! rejects unknown fields.

mod capitalization;
mod consistency;
mod dictionary;
mod existence;
mod occurrence;
mod repetition;
mod substitution;
mod typos;

use super::template::render;
use crate::diagnostic::{Edit, Severity};
use crate::page::Page;
use crate::page::scope::Scope;
use crate::rules::Sink;
use crate::source::Span;
use regex::{Captures, Regex, RegexBuilder};
use serde::Deserialize;
use serde::de::{self, Deserializer, EnumAccess, VariantAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;
use toml::Spanned;

/// Every kind, in the order an unknown `kind` error lists them.
static KINDS: &[&Kind] = &[
    &existence::KIND,
    &substitution::KIND,
    &repetition::KIND,
    &occurrence::KIND,
    &consistency::KIND,
    &capitalization::KIND,
];

/// One kind of pack rule.
pub struct Kind {
    /// Its name in `kind = "…"`.
    pub name: &'static str,
    /// The kind-specific fields it reads; any other kind-specific field is an error.
    pub fields: &'static [&'static str],
    /// Reads a rule's fields into its matcher (the rule's kind is this one).
    compile: fn(&RawRule) -> Result<Box<dyn KindMatcher>, CompileError>,
}

/// A compile error: the byte offset in the pack file (if known) and what is wrong.
pub type CompileError = (Option<usize>, String);

/// What a kind compiles a rule into.
trait KindMatcher: Send + Sync {
    /// Whether its findings carry a safe fix.
    fn fixes(&self) -> bool;
    /// Reports what it finds in `scope` of `page`.
    fn check(&self, page: &Page<'_>, scope: Scope, report: &mut Reporter<'_, '_>);
}

/// A `[[rule]]` entry as the pack file writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRule {
    pub code: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(deserialize_with = "deserialize_kind")]
    pub kind: &'static Kind,
    pub severity: Severity,
    pub scope: Scope,
    pub message: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub docs: Option<String>,
    #[serde(default)]
    tokens: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignorecase: Option<bool>,
    #[serde(default)]
    nonword: Option<bool>,
    #[serde(default)]
    swap: Option<Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    dictionary: Option<Spanned<String>>,
    #[serde(default)]
    preserve_case: Option<bool>,
    #[serde(default)]
    exceptions: Option<Vec<String>>,
    #[serde(default)]
    max: Option<usize>,
    #[serde(default)]
    min: Option<usize>,
    #[serde(default)]
    either: Option<Vec<Vec<String>>>,
    #[serde(default)]
    style: Option<Spanned<String>>,
}

impl RawRule {
    /// The kind-specific fields present in the rule, by their TOML names.
    pub fn present_fields(&self) -> Vec<&'static str> {
        let mut present = Vec::new();
        let mut note = |name: &'static str, is: bool| {
            if is {
                present.push(name)
            }
        };
        note("tokens", self.tokens.is_some());
        note("ignorecase", self.ignorecase.is_some());
        note("nonword", self.nonword.is_some());
        note("swap", self.swap.is_some());
        note("dictionary", self.dictionary.is_some());
        note("preserve-case", self.preserve_case.is_some());
        note("exceptions", self.exceptions.is_some());
        note("max", self.max.is_some());
        note("min", self.min.is_some());
        note("either", self.either.is_some());
        note("style", self.style.is_some());
        present
    }

    /// `ignorecase`, true unless the rule says otherwise.
    fn ignorecase(&self) -> bool {
        self.ignorecase.unwrap_or(true)
    }

    /// `nonword`, false unless the rule says otherwise.
    fn nonword(&self) -> bool {
        self.nonword.unwrap_or(false)
    }

    /// The error for a missing field this rule's kind needs.
    fn needs(&self, field: &str) -> CompileError {
        (None, format!("kind '{}' needs '{field}'", self.kind.name))
    }

    /// The rule's `tokens`, each checked alone so an error points at the bad one; `None` when
    /// absent and not `required`.
    fn tokens(&self, required: bool) -> Result<Option<Vec<String>>, CompileError> {
        match &self.tokens {
            None if required => Err(self.needs("tokens")),
            None => Ok(None),
            Some(list) => {
                for token in list {
                    build(token.get_ref(), self.ignorecase()).map_err(|e| (Some(token.span().start), e))?;
                }
                if list.is_empty() {
                    return Err((None, "'tokens' is empty".into()));
                }
                Ok(Some(list.iter().map(|t| t.get_ref().clone()).collect()))
            }
        }
    }
}

/// The names of [`KINDS`], for serde's "unknown variant" error.
fn kind_names() -> &'static [&'static str] {
    static NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| KINDS.iter().map(|k| k.name).collect());
    &NAMES
}

/// Reads `kind = "…"` as serde reads a unit enum, so errors read as they would for one.
fn deserialize_kind<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static Kind, D::Error> {
    struct KindVisitor;
    impl<'de> Visitor<'de> for KindVisitor {
        type Value = &'static Kind;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("enum Kind")
        }
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
            let (kind, variant) = data.variant_seed(KindName)?;
            variant.unit_variant()?;
            Ok(kind)
        }
    }
    /// A kind's name, looked up in [`KINDS`].
    struct KindName;
    impl<'de> de::DeserializeSeed<'de> for KindName {
        type Value = &'static Kind;
        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_identifier(self)
        }
    }
    impl<'de> Visitor<'de> for KindName {
        type Value = &'static Kind;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("variant identifier")
        }
        fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
            KINDS.iter().copied().find(|k| k.name == name).ok_or_else(|| E::unknown_variant(name, kind_names()))
        }
    }
    deserializer.deserialize_enum("Kind", kind_names(), KindVisitor)
}

/// A compiled pack rule: what its kind made of its fields.
pub struct Matcher(Box<dyn KindMatcher>);

impl Matcher {
    /// Compiles a rule with its kind.
    pub fn compile(raw: &RawRule) -> Result<Matcher, CompileError> {
        (raw.kind.compile)(raw).map(Matcher)
    }

    /// Whether findings of this matcher carry a safe fix.
    pub fn fixes(&self) -> bool {
        self.0.fixes()
    }

    /// Reports what the rule finds in `scope` of `page`, with its message and help templates.
    pub fn check(&self, page: &Page<'_>, scope: Scope, message: &str, help: Option<&str>, out: &mut Sink<'_>) {
        self.0.check(page, scope, &mut Reporter { out, message, help });
    }
}

/// Turns a kind's findings into diagnostics with the rule's message and help.
struct Reporter<'r, 's> {
    out: &'r mut Sink<'s>,
    message: &'r str,
    help: Option<&'r str>,
}

impl Reporter<'_, '_> {
    /// Reports `span`, filling the templates' placeholders from `vars`, with an optional fix.
    fn report(&mut self, span: Span, vars: &dyn Fn(&str) -> Option<String>, fix: Option<Vec<Edit>>) {
        let d = self.out.report(span, render(self.message, vars));
        if let Some(help) = self.help {
            d.help(render(help, vars));
        }
        if let Some(fix) = fix {
            d.fix(fix);
        }
    }
}

fn build(pattern: &str, ignorecase: bool) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(ignorecase)
        .size_limit(64 << 20)
        .build()
        .map_err(|e| format!("invalid regex: {}", e.to_string().lines().last().unwrap_or("").trim()))
}

/// One alternation of `tokens`, word-bounded unless `nonword`.
fn alternation(tokens: &[String], nonword: bool) -> String {
    let body = tokens.iter().map(|t| format!("(?:{t})")).collect::<Vec<_>>().join("|");
    // ASCII word boundaries keep the fast engines on non-ASCII text; `is_embedded` rejects a
    // match glued to any other letter.
    if nonword { format!("(?:{body})") } else { format!(r"(?-u:\b)(?:{body})(?-u:\b)") }
}

/// The span of `start..end` within a segment.
fn shift(segment: Span, start: usize, end: usize) -> Span {
    Span::new(segment.start + start, segment.start + end)
}

/// The matches of `regex` in the whole text that lie inside one of `segments` (sorted), with
/// that segment. One search over the file is much cheaper than one per prose run.
fn scoped_matches<'t>(regex: &Regex, text: &'t str, segments: &[Span]) -> Vec<(Span, Captures<'t>)> {
    if segments.is_empty() {
        return Vec::new();
    }
    let from = segments[0].start;
    let to = segments[segments.len() - 1].end;
    let haystack = &text[..to];
    let mut out = Vec::new();
    // Many matches lie outside prose (a name in a URL or code span): find them with the fast
    // engines and resolve capture groups only for the ones kept. Searching again from a kept
    // match's start finds that same match (leftmost-first, with the whole text as context).
    for m in regex.find_iter(haystack) {
        if m.start() < from {
            continue;
        }
        let i = segments.partition_point(|s| s.start <= m.start());
        if i > 0
            && segments[i - 1].end >= m.end()
            && let Some(caps) = regex.captures_at(haystack, m.start())
        {
            out.push((segments[i - 1], caps));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::KINDS;

    /// Every file here that defines a kind is in [`KINDS`], under the name of its file.
    #[test]
    fn every_kind_file_is_registered() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/pack/kinds");
        let mut files = 0;
        for entry in std::fs::read_dir(dir).expect("kinds folder") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("readable source");
            if !text.lines().any(|line| line.starts_with("pub static KIND: Kind")) {
                continue; // mod.rs, dictionary.rs
            }
            files += 1;
            let stem = path.file_stem().and_then(|s| s.to_str()).expect("file name");
            assert!(KINDS.iter().any(|k| k.name == stem), "{} defines a kind KINDS does not list", path.display());
        }
        assert_eq!(files, KINDS.len(), "KINDS lists a kind without its own file");
    }
}
