//! A rule's fixed facts, kept beside its code: what `hblint rules` lists, `hblint explain`
//! prints and every report names, and the parameters it reads. Below the diagnostics in the
//! pipeline: it imports only the severity.

use crate::diagnostic::severity::Severity;

/// The family a rule belongs to; also the code prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Page-level checks every Markdown file gets (front matter).
    Page,
    /// markdownlint's rules, with its IDs, names and parameters; off unless selected or enabled
    /// by a markdownlint configuration.
    Markdown,
    JobFamily,
    Prose,
    /// Inclusive language (gender-coded words, pronouns, misused terms, fixed mindset): on for
    /// job-family pages by default, on any page where a rule's `pages` parameter says so; a page
    /// on the handbook's skip list (`data/inclusiveness_check.yml`) gets none of them.
    Inclusive,
    /// Career ladders across the handbook: a job family compared with the other families and
    /// with the handbook's list of job families (`data/people_group/job_families.yml`).
    Ladder,
    /// Links checked against the handbook as its site generator builds it: routes, anchor ids,
    /// redirects (`crate::site`). Pages outside a recognised site layout get none of them.
    Links,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Page => "page",
            Group::Markdown => "markdown",
            Group::JobFamily => "job-family",
            Group::Prose => "prose",
            Group::Inclusive => "inclusive",
            Group::Ladder => "ladder",
            Group::Links => "links",
        }
    }
}

/// A rule's fixed facts, kept beside its code.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, never reused: `FM`, `JF`, `PR`, `IL` prefixes.
    pub code: &'static str,
    /// Kebab-case name of the problem.
    pub name: &'static str,
    pub group: Group,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Markdown: what it does, why it is bad, an example and what to write instead.
    pub docs: &'static str,
    pub severity: Severity,
    /// Whether the rule offers safe fixes (`hblint check --fix`).
    pub fix: bool,
    /// The parameters the rule reads, by markdownlint's names (most rules have none).
    pub params: &'static [Param],
}

impl RuleMeta {
    /// What `hblint explain` prints: the heading, the summary, the group and severity, the docs,
    /// then the parameters when the rule has any.
    /// `on_by_default` says whether the rule runs when nothing selects it.
    pub fn explain(&self, on_by_default: bool) -> String {
        let fix = if self.fix { " Fixable with --fix." } else { "" };
        let default = if on_by_default {
            format!("Default severity: {}.", self.severity.as_str())
        } else {
            format!("Off unless selected; then reports at severity {}.", self.severity.as_str())
        };
        let mut text = format!(
            "# {} ({})\n\n{}\n\nGroup: {}. {default}{fix}\n\n{}",
            self.name,
            self.code,
            self.summary,
            self.group.as_str(),
            self.docs
        );
        if !self.params.is_empty() {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str("\n## Parameters\n");
            for param in self.params {
                let zero = match param.kind {
                    ParamKind::Integer { zero_is_default: true, .. } => "; 0 means the default",
                    _ => "",
                };
                let (name, kind, default, doc) = (param.name, param.kind, param.default, param.doc);
                text.push_str(&format!("- `{name}` ({kind}, default {default}{zero}): {doc}\n"));
            }
        }
        text
    }

    /// The parameter named `name`, if the rule declares it.
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// The largest width or count of spaces or blank lines a parameter may ask for. Fixes write that
/// many characters per finding, and a page's `markdownlint-configure-file` comment can set
/// parameters: `{"MD007": {"indent": 1e18}}` must not make hblint allocate without end.
pub const MAX_WIDTH: u64 = 1_000;

/// A rule parameter, declared as a `const` beside the rule's metadata: the rule reads its value
/// through the const (`params.int(&LINE_LENGTH)`), so a misspelled name does not compile, and
/// `hblint explain` and `hblint.toml` know every parameter, its kind and its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// markdownlint's name (`line_length`, `br_spaces`).
    pub name: &'static str,
    pub kind: ParamKind,
    pub default: ParamDefault,
    /// One line: what it sets.
    pub doc: &'static str,
}

/// The values a parameter takes, and how markdownlint's loose configuration values are read
/// into it (see `rules::params`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A whole number, 0 or more. From a markdownlint configuration any number is read: a
    /// fraction is floored, a negative number is 0, anything else is the default.
    Integer {
        /// markdownlint reads it as `Number(value || default)`: 0 means the default too.
        zero_is_default: bool,
        /// Values above are read as this (widths a fix writes out: [`MAX_WIDTH`]).
        max: Option<u64>,
    },
    /// `true` or `false`; from a markdownlint configuration any other value is read as
    /// JavaScript's `!!value` does (`0`, `""` and `null` are false, anything else true).
    Boolean,
    /// Any string; anything else is the default.
    String,
    /// One of fixed strings (checked in `hblint.toml`; markdownlint passes any string on).
    Choice(&'static [&'static str]),
    /// A list of strings; a value that is not a list is the default.
    Strings {
        /// Whether items that are not strings are kept as their JSON text (else dropped).
        keep_non_strings: bool,
    },
    /// A regular expression, compiled once per configuration.
    Pattern {
        /// Whether it matches ignoring case (compiled with `(?i)`).
        case_insensitive: bool,
    },
    /// A length limit (MD013's `line_length`): a whole number; 0 or a negative number means no
    /// limit (markdownlint checks a limit only when it is above 0). A fraction is floored, a
    /// string read as JavaScript's `Number` does, `null` is the default.
    Limit,
    /// A count per heading level (MD022's `lines_above`): one integer for every level, or a list
    /// whose items are levels 1 to 6 in order (missing levels take the default). A negative
    /// number means any count is fine; anything else (a string, a fraction's remainder) is read
    /// as markdownlint's `Number` would, else as the default.
    PerHeadingLevel,
}

/// A parameter's value when the configuration gives none (or one markdownlint cannot read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamDefault {
    Integer(u64),
    Boolean(bool),
    Text(&'static str),
    Strings(&'static [&'static str]),
    /// No value: the rule does without it.
    Unset,
    /// The value of another parameter of the same rule, declared before this one.
    SameAs(&'static str),
}

impl Param {
    /// A count or length.
    pub const fn integer(name: &'static str, default: u64, doc: &'static str) -> Param {
        let kind = ParamKind::Integer { zero_is_default: false, max: None };
        Param { name, kind, default: ParamDefault::Integer(default), doc }
    }

    /// A width or count of characters or lines that a fix may write, capped at [`MAX_WIDTH`].
    pub const fn width(name: &'static str, default: u64, doc: &'static str) -> Param {
        let kind = ParamKind::Integer { zero_is_default: false, max: Some(MAX_WIDTH) };
        Param { name, kind, default: ParamDefault::Integer(default), doc }
    }

    pub const fn boolean(name: &'static str, default: bool, doc: &'static str) -> Param {
        Param { name, kind: ParamKind::Boolean, default: ParamDefault::Boolean(default), doc }
    }

    pub const fn string(name: &'static str, default: &'static str, doc: &'static str) -> Param {
        Param { name, kind: ParamKind::String, default: ParamDefault::Text(default), doc }
    }

    pub const fn choice(
        name: &'static str,
        choices: &'static [&'static str],
        default: &'static str,
        doc: &'static str,
    ) -> Param {
        Param { name, kind: ParamKind::Choice(choices), default: ParamDefault::Text(default), doc }
    }

    /// A list of strings; items that are not strings are dropped.
    pub const fn strings(name: &'static str, default: &'static [&'static str], doc: &'static str) -> Param {
        let kind = ParamKind::Strings { keep_non_strings: false };
        Param { name, kind, default: ParamDefault::Strings(default), doc }
    }

    /// A length limit: 0 or a negative number means no limit.
    pub const fn limit(name: &'static str, default: u64, doc: &'static str) -> Param {
        Param { name, kind: ParamKind::Limit, default: ParamDefault::Integer(default), doc }
    }

    /// A count for each heading level, given as one integer or a list; negative means any.
    pub const fn per_heading_level(name: &'static str, default: u64, doc: &'static str) -> Param {
        Param { name, kind: ParamKind::PerHeadingLevel, default: ParamDefault::Integer(default), doc }
    }

    /// A case-sensitive regular expression.
    pub const fn pattern(name: &'static str, default: &'static str, doc: &'static str) -> Param {
        let kind = ParamKind::Pattern { case_insensitive: false };
        Param { name, kind, default: ParamDefault::Text(default), doc }
    }

    /// An integer that markdownlint reads as `Number(value || default)`: 0 means the default.
    pub const fn zero_means_default(self) -> Param {
        match self.kind {
            ParamKind::Integer { max, .. } => Param { kind: ParamKind::Integer { zero_is_default: true, max }, ..self },
            _ => self,
        }
    }

    /// Defaults to the value of `other`, a parameter declared before this one.
    pub const fn defaults_to(self, other: &'static str) -> Param {
        Param { default: ParamDefault::SameAs(other), ..self }
    }

    /// Has no value unless configured.
    pub const fn unset_by_default(self) -> Param {
        Param { default: ParamDefault::Unset, ..self }
    }

    /// A list whose items that are not strings are kept as their JSON text.
    pub const fn keeping_non_strings(self) -> Param {
        match self.kind {
            ParamKind::Strings { .. } => Param { kind: ParamKind::Strings { keep_non_strings: true }, ..self },
            _ => self,
        }
    }

    /// A pattern that matches ignoring case.
    pub const fn case_insensitive(self) -> Param {
        match self.kind {
            ParamKind::Pattern { .. } => Param { kind: ParamKind::Pattern { case_insensitive: true }, ..self },
            _ => self,
        }
    }
}

impl std::fmt::Display for ParamKind {
    /// The kind as `hblint explain` and `hblint.toml` errors name it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamKind::Integer { max: None, .. } => f.write_str("integer"),
            ParamKind::Integer { max: Some(max), .. } => write!(f, "integer up to {max}"),
            ParamKind::Boolean => f.write_str("boolean"),
            ParamKind::String => f.write_str("string"),
            ParamKind::Choice(choices) => write!(f, "one of {}", choices.join(", ")),
            ParamKind::Strings { .. } => f.write_str("list of strings"),
            ParamKind::Pattern { case_insensitive: false } => f.write_str("regular expression"),
            ParamKind::Pattern { case_insensitive: true } => f.write_str("regular expression, ignoring case"),
            ParamKind::Limit => f.write_str("integer, 0 or below for no limit"),
            ParamKind::PerHeadingLevel => {
                f.write_str("integer or list of integers for heading levels 1 to 6, -1 for any number")
            }
        }
    }
}

impl std::fmt::Display for ParamDefault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamDefault::Integer(n) => write!(f, "{n}"),
            ParamDefault::Boolean(b) => write!(f, "{b}"),
            ParamDefault::Text("") => f.write_str("\"\""),
            ParamDefault::Text(text) => write!(f, "`{text}`"),
            ParamDefault::Strings(items) => {
                let quoted: Vec<String> = items.iter().map(|item| format!("\"{item}\"")).collect();
                write!(f, "[{}]", quoted.join(", "))
            }
            ParamDefault::Unset => f.write_str("none"),
            ParamDefault::SameAs(other) => write!(f, "the value of `{other}`"),
        }
    }
}
