//! The fingerprint a written document carries in its front matter (`imported: <hash>`):
//! the hash of the file as the importer wrote it, without that line. A file whose
//! fingerprint still matches is untouched since import and may be replaced; any edit
//! (a field, the text, even the layout) breaks the match, and the importer then treats
//! the file as an editor's.
//!
//! Why in the front matter rather than in a file beside the documents: the fingerprint
//! travels with the document (copied, renamed, moved to another edition, it stays
//! right), there is no second file to keep in step, and the documents folder holds
//! documents only. It covers everything but its own line.

use super::document::hash;

pub const FIELD: &str = "imported";

/// The front matter's `imported:` line, if any: its byte range in `text`.
fn line_range(text: &str) -> Option<(usize, usize)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n").map(|e| e + 4)?;
    let mut at = 4;
    for line in text[4..end + 1].split_inclusive('\n') {
        if line.starts_with("imported: ") || line.starts_with("imported:\n") {
            return Some((at, at + line.len()));
        }
        at += line.len();
    }
    let _ = rest;
    None
}

/// Adds the fingerprint line at the end of the front matter of a freshly written text.
pub fn stamp(text: &str) -> String {
    let Some(close) = text
        .strip_prefix("---\n")
        .and_then(|r| r.find("\n---\n"))
        .map(|c| c + 5)
    else {
        return text.to_string();
    };
    format!(
        "{}{FIELD}: {}\n{}",
        &text[..close],
        &hash(text)[..16],
        &text[close..]
    )
}

/// Whether a file is exactly what the importer wrote (its fingerprint matches).
pub fn untouched(text: &str) -> bool {
    let Some((start, end)) = line_range(text) else {
        return false;
    };
    let written = text[start..end]
        .trim_end()
        .trim_start_matches("imported:")
        .trim()
        .trim_matches(['\'', '"']);
    let without = format!("{}{}", &text[..start], &text[end..]);
    written.len() == 16 && hash(&without)[..16] == *written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamped_texts_are_untouched_until_edited() {
        let text = "---\nid: x\ntitle: T\n---\n\nBody\n";
        let stamped = stamp(text);
        assert!(stamped.starts_with("---\nid: x\ntitle: T\nimported: "));
        assert!(stamped.ends_with("\n---\n\nBody\n"));
        assert!(untouched(&stamped));
        assert!(!untouched(&stamped.replace("Body", "Body.")));
        assert!(!untouched(&stamped.replace("title: T", "title: U")));
        assert!(!untouched(text));
        assert!(!untouched("no front matter"));
    }
}
