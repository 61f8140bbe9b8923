//! Kinds of archival document, as the archive describes them.

/// The kinds recto knows, with the words shown to readers.
pub const KINDS: [(&str, &str); 7] = [
    ("journal-entry", "Journal entry"),
    ("record-of-conversation", "Record of conversation"),
    ("memorandum", "Memorandum"),
    ("telegram", "Telegram"),
    ("letter", "Letter"),
    ("report", "Report"),
    ("other", "Other"),
];

/// Reader-facing label of a kind; unknown kinds are shown as written, first letter capitalised.
pub fn label(kind: &str) -> String {
    if let Some((_, label)) = KINDS.iter().find(|(k, _)| *k == kind) {
        return (*label).to_string();
    }
    let text = kind.replace('-', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn is_known(kind: &str) -> bool {
    KINDS.iter().any(|(k, _)| *k == kind)
}
