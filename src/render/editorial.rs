//! The translator's editorial interventions: bracketed text such as `[sic]`, `[...]`,
//! `[[illegible signature]]`, `[handwritten: …]`, `[faded stamp: …]`, `[Translator's note: …]`
//! and insertions like `[me]`. The Markdown keeps them verbatim; here they are found and
//! classified so the theme can style each kind, with the brackets themselves kept.

use serde::Serialize;

/// What kind of intervention a bracket is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// `[sic]`, `[sic; November]`: so written in the original.
    Sic,
    /// `[...]`: a passage left out.
    Omission,
    /// `[[illegible signature]]`, `[illegible initials]`.
    Illegible,
    /// `[handwritten: …]`.
    Handwritten,
    /// `[faded stamp: …]`, `[faded image of a stamp: …]`.
    Stamp,
    /// `[signature]`.
    Signature,
    /// `[Translator's note: …]`.
    Note,
    /// `[[N. P. Varnov?]]`: a doubtful reading.
    Uncertain,
    /// `[me]`, `[them]`, `[mashinostroyeniye]`: words supplied or glossed by the translator.
    Insertion,
}

impl Mark {
    /// The CSS class suffix and the legend's key.
    pub fn name(self) -> &'static str {
        match self {
            Mark::Sic => "sic",
            Mark::Omission => "omission",
            Mark::Illegible => "illegible",
            Mark::Handwritten => "handwritten",
            Mark::Stamp => "stamp",
            Mark::Signature => "signature",
            Mark::Note => "note",
            Mark::Uncertain => "uncertain",
            Mark::Insertion => "insertion",
        }
    }

    /// What the mark means, for the legend and the tooltip.
    pub fn meaning(self) -> &'static str {
        match self {
            Mark::Sic => "so written in the original",
            Mark::Omission => "passage omitted",
            Mark::Illegible => "illegible in the original",
            Mark::Handwritten => "handwritten in the original",
            Mark::Stamp => "stamp on the original",
            Mark::Signature => "signature on the original",
            Mark::Note => "note by the translator",
            Mark::Uncertain => "doubtful reading",
            Mark::Insertion => "supplied or glossed by the translator",
        }
    }

    pub const ALL: [Mark; 9] = [
        Mark::Sic,
        Mark::Omission,
        Mark::Illegible,
        Mark::Handwritten,
        Mark::Stamp,
        Mark::Signature,
        Mark::Note,
        Mark::Uncertain,
        Mark::Insertion,
    ];
}

/// A bracketed span found in a text: byte range including the brackets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bracket {
    pub start: usize,
    pub end: usize,
    pub mark: Mark,
}

/// Finds balanced top-level bracket spans in `text` and classifies them. Unbalanced
/// brackets (a stamp whose opening bracket the export lost) are left alone.
pub fn find(text: &str) -> Vec<Bracket> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut open = 0usize;
    // Jump from bracket to bracket: most text has none.
    for i in memchr::memchr2_iter(b'[', b']', bytes) {
        match bytes[i] {
            b'[' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            b']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let span = &text[open..=i];
                    out.push(Bracket {
                        start: open,
                        end: i + 1,
                        mark: classify(span),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// Classifies one bracketed span (with its brackets) by what it says.
pub fn classify(span: &str) -> Mark {
    let double = span.starts_with("[[") && span.ends_with("]]");
    let inner = span.trim_start_matches('[').trim_end_matches(']').trim();
    let lower = inner.to_lowercase();
    let first_word: String = lower.chars().take_while(|c| c.is_alphabetic()).collect();
    if first_word == "sic" {
        Mark::Sic
    } else if !inner.is_empty() && inner.chars().all(|c| c == '.' || c == '…' || c == ' ') {
        Mark::Omission
    } else if lower.starts_with("translator")
        || lower.starts_with("editor")
        || lower.starts_with("note")
    {
        Mark::Note
    } else if lower.contains("illegible") {
        Mark::Illegible
    } else if lower.starts_with("handwritten") {
        Mark::Handwritten
    } else if lower.contains("stamp") {
        Mark::Stamp
    } else if lower.contains("signature") || lower.contains("initials") {
        Mark::Signature
    } else if double || inner.ends_with('?') {
        Mark::Uncertain
    } else {
        Mark::Insertion
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_the_seed_brackets() {
        assert_eq!(classify("[sic]"), Mark::Sic);
        assert_eq!(classify("[sic; November]"), Mark::Sic);
        assert_eq!(classify("[...]"), Mark::Omission);
        assert_eq!(classify("[…]"), Mark::Omission);
        assert_eq!(classify("[[illegible signature]]"), Mark::Illegible);
        assert_eq!(
            classify("[handwritten: To Cde. Torbenkov]"),
            Mark::Handwritten
        );
        assert_eq!(classify("[faded image of a stamp: Incoming]"), Mark::Stamp);
        assert_eq!(classify("[Translator's Note: Although …]"), Mark::Note);
        assert_eq!(classify("[signature]"), Mark::Signature);
        assert_eq!(classify("[[N. P. Varnov?]]"), Mark::Uncertain);
        assert_eq!(classify("[me]"), Mark::Insertion);
        assert_eq!(classify("[berut plokho]"), Mark::Insertion);
    }

    #[test]
    fn finds_balanced_spans_only() {
        let text = "a [sic] b [[illegible signature]] c ] d [open";
        let found = find(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].start..found[0].end], "[sic]");
        assert_eq!(
            &text[found[1].start..found[1].end],
            "[[illegible signature]]"
        );
    }

    #[test]
    fn nested_brackets_are_one_span() {
        let found = find("[handwritten entry SECRET [faded stamp: 13 November]]");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].mark, Mark::Handwritten);
    }
}
