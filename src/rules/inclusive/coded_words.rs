//! The gender-coded word stems of Gaucher, Friesen & Kay (2011), as the public gender-decoder
//! tool publishes them.
//!
//! Source of the research: Gaucher, D., Friesen, J., & Kay, A. C. (2011). Evidence that gendered
//! wording in job advertisements exists and sustains gender inequality. *Journal of Personality
//! and Social Psychology*, 101(1), 109–128. The paper's appendix lists agentic (masculine-coded)
//! and communal (feminine-coded) words as stems: a stem codes every word it begins ("analy"
//! codes "analyst", "analytical", "analysis").
//!
//! Source of the lists: the `genderdecoder` package 0.3 on PyPI (Kat Matfield's gender-decoder,
//! `genderdecoder/wordlists.py`), copied here entry for entry and in its order, including its
//! near-duplicates ("domina" and "dominant", "interpersonal" and "interpersona") and its typo
//! "implusive". hblint counts a word once however many stems of one list begin it, where
//! gender-decoder counts it once per stem (see IL001's docs).
//!
//! How gender-decoder reads a text (`genderdecoder/assess.py`), which the rules follow: it
//! replaces non-ASCII characters by spaces, splits on whitespace after deleting `.,:;()`, and
//! counts a word when it *starts with* a stem, comparing case-sensitively: "Lead" at the start of
//! a sentence is not counted. Hyphenated words are one word: "self-confident" matches
//! "self-confiden", "team-leader" does not match "lead". The verdict is masculine-coded when
//! masculine-coded words outnumber feminine-coded ones.

/// Agentic words: masculine-coded.
pub const MASCULINE_CODED: &[&str] = &[
    "active",
    "adventurous",
    "aggress",
    "ambitio",
    "analy",
    "assert",
    "athlet",
    "autonom",
    "battle",
    "boast",
    "challeng",
    "champion",
    "compet",
    "confident",
    "courag",
    "decid",
    "decision",
    "decisive",
    "defend",
    "determin",
    "domina",
    "dominant",
    "driven",
    "fearless",
    "fight",
    "force",
    "greedy",
    "head-strong",
    "headstrong",
    "hierarch",
    "hostil",
    "implusive",
    "independen",
    "individual",
    "intellect",
    "lead",
    "logic",
    "objective",
    "opinion",
    "outspoken",
    "persist",
    "principle",
    "reckless",
    "self-confiden",
    "self-relian",
    "self-sufficien",
    "selfconfiden",
    "selfrelian",
    "selfsufficien",
    "stubborn",
    "superior",
    "unreasonab",
];

/// Communal words: feminine-coded.
pub const FEMININE_CODED: &[&str] = &[
    "agree",
    "affectionate",
    "child",
    "cheer",
    "collab",
    "commit",
    "communal",
    "compassion",
    "connect",
    "considerate",
    "cooperat",
    "co-operat",
    "depend",
    "emotiona",
    "empath",
    "feel",
    "flatterable",
    "gentle",
    "honest",
    "interpersonal",
    "interdependen",
    "interpersona",
    "inter-personal",
    "inter-dependen",
    "inter-persona",
    "kind",
    "kinship",
    "loyal",
    "modesty",
    "nag",
    "nurtur",
    "pleasant",
    "polite",
    "quiet",
    "respon",
    "sensitiv",
    "submissive",
    "support",
    "sympath",
    "tender",
    "together",
    "trust",
    "understand",
    "warm",
    "whin",
    "enthusias",
    "inclusive",
    "yield",
    "shar",
];
