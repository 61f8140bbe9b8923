//! Character-level damage, line by line: runs of no-break spaces (web pages pad stamps
//! with them), invisible characters, and LaTeX fragments.

use super::latex;
use crate::import::repairs::Repairs;

/// Characters that carry nothing a reader sees: zero-width spaces and joiners, a stray
/// byte-order mark, soft hyphens; and the private-use characters recto uses internally.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    ) || ('\u{E000}'..='\u{E0FF}').contains(&c)
}

fn is_wide_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}')
}

/// Cleans one line; `line` is its number in the source, for the repairs list.
pub fn clean_line(text: &str, line: usize, repairs: &mut Repairs) -> String {
    let mut out = String::with_capacity(text.len());
    // No-break spaces: a run of spaces holding any is one space.
    let mut chars = text.chars().peekable();
    let mut invisible = 0;
    while let Some(c) = chars.next() {
        if is_invisible(c) {
            invisible += 1;
            continue;
        }
        if is_wide_space(c) || (c == ' ' && chars.peek().is_some_and(|n| is_wide_space(*n))) {
            let mut wide = usize::from(is_wide_space(c));
            while let Some(&n) = chars.peek() {
                if n == ' ' || is_wide_space(n) {
                    wide += usize::from(is_wide_space(n));
                    chars.next();
                } else {
                    break;
                }
            }
            if wide > 0 {
                repairs.add(
                    "nbsp",
                    "Replaced runs of U+00A0 no-break spaces by a single space",
                    format!("source line {line} ({wide} characters)"),
                );
            }
            out.push(' ');
            continue;
        }
        out.push(c);
    }
    if invisible > 0 {
        repairs.add_many(
            "invisible",
            "Removed invisible characters (zero-width spaces, soft hyphens)",
            invisible,
            format!("source line {line}"),
        );
    }
    latex_fragments(&out, line, repairs)
}

fn latex_fragments(text: &str, line: usize, repairs: &mut Repairs) -> String {
    let fragments = latex::fragments(text);
    if fragments.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in fragments {
        let Some(replacement) = &f.replacement else {
            repairs.add(
                "latex-unknown",
                "Kept LaTeX fragments recto does not know verbatim",
                format!("source line {line}: {}", &text[f.start..f.end]),
            );
            continue;
        };
        // The converter pads fragments with a space on each side in addition to the
        // text's own: "Copy  $N^{\circ}$  2".
        let before = &text[at..f.start];
        let trimmed = before.trim_end_matches(' ');
        out.push_str(trimmed);
        if trimmed.len() < before.len() {
            out.push(' ');
        }
        out.push_str(replacement);
        at = f.end;
        let after = &text[at..];
        let spaces = after.len() - after.trim_start_matches(' ').len();
        if spaces > 0 {
            out.push(' ');
            at += spaces;
        }
        let padded = spaces > 1 || before.len() - trimmed.len() > 1;
        let what = format!(
            "{} → {replacement} (LaTeX fragment){}",
            &text[f.start..f.end],
            if padded {
                ", with the doubled spaces around it reduced to one"
            } else {
                ""
            }
        );
        repairs.add("latex", &what, "");
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nbsp_runs_become_one_space() {
        let mut r = Repairs::default();
        let line = format!("MFA stamp: {}Copy Nº 3", "\u{a0} ".repeat(20));
        assert_eq!(clean_line(&line, 9, &mut r), "MFA stamp: Copy Nº 3");
        assert_eq!(r.lines()[0], "Replaced runs of U+00A0 no-break spaces by a single space: source line 9 (20 characters)");
        assert_eq!(r.total(), 1);
    }

    #[test]
    fn latex_with_padding() {
        let mut r = Repairs::default();
        let out = clean_line("SECRET Copy  $N^{\\circ}$  2 of A. M. PUZANOV", 3, &mut r);
        assert_eq!(out, "SECRET Copy Nº 2 of A. M. PUZANOV");
        assert_eq!(r.lines(), ["$N^{\\circ}$ → Nº (LaTeX fragment), with the doubled spaces around it reduced to one"]);
    }

    #[test]
    fn unknown_latex_is_kept() {
        let mut r = Repairs::default();
        assert_eq!(clean_line("x $\\alpha$ y", 1, &mut r), "x $\\alpha$ y");
        assert_eq!(r.0[0].kind, "latex-unknown");
    }

    #[test]
    fn invisible_characters_go() {
        let mut r = Repairs::default();
        assert_eq!(
            clean_line("Kim\u{200B} Il\u{00AD}Sung", 1, &mut r),
            "Kim IlSung"
        );
        assert_eq!(r.total(), 2);
    }

    #[test]
    fn plain_lines_are_untouched() {
        let mut r = Repairs::default();
        let line = "He said, \"Thank you\" — and left…  ";
        assert_eq!(clean_line(line, 1, &mut r), line);
        assert!(r.is_empty());
    }
}
