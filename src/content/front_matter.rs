//! Splitting a file into its YAML front matter and its Markdown body, keeping line numbers.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// A file cut in two. Line numbers are 1-based lines of the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// The file line on which the YAML starts (2: just after the opening `---`).
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. A file without front matter is an error that says
/// what the file should start with.
pub fn split<'a>(text: &'a str, shown: &Path) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::error(shown, "the file has no front matter")
            .at(1, 1)
            .hint("start the file with a line `---`, the YAML fields (title: …, date: …), and another line `---`; the text follows"));
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let content = text[offset..end].trim_end();
        if content == "---" || content == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset = end + 1;
        line += 1;
    }
    Err(Diagnostic::error(shown, "the front matter is never closed")
        .at(1, 1)
        .hint("add a line `---` after the last YAML field, before the text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_lines() {
        let s = split("---\ntitle: A\ndate: 1957\n---\nBody\n", Path::new("x.md")).unwrap();
        assert_eq!(s.yaml, "title: A\ndate: 1957\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn missing_front_matter_is_explained() {
        let err = split("# Title\n", Path::new("x.md")).unwrap_err();
        assert!(err.message.contains("no front matter"));
        let err = split("---\ntitle: A\n", Path::new("x.md")).unwrap_err();
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn empty_body_is_fine() {
        let s = split("---\ntitle: A\n---", Path::new("x.md")).unwrap();
        assert_eq!(s.body, "");
    }
}
