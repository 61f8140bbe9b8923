//! Keyword in context: the words around a mention, for the person pages.

/// How many characters of context to keep on each side.
const SNIPPET_CHARS: usize = 70;

/// Up to SNIPPET_CHARS characters either side of a mention, cut at word boundaries.
pub fn snippet(run: &str, start: usize, end: usize) -> (String, String) {
    let before_full = &run[..start];
    let mut begin = before_full
        .char_indices()
        .rev()
        .nth(SNIPPET_CHARS)
        .map_or(0, |(i, _)| i);
    if begin > 0 {
        if let Some(space) = before_full[begin..].find(char::is_whitespace) {
            begin += space + 1;
        }
    }
    let after_full = &run[end..];
    let mut finish = after_full
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(after_full.len(), |(i, _)| i);
    if finish < after_full.len() {
        if let Some(space) = after_full[..finish].rfind(char::is_whitespace) {
            finish = space;
        }
    }
    let mut before = collapse(&before_full[begin..]);
    let mut after = collapse(&after_full[..finish]);
    if begin > 0 {
        before.insert(0, '…');
    }
    if finish < after_full.len() {
        after.push('…');
    }
    (before, after)
}

fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    if text.starts_with(char::is_whitespace) && !out.is_empty() {
        out.insert(0, ' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_cut_at_words() {
        let (before, after) = snippet("one two three NAME four five", 14, 18);
        assert_eq!(before, "one two three ");
        assert_eq!(after, " four five");
    }
}
