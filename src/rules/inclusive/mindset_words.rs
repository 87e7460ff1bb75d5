//! Fixed-mindset and growth-mindset words: a short list, documented word by word, kept small
//! because precision matters more than recall.
//!
//! The idea is Carol Dweck's (Mueller & Dweck 1998, "Praise for intelligence can undermine
//! children's motivation and performance", *Journal of Personality and Social Psychology* 75(1);
//! Dweck 2006, *Mindset: The New Psychology of Success*): language that treats ability as innate
//! and fixed ("gifted", "a genius", "talented") against language that treats it as grown through
//! effort and learning. Textio applied it to job posts (its blog post "Growth mindset language",
//! linked by the GitLab handbook's own inclusiveness check), and the handbook's CI job failed a
//! job-family page that used more fixed-coded than growth-coded words (its documented example:
//! "Fixed coded words used: established"), with the `linter` Ruby gem (lienvdsteen/linter,
//! `Linter::MindsetAssociation`: stems matched at the start of a word, ignoring case; fixed-coded
//! when the fixed words outnumber the growth words). That gem's word list file is not public
//! outside the gem, so this list is hblint's own; where each word comes from:
//!
//! | entry | matches | where it comes from |
//! |---|---|---|
//! | `brilliant` | brilliant, brilliance | Leslie, Cimpian et al. 2015 (*Science* 347: fields that prize "brilliance" hire fewer women); Textio's fixed list |
//! | `genius` | genius, geniuses | same as "brilliant"; Textio's fixed list |
//! | `gifted` | the word only | Dweck 2006 (the "gifted" label); Textio's fixed list |
//! | `innate` | innate, innately | Dweck's definition of the fixed mindset: ability as innate |
//! | `talented` | the word only | Mueller & Dweck 1998 (praise for talent); "talent" alone is left out: "talent acquisition" is a team |
//! | `exceptional` | exceptional, exceptionally | Textio's fixed list |
//! | `proven` | the word only | Textio's fixed list ("proven track record") |
//! | `learn` | learn, learning, learner | Dweck 2006 (love of learning); Textio's growth list |
//! | `grow` | grow, growing, growth | Dweck 2006; Textio's growth list |
//! | `improv` | improve, improvement, improving | Dweck 2006 (abilities improve with effort); Textio's growth list |
//! | `evolv` | evolve, evolving | Textio's growth list ("evolving") |
//! | `curious`, `curiosity` | the words only | Textio's growth list ("curious") |
//! | `adapt` | adapt, adaptable, adaptability | Dweck 2006 (adapting after setbacks) |
//!
//! "Textio's list" means the words Textio's public posts on fixed and growth mindset language in
//! job posts name as examples ("brilliant", "genius", "gifted", "exceptional", "proven" against
//! "learn", "grow", "improve", "curious", "evolving"); the posts give examples, not a closed list.
//!
//! Left out on purpose, with the job-family corpus as evidence: "established" (the handbook's
//! example; all 21 uses in the corpus describe processes, "established SLAs", not people),
//! "natural" ("natural language processing", "a natural next step" outnumber "a natural problem
//! solver"), "develop" ("developer", "Business Development"), "talent" (a team's name), "smart"
//! and "intelligent" ("business intelligence").

/// How an entry matches a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// Every word that starts with it.
    Stem(&'static str),
    /// This word only.
    Word(&'static str),
}

/// Words that treat ability as innate: fixed-mindset-coded.
pub const FIXED_MINDSET: &[Entry] = &[
    Entry::Stem("brilliant"),
    Entry::Stem("genius"),
    Entry::Word("gifted"),
    Entry::Stem("innate"),
    Entry::Word("talented"),
    Entry::Stem("exceptional"),
    Entry::Word("proven"),
];

/// Words that treat ability as grown: growth-mindset-coded.
pub const GROWTH_MINDSET: &[Entry] = &[
    Entry::Stem("learn"),
    Entry::Stem("grow"),
    Entry::Stem("improv"),
    Entry::Stem("evolv"),
    Entry::Word("curious"),
    Entry::Word("curiosity"),
    Entry::Stem("adapt"),
];
