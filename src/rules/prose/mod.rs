//! Rules over the prose of any page.

pub mod slash_typo;
