//! The words a document itself uses, as evidence for undoing hyphenation: a word broken
//! at a line end is rejoined the way the text writes it elsewhere.

use std::collections::BTreeSet;

#[derive(Debug, Default)]
pub struct Vocabulary(BTreeSet<String>);

impl Vocabulary {
    /// Every word and hyphenated compound of the texts, in lower case.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut words = BTreeSet::new();
        for text in texts {
            for token in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
                let token = token.trim_matches('-');
                if token.is_empty() || token.ends_with('-') {
                    continue;
                }
                words.insert(token.to_lowercase());
                for part in token.split('-') {
                    if !part.is_empty() {
                        words.insert(part.to_lowercase());
                    }
                }
            }
        }
        Vocabulary(words)
    }

    pub fn has(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_compounds() {
        let v = Vocabulary::of(["A well-received plan; infor-", "mation"]);
        assert!(v.has("well-received"));
        assert!(v.has("received"));
        assert!(v.has("plan"));
        assert!(!v.has("infor-"));
    }
}
