//! PR001 slash-typo.

use crate::page::Page;
use crate::rules::{Group, Rule, RuleMeta, Severity, Sink};
use crate::source::Span;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

pub static META: RuleMeta = RuleMeta {
    code: "PR001",
    name: "slash-typo",
    group: Group::Prose,
    summary: "a slash pair that cannot be right: an agent noun where a verb belongs, or a doubled determiner",
    docs: r#"## What it does
Checks word pairs joined by a slash ("read/write") in prose for two classes of typo:

* **An agent noun where a verb belongs.** After "to" governed by a word such as "ability", "able"
  or "how", after a modal ("can", "will", "must"), or next to an unmistakable verb ("-ize",
  "-ify"), both sides of the slash must be verbs. A side that is an agent noun whose stem is a
  verb ("manager" from "manage", "reviewer" from "review", "planner" from "plan") is a typo for
  that verb.
* **The same determiner on both sides** ("their/their job title", a leftover of "his/her").
  Content words may rightly repeat ("win/win", "has/has not", "customer/customer success").

Real pairs are never reported: "and/or", "CI/CD", "read/write", "manager/director" (two nouns),
"Docs/Sheets", "TCP/IP", dates, URLs, paths and code spans. The verb lexicon ships in
`rules/lexicon/verbs.txt`.

## Why is this bad?
"Ability to manager/prioritize multiple projects" reads as a noun where the sentence needs a verb;
spell checkers accept it because every word is spelled right.

## Example
```markdown
* Ability to manager/prioritize multiple projects.
```

## Use instead
```markdown
* Ability to manage/prioritize multiple projects.
```
"#,
    severity: Severity::Warning,
    fix: false,
    params: &[],
};

/// Impossible slash pairs in prose.
pub struct SlashTypo;

static VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../../rules/lexicon/verbs.txt").lines().map(str::trim).filter(|l| !l.is_empty()).collect()
});

/// Chains of words joined by slashes: "read/write", "a/b/c".
static CHAIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z][A-Za-z'’-]*(?:\s?/\s?[A-Za-z][A-Za-z'’-]*)+").expect("valid"));

/// What stands right before a pair where both sides must be verbs: a governed "to" or a modal,
/// optionally with an adverb in between.
static VERB_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?:
          \b(?:ability|abilities|able|unable|how|need|needs|needed|want|wants|expected|expectation|willing|ready
             |help|helps|helping|try|learn|strive|required|aim|aims|eager|empowered|equipped|motivated|tasked
             |asked|opportunity|order)\s+to
          | \b(?:can|cannot|will|must|should|could|would|may|might|shall)
        )
        \s+(?:[a-z]+ly\s+)?$",
    )
    .expect("valid")
});

impl Rule for SlashTypo {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, page: &Page<'_>, _params: &crate::rules::Params, out: &mut Sink<'_>) {
        for run in &page.prose {
            let text = page.slice(run.span);
            if memchr::memchr(b'/', text.as_bytes()).is_none() {
                continue;
            }
            for chain in CHAIN.find_iter(text) {
                if is_path_like(text, chain.start(), chain.end()) || is_path_chain(chain.as_str()) {
                    continue;
                }
                let parts = split_chain(chain.as_str(), chain.start());
                for pair in parts.windows(2) {
                    let ((a, a_at), (b, b_at)) = (pair[0], pair[1]);
                    let span = Span::new(run.span.start + a_at, run.span.start + b_at + b.len());
                    let shown = &text[a_at..b_at + b.len()];
                    let after = &text[b_at + b.len()..];
                    if let Some(message) = check_pair(a, b, &text[..a_at], after) {
                        let (message, help) = message.render(shown);
                        out.report(span, message).help(help);
                    }
                }
            }
        }
    }
}

/// A finding about one pair, before it is rendered against the text as written.
enum PairProblem {
    SameWord(String),
    AgentNoun { noun: String, verb: String, replaced: bool },
}

impl PairProblem {
    fn render(&self, shown: &str) -> (String, String) {
        match self {
            PairProblem::SameWord(word) => (
                format!("'{shown}': the same word '{word}' on both sides of the slash"),
                "remove the repeated word, or write the alternative that was meant".to_string(),
            ),
            PairProblem::AgentNoun { noun, verb, replaced } => {
                let fixed = if *replaced { replace_word(shown, noun, verb) } else { shown.to_string() };
                (
                    format!("'{shown}': '{noun}' is a noun here; did you mean '{fixed}'?"),
                    format!("both sides of the slash are actions; write the verb '{verb}'"),
                )
            }
        }
    }
}

fn replace_word(shown: &str, noun: &str, verb: &str) -> String {
    match shown.find(noun) {
        Some(at) => format!("{}{}{}", &shown[..at], verb, &shown[at + noun.len()..]),
        None => shown.to_string(),
    }
}

/// Splits "a / b/c" into words with their offsets (relative to the run).
fn split_chain(chain: &str, base: usize) -> Vec<(&str, usize)> {
    let mut parts = Vec::new();
    let mut offset = 0;
    for piece in chain.split('/') {
        let lead = piece.len() - piece.trim_start().len();
        let word = piece.trim();
        parts.push((word, base + offset + lead));
        offset += piece.len() + 1;
    }
    parts
}

/// Paths, URLs and file names: "docs/index.md", "/handbook/values", "gitlab.com/x".
fn is_path_like(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let after2 = text[end..].chars().nth(1);
    matches!(before, Some('/' | '.' | '~' | ':' | '@' | '\\' | '_' | '#'))
        || before.is_some_and(char::is_alphanumeric)
        || after == Some('/')
        || (after == Some('.') && after2.is_some_and(char::is_alphanumeric))
        || matches!(after, Some('_' | '@' | '\\'))
}

/// "and /handbook/values": a slash that opens a word after a space starts a path; three or more
/// words joined without spaces ("docs/manager/prioritize") are a path too.
fn is_path_chain(chain: &str) -> bool {
    let bytes = chain.as_bytes();
    let opens_path = bytes.windows(3).any(|w| w[0] == b' ' && w[1] == b'/' && w[2].is_ascii_alphabetic());
    opens_path || (chain.matches('/').count() >= 2 && !chain.contains(' '))
}

fn check_pair(a: &str, b: &str, before: &str, after: &str) -> Option<PairProblem> {
    let (la, lb) = (a.to_lowercase(), b.to_lowercase());
    if la.chars().count() < 2 || lb.chars().count() < 2 {
        return None;
    }
    // "Sales/Sales Operations": the second side is the start of a longer capitalized name.
    let continues_name = after.strip_prefix(' ').and_then(|rest| rest.chars().next()).is_some_and(char::is_uppercase);
    if la == lb && DOUBLED_FUNCTION_WORDS.contains(&la.as_str()) && !continues_name && !continues_possessive(after) {
        return Some(PairProblem::SameWord(a.to_string()));
    }
    let governed = VERB_CONTEXT.is_match(before);
    for (noun, other, noun_text) in [(&la, &lb, a), (&lb, &la, b)] {
        let Some(verb) = agent_noun_stem(noun) else { continue };
        if !is_plain_verb(other) {
            continue;
        }
        if governed || is_unmistakable_verb(other) {
            let verb = match_case(noun_text, &verb);
            return Some(PairProblem::AgentNoun { noun: noun_text.to_string(), verb, replaced: true });
        }
    }
    None
}

/// Words that can never stand on both sides of a slash. Content words can ("win/win",
/// "Yes/Yes" in a table, "customer/customer success", "has/has not"), so only determiners and
/// possessives are checked: "their/their job title" is a leftover of "his/her".
const DOUBLED_FUNCTION_WORDS: &[&str] =
    &["their", "his", "her", "its", "our", "my", "your", "the", "a", "an", "him", "them"];

/// "your / your team's workload": the second side is a possessive phrase, not a repeat.
fn continues_possessive(after: &str) -> bool {
    let next = after.trim_start().split(|c: char| c.is_whitespace()).next().unwrap_or("");
    next.ends_with("'s") || next.ends_with("’s")
}

/// A verb in base form that is not itself an agent noun.
fn is_plain_verb(word: &str) -> bool {
    VERBS.contains(word)
}

/// Verbs no reader takes for a noun.
fn is_unmistakable_verb(word: &str) -> bool {
    VERBS.contains(word) && (word.ends_with("ize") || word.ends_with("ify"))
}

/// The verb an agent noun derives from ("manager" → "manage", "planner" → "plan", "editor" →
/// "edit"), when the word is not a verb itself ("order", "monitor", "partner").
fn agent_noun_stem(word: &str) -> Option<String> {
    if word.len() < 5 || VERBS.contains(word) {
        return None;
    }
    let mut candidates: Vec<String> = Vec::new();
    if let Some(stem) = word.strip_suffix("ier") {
        candidates.push(format!("{stem}y"));
    }
    for suffix in ["er", "or"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            candidates.push(stem.to_string());
            candidates.push(format!("{stem}e"));
            let bytes = stem.as_bytes();
            if bytes.len() >= 2 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2] {
                candidates.push(stem[..stem.len() - 1].to_string());
            }
        }
    }
    candidates.into_iter().find(|c| c.len() >= 3 && VERBS.contains(c.as_str()))
}

/// Gives `word` the capitalization of `like` ("Manager" → "Manage").
fn match_case(like: &str, word: &str) -> String {
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = word.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_noun_stems() {
        assert_eq!(agent_noun_stem("manager").as_deref(), Some("manage"));
        assert_eq!(agent_noun_stem("reviewer").as_deref(), Some("review"));
        assert_eq!(agent_noun_stem("planner").as_deref(), Some("plan"));
        assert_eq!(agent_noun_stem("editor").as_deref(), Some("edit"));
        assert_eq!(agent_noun_stem("monitor"), None);
        assert_eq!(agent_noun_stem("order"), None);
        assert_eq!(agent_noun_stem("director").as_deref(), Some("direct"));
    }

    #[test]
    fn pairs() {
        assert!(check_pair("manager", "prioritize", "Ability to ", " multiple").is_some());
        assert!(check_pair("manager", "director", "Ability to ", "").is_none());
        assert!(check_pair("and", "or", "to ", "").is_none());
        assert!(check_pair("read", "write", "Ability to ", "").is_none());
        assert!(check_pair("their", "their", "", " job").is_some());
        assert!(check_pair("co-worker", "s", "with ", "").is_none());
        assert!(check_pair("manager", "lead", "reports to ", "").is_none());
        assert!(check_pair("Sales", "Sales", "in ", " Operations").is_none());
        assert!(check_pair("win", "win", "a ", " for").is_none());
        assert!(check_pair("has", "has", "who ", " not").is_none());
        assert!(check_pair("your", "your", "is ", " team's workload").is_none());
    }
}
