//! Label lines of PDF-to-Markdown exports ("**Citation:**", "# **Summary:**",
//! "Credits:"): the converter decorates them with bold or heading marks depending on the
//! font, so a label is recognised by its words, whatever the decoration.

/// The labelled blocks an export of the archive can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Citation,
    Summary,
    Credits,
    OriginalLanguage,
    Contents,
    /// A decorated line ending in a colon that recto does not know ("**Keywords:**").
    Other,
}

impl Label {
    pub fn name(self) -> &'static str {
        match self {
            Label::Citation => "Citation",
            Label::Summary => "Summary",
            Label::Credits => "Credits",
            Label::OriginalLanguage => "Original Language",
            Label::Contents => "Contents",
            Label::Other => "label",
        }
    }
}

/// How a line was decorated by the converter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Decoration {
    /// Number of leading `#`.
    pub hashes: usize,
    /// Wrapped in `**` (or `__`).
    pub bold: bool,
}

/// A line without its Markdown decoration: leading `#`s, surrounding `**`, and the
/// two-space hard-break marker at its end.
pub fn undecorated(line: &str) -> (&str, Decoration) {
    let mut text = line.trim();
    let mut decoration = Decoration::default();
    let hashes = text.chars().take_while(|&c| c == '#').count();
    if hashes > 0 && hashes <= 6 && text[hashes..].starts_with(' ') {
        decoration.hashes = hashes;
        text = text[hashes..].trim();
    }
    for marker in ["**", "__"] {
        // A bold span may open on one line and close on the next (a title split by the
        // converter), so each half is removed on its own.
        if let Some(rest) = text.strip_prefix(marker) {
            text = rest;
            decoration.bold = true;
        }
        if let Some(rest) = text.strip_suffix(marker) {
            text = rest;
            decoration.bold = true;
        }
    }
    (text.trim(), decoration)
}

/// The label a line is, if it is one: "Citation:", "**Summary:**", "# **Credits:**",
/// "## Citation:". A plain word without colon is not a label; a decorated one may be.
pub fn label_of(line: &str) -> Option<(Label, Decoration)> {
    let (text, decoration) = undecorated(line);
    let has_colon = text.ends_with(':');
    let words = text.trim_end_matches(':').trim();
    if words.is_empty() || words.len() > 40 {
        return None;
    }
    let decorated = decoration.bold || decoration.hashes > 0;
    if !has_colon && !decorated {
        return None;
    }
    let label = match words.to_lowercase().as_str() {
        "citation" => Label::Citation,
        "summary" => Label::Summary,
        "credits" => Label::Credits,
        "original language" | "language" => Label::OriginalLanguage,
        "contents" => Label::Contents,
        _ if has_colon
            && decorated
            && words.split_whitespace().count() <= 4
            && words.chars().next().is_some_and(char::is_uppercase) =>
        {
            Label::Other
        }
        _ => return None,
    };
    Some((label, decoration))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_whatever_the_decoration() {
        assert_eq!(
            label_of("**Citation:**").map(|l| l.0),
            Some(Label::Citation)
        );
        assert_eq!(label_of("# **Summary:**").map(|l| l.1.hashes), Some(1));
        assert_eq!(
            label_of("#### **Contents:**").map(|l| l.0),
            Some(Label::Contents)
        );
        assert_eq!(label_of("## Citation:").map(|l| l.0), Some(Label::Citation));
        assert_eq!(
            label_of("Original Language:").map(|l| l.0),
            Some(Label::OriginalLanguage)
        );
        assert_eq!(label_of("**Keywords:**").map(|l| l.0), Some(Label::Other));
    }

    #[test]
    fn body_lines_are_not_labels() {
        assert_eq!(label_of("Summary"), None);
        assert_eq!(label_of("Cde. Stalin: That's good."), None);
        assert_eq!(label_of("the following issues:"), None);
        assert_eq!(
            label_of("Third. It has been decided that the conference is to discuss:"),
            None
        );
    }

    #[test]
    fn decoration_is_removed() {
        assert_eq!(
            undecorated("**December 17, 1957**  ").0,
            "December 17, 1957"
        );
        assert_eq!(
            undecorated("**Record of a Conversation of Cde. Stalin with Kim Il").0,
            "Record of a Conversation of Cde. Stalin with Kim Il"
        );
        assert_eq!(
            undecorated("Sung and Pak Heon-yeong**").0,
            "Sung and Pak Heon-yeong"
        );
        assert_eq!(
            undecorated("# November 13, 1957 From").0,
            "November 13, 1957 From"
        );
        assert_eq!(undecorated("#hashtag").0, "#hashtag");
    }
}
