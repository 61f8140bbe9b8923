//! Emphasis in PDF-to-Markdown text: balanced `**bold**` and `*italic*` spans are the
//! printed page's and are kept; a marker left without its partner (a span cut by a page
//! break or a wrong conversion) is stray and removed. Kept markers travel as private-use
//! characters so that escaping leaves them alone; `markdown` writes them back.

use crate::import::repairs::Repairs;

/// Stands for `**` in a text on its way to Markdown.
pub const STRONG: char = '\u{E000}';
/// Stands for `*`.
pub const EMPHASIS: char = '\u{E001}';

/// Marks the balanced emphasis of a converter's text and removes stray markers. Escaped
/// characters (`\*`) become literal characters.
pub fn repair(text: &str, repairs: &mut Repairs) -> String {
    // (character, literal): escaped characters never pair.
    let mut chars: Vec<(char, bool)> = Vec::with_capacity(text.len());
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' {
            if let Some(&n) = it.peek() {
                if n.is_ascii_punctuation() {
                    chars.push((n, true));
                    it.next();
                    continue;
                }
            }
        }
        chars.push((c, false));
    }
    // Double markers first.
    let mut doubles = Vec::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        let (c, lit) = chars[i];
        if !lit && (c == '*' || c == '_') && chars[i + 1] == (c, false) {
            doubles.push(i);
            i += 2;
        } else {
            i += 1;
        }
    }
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let paired = doubles.len() - doubles.len() % 2;
    let stray = doubles.len() - paired;
    let mut skip_until = 0;
    let mut double_index = 0;
    for (i, &(c, lit)) in chars.iter().enumerate() {
        if i < skip_until {
            continue;
        }
        if double_index < doubles.len() && doubles[double_index] == i {
            if double_index < paired {
                out.push(STRONG);
            }
            double_index += 1;
            skip_until = i + 2;
            continue;
        }
        // A literal star keeps a marker of its own kind: pair singles below.
        out.push(if lit && c == '*' { '\u{E002}' } else { c });
    }
    if stray > 0 {
        repairs.add_many(
            "stray-emphasis",
            "Removed stray emphasis markers (** without a partner)",
            stray,
            "",
        );
    }
    // Single stars: an opener before a non-space, a closer after one.
    let singles: Vec<usize> = out
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '*')
        .map(|(i, _)| i)
        .collect();
    let mut k = 0;
    while k + 1 < singles.len() {
        let (open, close) = (singles[k], singles[k + 1]);
        let opens = out.get(open + 1).is_some_and(|c| !c.is_whitespace());
        let closes = close > 0 && out.get(close - 1).is_some_and(|c| !c.is_whitespace());
        if opens && closes && close > open + 1 {
            out[open] = EMPHASIS;
            out[close] = EMPHASIS;
            k += 2;
        } else {
            k += 1;
        }
    }
    out.into_iter()
        .map(|c| if c == '\u{E002}' { '*' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_spans_are_kept() {
        let mut r = Repairs::default();
        assert_eq!(
            repair("a **b** c *d* e", &mut r),
            format!("a {STRONG}b{STRONG} c {EMPHASIS}d{EMPHASIS} e")
        );
        assert!(r.is_empty());
    }

    #[test]
    fn stray_markers_go() {
        let mut r = Repairs::default();
        assert_eq!(
            repair("Sung and Pak Heon-yeong**", &mut r),
            "Sung and Pak Heon-yeong"
        );
        assert_eq!(r.total(), 1);
    }

    #[test]
    fn escaped_and_lone_stars_stay_literal() {
        let mut r = Repairs::default();
        assert_eq!(repair("5 \\* 3 and 2 * 4", &mut r), "5 * 3 and 2 * 4");
        assert!(r.is_empty());
    }
}
