//! Keyword in context: the words around a mention, for the person pages.

/// How many characters of context to keep on each side.
const SNIPPET_CHARS: usize = 70;

/// Up to SNIPPET_CHARS characters either side of a mention, cut at word boundaries.
/// `start..end` is the mention's byte range in `run`, on character boundaries. Offsets are
/// bytes throughout: a whitespace character may be several (U+00A0, U+2003, U+3000).
pub fn snippet(run: &str, start: usize, end: usize) -> (String, String) {
    let before_full = &run[..start];
    let mut begin = before_full
        .char_indices()
        .rev()
        .nth(SNIPPET_CHARS)
        .map_or(0, |(i, _)| i);
    if begin > 0 {
        // Start after the first whitespace character, whatever its width in bytes.
        if let Some((space, c)) = before_full[begin..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
        {
            begin += space + c.len_utf8();
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

    /// The whitespace characters the importer keeps, each more than one byte wide.
    const WIDE_SPACES: [char; 4] = ['\u{a0}', '\u{2003}', '\u{3000}', '\u{2028}'];

    /// Puts `space` `distance` characters before (or after) a name inside filler words and
    /// checks the snippet is cut at a word edge, never inside a character.
    fn around(space: char, distance: usize, before_name: bool) -> (String, String) {
        let filler = |n: usize| -> String { "abcdefghij".chars().cycle().take(n).collect() };
        let (left, right) = if before_name {
            (
                format!(
                    "{}{space}{} ",
                    filler(100),
                    filler(distance.saturating_sub(2))
                ),
                format!(" {}", filler(150)),
            )
        } else {
            (
                format!("{} ", filler(150)),
                format!(
                    " {}{space}{}",
                    filler(distance.saturating_sub(2)),
                    filler(100)
                ),
            )
        };
        let run = format!("{left}NAME{right}");
        snippet(&run, left.len(), left.len() + 4)
    }

    #[test]
    fn wide_whitespace_before_the_name_is_a_word_edge() {
        for space in WIDE_SPACES {
            for distance in 60..=80 {
                let (before, after) = around(space, distance, true);
                assert!(
                    before.starts_with('…'),
                    "{space:?} at {distance}: {before:?}"
                );
                assert!(before.chars().count() <= SNIPPET_CHARS + 2, "{before:?}");
                assert!(!after.is_empty());
                // The cut lands on a word edge: no part of the filler word before the space.
                if distance <= SNIPPET_CHARS {
                    assert!(
                        !before.contains(space),
                        "{space:?} at {distance}: {before:?}"
                    );
                    assert!(
                        before[3..].starts_with('a'),
                        "{space:?} at {distance}: {before:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn wide_whitespace_after_the_name_is_a_word_edge() {
        for space in WIDE_SPACES {
            for distance in 60..=80 {
                let (before, after) = around(space, distance, false);
                assert!(after.ends_with('…'), "{space:?} at {distance}: {after:?}");
                assert!(after.chars().count() <= SNIPPET_CHARS + 2, "{after:?}");
                assert!(!after.contains(space), "{after:?}");
                assert!(!before.is_empty());
            }
        }
    }

    #[test]
    fn the_issue_repro_has_a_snippet() {
        let run = "Top Secret, Copy No.\u{a0}3. the ambassador said that the delegation would arrive in Pyongyang Kim Il Sung then said that the conference would open.";
        let start = run.find("Kim Il Sung").unwrap();
        let (before, after) = snippet(run, start, start + "Kim Il Sung".len());
        assert_eq!(
            before,
            "…3. the ambassador said that the delegation would arrive in Pyongyang "
        );
        assert_eq!(after, " then said that the conference would open.");
    }

    #[test]
    fn every_place_of_a_wide_space_is_safe() {
        // A wide space at every character position of 150 characters on either side.
        for space in WIDE_SPACES {
            for at in 0..=150 {
                let mut words: Vec<char> = "ab ".repeat(50).chars().collect();
                words.insert(at, space);
                let side: String = words.into_iter().collect();
                let run = format!("{side}Name{side}");
                let (before, after) = snippet(&run, side.len(), side.len() + 4);
                assert!(before.chars().count() <= SNIPPET_CHARS + 2, "{before:?}");
                assert!(after.chars().count() <= SNIPPET_CHARS + 2, "{after:?}");
            }
        }
    }
}
