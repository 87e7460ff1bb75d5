//! The handbook's redirects (`data/redirects.yml`), as the site serves them: `=` matches the
//! path exactly, `^~` a prefix, `~` a regular expression matched from the start of the path
//! (the operators of nginx's `location`, which the file's `comp_op` names). A `~` source is
//! read as anchored because the file is written so: `~ /2015/` → `/blog/2015/` would loop if it
//! matched anywhere, and `~ /product/` → `/stages-devops-lifecycle/` would take the live
//! `/handbook/product/…` pages with it. A leaf apart from `regex`.

use regex::{Regex, RegexSet};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// How a redirect's sources match a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// `=`: the path itself.
    Exact,
    /// `^~`: every path starting with the source.
    Prefix,
    /// `~`: every path the source, a regular expression, matches from its start.
    Regex,
}

/// One entry of the file.
#[derive(Debug, Clone)]
pub struct Redirect {
    pub sources: Vec<String>,
    pub target: String,
    pub how: Match,
    /// The entry's line in the file (1-based).
    pub line: usize,
}

/// Every redirect, indexed for lookups by path.
#[derive(Debug, Default)]
pub struct Redirects {
    entries: Vec<Redirect>,
    exact: FxHashMap<String, usize>,
    prefixes: Vec<(String, usize)>,
    /// `~` sources with no regular-expression syntax (all of the handbook's): matched as
    /// prefixes, in the file's order, with no regex to compile.
    literals: Vec<(String, usize)>,
    /// The other `~` sources, compiled on first use: a run that never misses a page never pays.
    patterns: Vec<(String, usize)>,
    compiled: OnceLock<Option<RegexSet>>,
}

impl Redirects {
    /// Indexes `entries`.
    pub fn new(entries: Vec<Redirect>) -> Redirects {
        let mut exact = FxHashMap::default();
        let mut prefixes = Vec::new();
        let mut literals = Vec::new();
        let mut patterns = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            for source in &entry.sources {
                match entry.how {
                    Match::Exact => {
                        exact.entry(source.clone()).or_insert(i);
                    }
                    Match::Prefix => prefixes.push((source.clone(), i)),
                    Match::Regex if regex::escape(source) == *source => literals.push((source.clone(), i)),
                    Match::Regex => patterns.push((source.clone(), i)),
                }
            }
        }
        // Longest prefix first: nginx picks the longest matching prefix location.
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        Redirects { entries, exact, prefixes, literals, patterns, compiled: OnceLock::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The redirect a request for `path` gets, as nginx chooses: an exact match, then the
    /// longest prefix, then the first regular expression in the file's order. `path` is also
    /// tried with a trailing `/` added or removed, as the handbook's links are written both ways.
    pub fn find(&self, path: &str) -> Option<&Redirect> {
        let other = match path.strip_suffix('/') {
            Some(bare) if !bare.is_empty() => bare.to_string(),
            Some(_) => path.to_string(),
            None => format!("{path}/"),
        };
        for candidate in [path, other.as_str()] {
            if let Some(&i) = self.exact.get(candidate) {
                return Some(&self.entries[i]);
            }
        }
        if let Some((_, i)) = self.prefixes.iter().find(|(source, _)| path.starts_with(source.as_str())) {
            return Some(&self.entries[*i]);
        }
        // The first `~` entry in the file's order that matches, literal or pattern.
        let literal = self.literals.iter().find(|(source, _)| path.starts_with(source.as_str())).map(|(_, i)| *i);
        let pattern = self.pattern_match(path);
        let first = match (literal, pattern) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        Some(&self.entries[first])
    }

    /// The redirect that moves `path` elsewhere: as [`Redirects::find`], but not one whose
    /// target is `path` itself with or without its trailing `/` (`= /x` → `/x/` is the server
    /// completing the URL, and `find` tries both forms of `path`): `/x/` is not redirected.
    pub fn moved(&self, path: &str) -> Option<&Redirect> {
        self.find(path).filter(|r| r.target.trim_end_matches('/') != path.trim_end_matches('/'))
    }

    /// The entry of the first `~` pattern (not a literal) matching `path`. A pattern the `regex`
    /// crate cannot read (nginx's PCRE has a few forms it lacks) is matched as a literal.
    fn pattern_match(&self, path: &str) -> Option<usize> {
        if self.patterns.is_empty() {
            return None;
        }
        let set = self.compiled.get_or_init(|| {
            let sources = self.patterns.iter().map(|(source, _)| {
                let source = if Regex::new(source).is_ok() { source.clone() } else { regex::escape(source) };
                format!("^(?:{source})")
            });
            RegexSet::new(sources).ok()
        });
        let first = set.as_ref()?.matches(path).iter().next()?;
        Some(self.patterns[first].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirect(sources: &[&str], target: &str, how: Match) -> Redirect {
        Redirect { sources: sources.iter().map(|s| s.to_string()).collect(), target: target.into(), how, line: 1 }
    }

    #[test]
    fn nginx_order_exact_then_longest_prefix_then_regex() {
        let redirects = Redirects::new(vec![
            redirect(&["/handbook/business-ops/"], "/handbook/business-technology/", Match::Regex),
            redirect(&["/team/"], "/company/team/", Match::Prefix),
            redirect(&["/team/chart"], "https://example.com/org", Match::Prefix),
            redirect(&["/a/", "/b"], "/c/", Match::Exact),
        ]);
        assert_eq!(redirects.find("/a/").unwrap().target, "/c/");
        assert_eq!(redirects.find("/a").unwrap().target, "/c/", "a missing trailing slash still matches");
        assert_eq!(redirects.find("/b/").unwrap().target, "/c/");
        assert_eq!(redirects.find("/team/chart/x").unwrap().target, "https://example.com/org");
        assert_eq!(redirects.find("/team/x/").unwrap().target, "/company/team/");
        assert_eq!(redirects.find("/handbook/business-ops/x/").unwrap().target, "/handbook/business-technology/");
        assert!(redirects.find("/handbook/").is_none());
        assert!(redirects.find("/x/handbook/business-ops/").is_none(), "a pattern matches from the path's start");
    }

    #[test]
    fn a_redirect_to_the_path_itself_moves_nothing() {
        let redirects = Redirects::new(vec![redirect(&["/blog/x", "/old/x/"], "/blog/x/", Match::Exact)]);
        assert!(redirects.moved("/blog/x/").is_none(), "the link already has the target's form");
        assert!(redirects.moved("/blog/x").is_none());
        assert_eq!(redirects.moved("/old/x/").unwrap().target, "/blog/x/");
    }

    #[test]
    fn a_pattern_the_regex_crate_rejects_is_a_literal() {
        let redirects = Redirects::new(vec![
            redirect(&["/x(?<=y)/"], "/z/", Match::Regex),
            redirect(&["/blog-(old|new)/"], "/blog/", Match::Regex),
        ]);
        assert_eq!(redirects.find("/x(?<=y)/").unwrap().target, "/z/");
        assert_eq!(redirects.find("/blog-new/a/").unwrap().target, "/blog/");
        assert!(redirects.find("/a/blog-new/").is_none());
    }
}
