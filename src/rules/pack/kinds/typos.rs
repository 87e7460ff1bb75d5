//! typos-dict's misspellings (the list behind the typos spell checker), as `build.rs` writes
//! them: one string of sorted lines, `key\tcorrection\t…`, keys in Unicode case folding. Found
//! by binary search over the line starts, indexed on first use.

use std::sync::LazyLock;

static TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/typos.tsv"));

/// Where each line starts, and its key's end.
static LINES: LazyLock<Vec<(u32, u32)>> = LazyLock::new(|| {
    let mut lines = Vec::with_capacity(100_000);
    let mut start = 0;
    for line in TEXT.split_terminator('\n') {
        let key_end = start + line.find('\t').unwrap_or(line.len());
        lines.push((start as u32, key_end as u32));
        start += line.len() + 1;
    }
    lines
});

/// The corrections of a misspelled word, compared without case as typos-dict compares.
pub fn find(word: &str) -> Option<Corrections> {
    let folded;
    let key = if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            folded = word.to_ascii_lowercase();
            folded.as_str()
        } else {
            word
        }
    } else {
        folded = unicase::UniCase::unicode(word).to_folded_case();
        folded.as_str()
    };
    let lines = &*LINES;
    let key_of = |&(start, key_end): &(u32, u32)| &TEXT[start as usize..key_end as usize];
    let i = lines.binary_search_by(|line| key_of(line).cmp(key)).ok()?;
    let line_end = lines.get(i + 1).map_or(TEXT.len(), |&(next, _)| next as usize - 1);
    Some(Corrections(&TEXT[lines[i].1 as usize..line_end]))
}

/// Every key, folded.
pub fn keys() -> impl Iterator<Item = &'static str> {
    LINES.iter().map(|&(start, key_end)| &TEXT[start as usize..key_end as usize])
}

/// A misspelling's corrections (`\tone\ttwo`).
#[derive(Clone, Copy)]
pub struct Corrections(&'static str);

impl Corrections {
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        self.0.split('\t').skip(1)
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_misspellings_without_regard_to_case() {
        assert_eq!(super::find("recieve").map(|c| c.iter().collect::<Vec<_>>()), Some(vec!["receive"]));
        assert_eq!(super::find("Recieve").map(|c| c.iter().collect::<Vec<_>>()), Some(vec!["receive"]));
        assert!(super::find("receive").is_none());
        assert!(super::find("adreß").is_some(), "Unicode folding, as typos-dict: ß is ss");
        assert!(super::keys().count() > 90_000);
    }
}
