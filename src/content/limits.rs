//! Bounds on YAML text checked before the parser sees it. The YAML scanner grows
//! quadratically with the nesting of flow collections (`[[[[…]]]]`: 40,000 levels took
//! 8.5 s), and front matter never needs more than a few levels or more than a few
//! kilobytes, so one linear pass refuses such input with a located message.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// Deepest nesting of `[…]` / `{…}` that a YAML text may have.
pub const MAX_DEPTH: usize = 32;

/// What a YAML text may hold, and how to talk about it.
pub struct Limits {
    pub max_bytes: usize,
    /// What the text is, in a message ("the front matter", "edition.yaml").
    pub what: &'static str,
    /// What to do when the text is too long.
    pub too_long_hint: &'static str,
}

/// Front matter holds short fields; the body below it may be long, front matter never is.
pub const FRONT_MATTER: Limits = Limits {
    max_bytes: 256 * 1024,
    what: "the front matter",
    too_long_hint: "front matter holds short fields (title, date, persons …); put long text in the body, after the closing `---`",
};

pub const EDITION_YAML: Limits = Limits {
    max_bytes: 256 * 1024,
    what: "edition.yaml",
    too_long_hint: "edition.yaml holds short settings; put long texts in content/pages/",
};

/// Thousands of events are fine; the bound only keeps the cost of a runaway file in check.
pub const EVENTS_YAML: Limits = Limits {
    max_bytes: 8 * 1024 * 1024,
    what: "events.yaml",
    too_long_hint: "split the events, or check that the file is the one you meant",
};

/// Checks size and flow nesting of `yaml`, which starts at file line `first_line`.
/// Counts `[` and `{` outside quoted scalars and comments: a bracket inside plain text can
/// only over-count, never hide a real level.
pub fn check(
    yaml: &str,
    first_line: usize,
    limits: &Limits,
    shown: &Path,
) -> Result<(), Diagnostic> {
    if yaml.len() > limits.max_bytes {
        let mut cut = limits.max_bytes;
        while !yaml.is_char_boundary(cut) {
            cut -= 1;
        }
        let line = first_line + yaml[..cut].matches('\n').count();
        return Err(Diagnostic::error(
            shown,
            format!(
                "{} is {} KiB long; recto reads at most {} KiB of it",
                limits.what,
                yaml.len().div_ceil(1024),
                limits.max_bytes / 1024
            ),
        )
        .at(line, 1)
        .hint(limits.too_long_hint));
    }
    #[derive(PartialEq)]
    enum In {
        Plain,
        Single,
        Double,
        Comment,
    }
    let mut state = In::Plain;
    let mut depth = 0usize;
    let mut line = first_line;
    let mut column = 0usize;
    // The character just before, and the last non-blank one on this line (None: line start).
    let mut before: Option<char> = None;
    let mut significant: Option<char> = None;
    let mut escaped = false;
    for c in yaml.chars() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
            before = None;
            significant = None;
            if state == In::Comment {
                state = In::Plain;
            }
            continue;
        }
        match state {
            In::Comment => {}
            In::Double => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    state = In::Plain;
                }
            }
            In::Single => {
                if c == '\'' {
                    state = In::Plain;
                }
            }
            In::Plain => {
                let after_blank = before.is_none_or(|b| b == ' ' || b == '\t');
                let token_start = after_blank || before.is_some_and(|b| "[{,".contains(b));
                match c {
                    '#' if after_blank => state = In::Comment,
                    '"' | '\''
                        if token_start && significant.is_none_or(|s| ":-[{,?".contains(s)) =>
                    {
                        state = if c == '"' { In::Double } else { In::Single };
                    }
                    '[' | '{' => {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            return Err(Diagnostic::error(
                                shown,
                                format!(
                                    "{} nests lists or mappings more than {MAX_DEPTH} levels deep",
                                    limits.what
                                ),
                            )
                            .at(line, column)
                            .hint("a field needs a level or two (`persons: [a, b]`); look for brackets that are never closed or were repeated"));
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
        }
        before = Some(c);
        if c != ' ' && c != '\t' {
            significant = Some(c);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(yaml: &str) -> Result<(), Diagnostic> {
        check(yaml, 2, &FRONT_MATTER, Path::new("x.md"))
    }

    #[test]
    fn deep_flow_nesting_is_refused_at_the_bracket_past_the_limit() {
        let yaml = format!(
            "title: A\nfunders: {}{}\n",
            "[".repeat(100),
            "]".repeat(100)
        );
        let err = run(&yaml).unwrap_err();
        assert!(
            err.message.contains("more than 32 levels"),
            "{}",
            err.message
        );
        // "funders: " is 9 characters; the 33rd bracket is column 10 + 32.
        assert_eq!((err.line, err.column), (Some(3), Some(42)));
    }

    #[test]
    fn ordinary_front_matter_passes() {
        run("title: 'A [b' \nfunders: [[a, {b: c}], d]\nsummary: \"x [[[ \\\" [\"\n# [[[[\n")
            .unwrap();
        let quoted = format!("title: '{}'\n", "[".repeat(100));
        run(&quoted).unwrap();
        let comment = format!("title: A # {}\n", "{".repeat(100));
        run(&comment).unwrap();
    }

    #[test]
    fn an_apostrophe_in_plain_text_hides_no_brackets() {
        let yaml = format!("title: it's\nfunders: {}\n", "[".repeat(40));
        assert!(run(&yaml).is_err());
    }

    #[test]
    fn the_size_limit_may_fall_inside_a_character() {
        let yaml = format!("title: A\nsummary: {}\n", "é".repeat(200 * 1024));
        assert!(run(&yaml).is_err());
    }

    #[test]
    fn size_is_bounded() {
        let yaml = format!("title: A\nsummary: {}\n", "x".repeat(300 * 1024));
        let err = run(&yaml).unwrap_err();
        assert!(err.message.contains("at most 256 KiB"), "{}", err.message);
        assert_eq!(err.line, Some(3));
    }
}
