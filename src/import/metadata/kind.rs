//! The kind of a document, from its title ("Record of a Conversation …", "Journal of …")
//! or, failing that, from the archive's type label ("Diary Entry").

/// Phrases that name a kind, most specific first: "From the Journal of A. M. Puzanov,
/// Record of a Conversation with Kim Il Sung" is a record of conversation.
const PHRASES: &[(&str, &str)] = &[
    ("record of a conversation", "record-of-conversation"),
    ("record of conversation", "record-of-conversation"),
    ("memorandum of conversation", "record-of-conversation"),
    ("minutes of conversation", "record-of-conversation"),
    ("telegram", "telegram"),
    ("cable", "telegram"),
    ("ciphered", "telegram"),
    ("letter", "letter"),
    ("memorandum", "memorandum"),
    ("report", "report"),
    ("journal", "journal-entry"),
    ("diary", "journal-entry"),
];

/// The kind named by a title or label, if any.
pub fn infer(text: &str) -> Option<&'static str> {
    let lower = format!(" {} ", text.to_lowercase());
    PHRASES
        .iter()
        .find(|(phrase, _)| {
            lower.match_indices(phrase).any(|(at, _)| {
                let before = lower[..at].chars().next_back();
                let after = lower[at + phrase.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_titles() {
        assert_eq!(
            infer("Journal of Soviet Ambassador in the DPRK A.M. Puzanov for 24 March 1960"),
            Some("journal-entry")
        );
        assert_eq!(
            infer("From the Journal of A. M. Puzanov, Record of a Conversation with Kim Il Sung"),
            Some("record-of-conversation")
        );
        assert_eq!(
            infer("Record of a Conversation of Cde. Stalin with Kim Il Sung"),
            Some("record-of-conversation")
        );
        assert_eq!(
            infer("Memorandum on the Korean Question"),
            Some("memorandum")
        );
        assert_eq!(
            infer("Ciphered Telegram from Shtykov to Vyshinsky"),
            Some("telegram")
        );
        assert_eq!(infer("Letter from Kim Il Sung to Stalin"), Some("letter"));
        assert_eq!(infer("Report on the situation"), Some("report"));
        assert_eq!(infer("Diary Entry"), Some("journal-entry"));
        assert_eq!(infer("Reportage and Journalism"), None);
    }
}
