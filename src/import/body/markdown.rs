//! Writing blocks as Markdown that the renderer reads back exactly as the archive wrote
//! the text: every character that Markdown would take as syntax is escaped (emphasis,
//! code, links, footnotes, raw HTML, entities, tables, strikethrough; and at a line's
//! start headings, quotes, lists, numbered paragraphs), while the translator's brackets
//! stay verbatim for the renderer to style.

use super::emphasis::{EMPHASIS, STRONG};
use super::Block;
use crate::import::repairs::Repairs;

/// Whether `&` followed by these characters reads as an entity ("&amp;", "&#38;").
fn entity_follows(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && name <= 32 && rest.get(name) == Some(&';')
}

/// Escapes a text for use inside a Markdown line.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| chars[p]);
        match c {
            STRONG => out.push_str("**"),
            EMPHASIS => out.push('*'),
            '\\' | '*' | '_' | '`' | '~' | '|' | '<' => {
                out.push('\\');
                out.push(c);
            }
            // Entities ("&amp;") would be decoded.
            '&' if entity_follows(&chars[i + 1..]) => out.push_str("\\&"),
            // Footnote references "[^1]".
            '[' if next == Some('^') => out.push_str("\\["),
            // Inline links "[x](y)".
            '(' if prev == Some(']') => out.push_str("\\("),
            // Reference-link definitions "[x]: y" are only read at a line's start; the
            // line-start rule below handles them.
            _ => out.push(c),
        }
    }
    out
}

/// Escapes what Markdown reads at the start of a line: `#` headings, `>` quotes, `-`/`+`
/// list items and rules, `=` underlines, `1.`/`1)` numbered lists, `[x]:` definitions.
pub fn escape_line_start(line: &str) -> String {
    let Some(first) = line.chars().next() else {
        return String::new();
    };
    let rest_after = &line[first.len_utf8()..];
    match first {
        '#' | '>' => format!("\\{line}"),
        '-' | '+' | '='
            if rest_after.is_empty()
                || rest_after.starts_with(' ')
                || rest_after.chars().all(|c| c == first || c == ' ') =>
        {
            format!("\\{line}")
        }
        '[' if line.contains("]:") && line.find("]:") == line.find(']') => format!("\\{line}"),
        c if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let after = &line[digits..];
            if digits <= 9
                && (after.starts_with(". ")
                    || after.starts_with(") ")
                    || after == "."
                    || after == ")")
            {
                format!("{}\\{}", &line[..digits], after)
            } else {
                line.to_string()
            }
        }
        _ => line.to_string(),
    }
}

/// One line of text, escaped; line-start escapes are listed (they are visible in the
/// Markdown, and an editor may wonder about them).
fn line(text: &str, repairs: &mut Repairs) -> String {
    let inline = escape_inline(text.trim());
    let escaped = escape_line_start(&inline);
    if escaped != inline {
        let start: String = text
            .trim()
            .chars()
            .take_while(|c| !c.is_whitespace())
            .take(12)
            .collect();
        repairs.add(
            "escaped-line-start",
            "Escaped the line-initial Markdown syntax so that it is not read as a list, heading or quote",
            format!("\"{start}\""),
        );
    }
    escaped
}

/// Writes blocks as Markdown, one blank line between blocks, hard line breaks as `\`.
pub fn write(blocks: &[Block], repairs: &mut Repairs) -> String {
    let mut out = String::new();
    for block in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match block {
            Block::Heading { level, text, .. } => {
                out.push_str(&"#".repeat(*level as usize));
                out.push(' ');
                out.push_str(&escape_inline(text.trim()));
                out.push('\n');
            }
            Block::Paragraph { lines, .. } => {
                let written: Vec<String> = lines.iter().map(|l| line(l, repairs)).collect();
                out.push_str(&written.join("\\\n"));
                out.push('\n');
            }
            Block::List { items, .. } => {
                for item in items {
                    out.push_str("- ");
                    out.push_str(&line(item, repairs));
                    out.push('\n');
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_stay_and_syntax_is_escaped() {
        assert_eq!(
            escape_inline("Kiyan [sic] plant, [[illegible signature]], [me]"),
            "Kiyan [sic] plant, [[illegible signature]], [me]"
        );
        assert_eq!(
            escape_inline("[x](http://e.org) a*b_c `d` <b>x</b> &amp; [^1] ~~s~~ a|b"),
            "[x]\\(http://e.org) a\\*b\\_c \\`d\\` \\<b>x\\</b> \\&amp; \\[^1] \\~\\~s\\~\\~ a\\|b"
        );
        assert_eq!(escape_inline("AT&T & co"), "AT&T & co");
        assert_eq!(escape_inline("C:\\path"), "C:\\\\path");
    }

    #[test]
    fn line_starts() {
        assert_eq!(
            escape_line_start("1. About industrial engineering"),
            "1\\. About industrial engineering"
        );
        assert_eq!(
            escape_line_start("1 - Cde. A. A. Gromyko"),
            "1 - Cde. A. A. Gromyko"
        );
        assert_eq!(escape_line_start("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line_start("- not a list"), "\\- not a list");
        assert_eq!(escape_line_start("---"), "\\---");
        assert_eq!(escape_line_start("> not a quote"), "\\> not a quote");
        assert_eq!(escape_line_start("[x]: y"), "\\[x]: y");
        assert_eq!(escape_line_start("1957 was a year"), "1957 was a year");
        assert_eq!(escape_line_start("-5 degrees"), "-5 degrees");
    }

    #[test]
    fn blocks_are_written() {
        let blocks = vec![
            Block::Heading {
                level: 2,
                text: "JOURNAL".into(),
                line: 1,
            },
            Block::Paragraph {
                lines: vec!["a".into(), "b".into()],
                line: 2,
            },
            Block::List {
                items: vec!["1 Cde. Gromyko".into(), "Nº 2172-dv".into()],
                line: 3,
            },
        ];
        assert_eq!(
            write(&blocks, &mut Repairs::default()),
            "## JOURNAL\n\na\\\nb\n\n- 1 Cde. Gromyko\n- Nº 2172-dv\n"
        );
    }
}
