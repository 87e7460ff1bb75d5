//! Declarative rule packs: `rules/*.toml` files that add rules without Rust, with Vale's kinds
//! (existence, substitution, repetition, occurrence, consistency, capitalization) scoped to parts
//! of the page model.
//!
//! A pack is read with serde (`deny_unknown_fields` everywhere); an unknown kind, scope or field,
//! a missing field or an invalid regex is an error that names the file, line and column. Packs
//! are loaded once per process and their rules live for the whole run (they are leaked on
//! purpose: rules are `&'static` like built-in ones). The header's `group` (`"prose"` by default,
//! or `"job-family"`) is every rule's group; rules of a job-family pack read job-family pages only.
//!
//! This file reads a pack and checks what every rule shares (code, name, fields of its kind);
//! `kinds/` holds one file per kind, with its fields, compile and check; `words.rs` and `case.rs`
//! are the word and letter-case helpers the kinds share; `template.rs` fills message templates.

mod case;
mod kinds;
mod language;
mod template;
pub(crate) mod words;

use super::{Group, Rule, RuleMeta, Sink};
use crate::error::LocatedError;
use crate::page::Page;
use crate::page::scope::Scope;
use kinds::{Matcher, RawRule};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    pack: PackHeader,
    #[serde(default, rename = "rule")]
    rules: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackHeader {
    name: String,
    prefix: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    /// `"prose"` (the default) or `"job-family"`: rules of a job-family pack read job-family
    /// pages only, and `hblint rules` lists them in that group.
    #[serde(default)]
    group: Option<Spanned<String>>,
}

/// A rule loaded from a pack.
pub struct PackRule {
    meta: &'static RuleMeta,
    scope: Scope,
    message: String,
    help: Option<String>,
    matcher: Matcher,
}

impl Rule for PackRule {
    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }

    fn check(&self, page: &Page<'_>, _params: &crate::rules::Params, out: &mut Sink<'_>) {
        // Rules of a job-family pack (`group = "job-family"`) read job-family pages only.
        if self.meta.group == Group::JobFamily && page.job.is_none() {
            return;
        }
        self.matcher.check(page, self.scope, &self.message, self.help.as_deref(), out);
    }
}

/// A loaded pack: its name and its rules.
pub struct Pack {
    pub name: String,
    pub description: Option<String>,
    pub rules: Vec<&'static PackRule>,
}

impl Pack {
    /// Frees what [`parse`] leaked, for a process that loads packs over and over rather than once
    /// (the pack fuzz target: a million packs leaked are gigabytes).
    ///
    /// # Safety
    /// The pack must come from [`parse`] or [`parse_with`] (whose rules, their metadata and its
    /// strings are each one leaked box), and nothing may use its rules or their metadata after:
    /// no linter, finding or diagnostic built with them may be alive.
    pub unsafe fn release(self) {
        for rule in self.rules {
            let meta = rule.meta;
            // SAFETY: by the caller's promise, each of these is a box leaked in `parse_with` and
            // no longer referenced; each is freed once.
            unsafe {
                drop(Box::from_raw(rule as *const PackRule as *mut PackRule));
                for text in [meta.code, meta.name, meta.summary, meta.docs] {
                    drop(Box::from_raw(text as *const str as *mut str));
                }
                drop(Box::from_raw(meta as *const RuleMeta as *mut RuleMeta));
            }
        }
    }
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// Parses a pack's TOML text. `path` is only used in errors.
pub fn parse(path: &Path, text: &str) -> Result<Pack, LocatedError> {
    parse_with(path, text, &[])
}

/// Parses a pack whose codes must not collide with `taken` (the rules already known).
pub fn parse_with(path: &Path, text: &str, taken: &[&str]) -> Result<Pack, LocatedError> {
    let error = |offset: usize, message: String| LocatedError::at_offset(path, text, offset, message);
    let file: PackFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        error(offset, e.message().trim().replace('\n', " "))
    })?;
    let prefix = file.pack.prefix.get_ref().clone();
    if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(error(file.pack.prefix.span().start, format!("pack prefix '{prefix}' must be letters and digits")));
    }
    let group = match &file.pack.group {
        None => Group::Prose,
        Some(group) => match group.get_ref().as_str() {
            "prose" => Group::Prose,
            "job-family" => Group::JobFamily,
            "inclusive" => Group::Inclusive,
            other => {
                return Err(error(
                    group.span().start,
                    format!("pack group '{other}' must be 'prose', 'job-family' or 'inclusive'"),
                ));
            }
        },
    };
    let mut rules = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    for spanned in file.rules {
        let at = spanned.span().start;
        let raw = spanned.into_inner();
        let code = raw.code.get_ref().clone();
        if !code.starts_with(&prefix) || code.len() == prefix.len() || !code.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Err(error(
                raw.code.span().start,
                format!("rule code '{code}' must be the pack prefix '{prefix}' followed by letters or digits"),
            ));
        }
        if codes.contains(&code) {
            return Err(error(raw.code.span().start, format!("rule code '{code}' is used twice in this pack")));
        }
        if taken.contains(&code.as_str()) {
            return Err(error(raw.code.span().start, format!("rule code '{code}' is already taken by another rule")));
        }
        let name = raw.name.get_ref().clone();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err(error(raw.name.span().start, format!("rule name '{name}' must be kebab-case (a-z, 0-9, -)")));
        }
        for field in raw.present_fields() {
            if !raw.kind.fields.contains(&field) {
                return Err(error(
                    at,
                    format!("rule '{code}': field '{field}' does not apply to kind '{}'", raw.kind.name),
                ));
            }
        }
        let matcher = Matcher::compile(&raw)
            .map_err(|(offset, message)| error(offset.unwrap_or(at), format!("rule '{code}': {message}")))?;
        codes.push(code.clone());
        let summary = raw.summary.clone().unwrap_or_else(|| template::placeholders_elided(&raw.message));
        let docs = raw.docs.clone().unwrap_or_else(|| generated_docs(&raw, &file.pack.name));
        let meta: &'static RuleMeta = Box::leak(Box::new(RuleMeta {
            code: leak(code),
            name: leak(name),
            group,
            summary: leak(summary),
            docs: leak(docs),
            severity: raw.severity,
            fix: matcher.fixes(),
            params: &[],
        }));
        rules.push(&*Box::leak(Box::new(PackRule {
            meta,
            scope: raw.scope,
            message: raw.message,
            help: raw.help,
            matcher,
        })));
    }
    Ok(Pack { name: file.pack.name, description: file.pack.description, rules })
}

/// Reads and parses a pack file.
pub fn load(path: &Path) -> Result<Pack, LocatedError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        LocatedError::in_file(path, format!("cannot read rule pack: {}", crate::error::describe_io(&e)))
    })?;
    parse(path, &text)
}

fn generated_docs(raw: &RawRule, pack: &str) -> String {
    format!(
        "## What it does\nA `{}` rule from the `{pack}` pack, over the `{}` scope: {}\n",
        raw.kind.name,
        scope_name(raw.scope),
        raw.message
    )
}

fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Text => "text",
        Scope::Heading => "heading",
        Scope::H1 => "heading.h1",
        Scope::H2 => "heading.h2",
        Scope::H3 => "heading.h3",
        Scope::H4 => "heading.h4",
        Scope::H5 => "heading.h5",
        Scope::H6 => "heading.h6",
        Scope::Paragraph => "paragraph",
        Scope::ListItem => "list-item",
        Scope::TableCell => "table-cell",
        Scope::Blockquote => "blockquote",
        Scope::LinkText => "link-text",
        Scope::FrontMatterTitle => "front-matter.title",
        Scope::JobLevelTitle => "job.level-title",
        Scope::JobGradeSentence => "job.grade-sentence",
        Scope::JobResponsibilities => "job.responsibilities",
        Scope::JobRequirements => "job.requirements",
    }
}

/// The packs compiled into the binary, from `rules/`.
pub const SHIPPED: &[(&str, &str)] = &[
    ("rules/doubled-words.toml", include_str!("../../../rules/doubled-words.toml")),
    ("rules/handbook-terms.toml", include_str!("../../../rules/handbook-terms.toml")),
    ("rules/job-family.toml", include_str!("../../../rules/job-family.toml")),
    ("rules/typos.toml", include_str!("../../../rules/typos.toml")),
];

/// The rules of the shipped packs, loaded once.
pub fn shipped_rules() -> &'static [&'static dyn Rule] {
    static RULES: std::sync::LazyLock<Vec<&'static dyn Rule>> = std::sync::LazyLock::new(|| {
        let mut rules: Vec<&'static dyn Rule> = Vec::new();
        for (path, text) in SHIPPED {
            // Shipped packs are tested (tests/packs.rs); a broken one is a build defect.
            let pack = parse(Path::new(path), text).unwrap_or_else(|e| panic!("shipped pack is broken: {e}"));
            rules.extend(pack.rules.into_iter().map(|r| r as &'static dyn Rule));
        }
        rules
    });
    &RULES
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match parse(Path::new("p.toml"), text) {
            Ok(_) => "loaded".into(),
            Err(e) => e.to_string(),
        }
    }

    const HEAD: &str = "[pack]\nname = \"t\"\nprefix = \"XX\"\n\n[[rule]]\ncode = \"XX1\"\nname = \"x\"\nseverity = \"warning\"\nmessage = \"m\"\n";

    #[test]
    fn errors_name_file_line_and_column() {
        assert!(
            err(&format!("{HEAD}kind = \"existence\"\nscope = \"text\"\ntokens = [\"a(\"]\n"))
                .starts_with("p.toml:12:11: rule 'XX1': invalid regex")
        );
        let unknown_kind = err(&format!("{HEAD}kind = \"exist\"\nscope = \"text\"\n"));
        assert!(unknown_kind.starts_with("p.toml:10:8: unknown variant `exist`"), "{unknown_kind}");
        let unknown_scope = err(&format!("{HEAD}kind = \"existence\"\nscope = \"body\"\ntokens = [\"a\"]\n"));
        assert!(unknown_scope.starts_with("p.toml:11:9: unknown variant `body`"), "{unknown_scope}");
        let unknown_field = err(&format!("{HEAD}kind = \"existence\"\nscope = \"text\"\ntokenz = [\"a\"]\n"));
        assert!(unknown_field.contains("unknown field `tokenz`"), "{unknown_field}");
        let wrong_field = err(&format!("{HEAD}kind = \"existence\"\nscope = \"text\"\ntokens = [\"a\"]\nmax = 2\n"));
        assert!(wrong_field.contains("field 'max' does not apply to kind 'existence'"), "{wrong_field}");
        let empty_key = err(&format!("{HEAD}kind = \"substitution\"\nscope = \"text\"\n[rule.swap]\n\"\" = \"x\"\n"));
        assert!(empty_key.starts_with("p.toml:12:1: rule 'XX1': 'swap' has an empty key"), "{empty_key}");
        let missing = err(&format!("{HEAD}kind = \"existence\"\nscope = \"text\"\n"));
        assert!(missing.contains("kind 'existence' needs 'tokens'"), "{missing}");
        assert!(err("[pack\n").starts_with("p.toml:1:"));
    }

    #[test]
    fn a_released_pack_was_usable_until_then() {
        for _ in 0..100 {
            let text = format!("{HEAD}kind = \"substitution\"\nscope = \"text\"\n[rule.swap]\nteh = \"the\"\n");
            let pack = parse(Path::new("p.toml"), &text).expect("loads");
            {
                let rules: Vec<&'static dyn Rule> = pack.rules.iter().map(|&r| r as &'static dyn Rule).collect();
                let linter = crate::linter::Linter::with_rules(rules);
                let page = crate::source::SourceFile::from_text("p.md".into(), "# T\n\nRead teh page.\n".into(), false);
                let findings = crate::linter::lint_source(&page, &linter).diagnostics;
                assert_eq!(findings.len(), 1);
                assert_eq!(findings[0].diagnostic.rule.code, "XX1");
            }
            // SAFETY: the linter and its findings are gone.
            unsafe { pack.release() };
        }
    }

    #[test]
    fn an_unknown_group_is_a_located_error() {
        let text = "[pack]\nname = \"t\"\nprefix = \"XX\"\ngroup = \"jobs\"\n";
        assert_eq!(err(text), "p.toml:4:9: pack group 'jobs' must be 'prose', 'job-family' or 'inclusive'");
    }

    /// The header's `group`, not the rule code, makes a pack's rules job-family rules.
    #[test]
    fn a_job_family_pack_reads_job_family_pages_only() {
        let pack = |prefix: &str, group: &str| {
            let text = format!(
                "[pack]\nname = \"t\"\nprefix = \"{prefix}\"\n{group}\n[[rule]]\ncode = \"{prefix}1\"\nname = \"x\"\n\
                 kind = \"existence\"\nseverity = \"warning\"\nscope = \"text\"\ntokens = [\"widget\"]\nmessage = \"m\"\n"
            );
            let rule: &'static dyn Rule = parse(Path::new("p.toml"), &text).expect("pack loads").rules[0];
            rule
        };
        let job_family = pack("TJ", "group = \"job-family\"");
        let prose = pack("JF9", "");
        assert_eq!(job_family.meta().group, Group::JobFamily);
        assert_eq!(prose.meta().group, Group::Prose);
        let findings = |rule: &'static dyn Rule, text: &str| {
            let source = crate::source::SourceFile::from_text("page.md".into(), text.into(), false);
            let page = Page::build(&source);
            assert_eq!(page.job.is_some(), text.starts_with("---"), "premise: which page is a job-family page");
            crate::linter::lint_source(&source, &crate::linter::Linter::with_rules(vec![rule])).diagnostics.len()
        };
        let job_page =
            "---\nlayout: job_family_page\ntitle: Widget Engineer\n---\n\n## Widget Engineer\n\nBuild a widget.\n";
        let plain_page = "# Notes\n\nBuild a widget.\n";
        assert_eq!(findings(job_family, job_page), 2, "the heading and the paragraph");
        assert_eq!(findings(job_family, plain_page), 0);
        assert_eq!(findings(prose, job_page), 2);
        assert_eq!(findings(prose, plain_page), 1);
    }

    #[test]
    fn shipped_packs_load() {
        assert!(shipped_rules().len() >= 5);
    }
}
