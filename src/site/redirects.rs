//! The handbook's redirects (`data/redirects.yml`), as the web server applies them: `=` matches
//! the path exactly, `^~` a prefix, `~` a regular expression anywhere in the path (nginx's
//! `location` operators, which the file's `comp_op` names). A leaf apart from `regex`.

use regex::{Regex, RegexSet};
use rustc_hash::FxHashMap;

/// How a redirect's sources match a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// `=`: the path itself.
    Exact,
    /// `^~`: every path starting with the source.
    Prefix,
    /// `~`: every path the source, a regular expression, matches.
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
    patterns: Option<RegexSet>,
    pattern_entries: Vec<usize>,
}

impl Redirects {
    /// Indexes `entries`. A `~` source that is not a regular expression the `regex` crate reads
    /// (nginx's PCRE has a few forms it lacks) is matched as a literal instead.
    pub fn new(entries: Vec<Redirect>) -> Redirects {
        let mut exact = FxHashMap::default();
        let mut prefixes = Vec::new();
        let mut patterns = Vec::new();
        let mut pattern_entries = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            for source in &entry.sources {
                match entry.how {
                    Match::Exact => {
                        exact.entry(source.clone()).or_insert(i);
                    }
                    Match::Prefix => prefixes.push((source.clone(), i)),
                    Match::Regex => {
                        let pattern = if Regex::new(source).is_ok() { source.clone() } else { regex::escape(source) };
                        patterns.push(pattern);
                        pattern_entries.push(i);
                    }
                }
            }
        }
        // Longest prefix first: nginx picks the longest matching prefix location.
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        let patterns = RegexSet::new(&patterns).ok();
        Redirects { entries, exact, prefixes, patterns, pattern_entries }
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
        let set = self.patterns.as_ref()?;
        let first = set.matches(path).iter().next()?;
        Some(&self.entries[self.pattern_entries[first]])
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
    }

    #[test]
    fn a_pattern_the_regex_crate_rejects_is_a_literal() {
        let redirects = Redirects::new(vec![redirect(&["/x(?<=y)/"], "/z/", Match::Regex)]);
        assert_eq!(redirects.find("/x(?<=y)/").unwrap().target, "/z/");
    }
}
