//! From lines to blocks: paragraphs (blank lines between them, or — in exports that lost
//! their blank lines — one a line), lists, converter headings; hard-wrapped lines rejoined
//! (with end-of-line hyphenation undone where the text shows the word whole), and the
//! two-space line ends of PDF exports kept as hard line breaks.

use super::vocabulary::Vocabulary;
use super::Block;
use crate::import::family::paragraphs;
use crate::import::repairs::Repairs;
use crate::import::source::SourceLine;

/// Whether a text ends a sentence or a clause the way a paragraph can end.
pub fn ends_terminally(text: &str) -> bool {
    text.trim_end().ends_with([
        '.', '!', '?', ':', ';', '"', '”', '\'', '’', ')', ']', '…', '»',
    ])
}

/// One line of a block, classified.
enum LineKind {
    Heading(u8, String),
    Item(String),
    Text { text: String, hard_break: bool },
}

fn classify(line: &str, markdown: bool) -> LineKind {
    let hard_break = line.ends_with("  ") && markdown;
    let text = line.trim();
    if markdown {
        let hashes = text.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && text[hashes..].starts_with(' ') {
            return LineKind::Heading(hashes as u8, text[hashes..].trim().to_string());
        }
        for marker in ["- ", "* ", "+ "] {
            if let Some(item) = text.strip_prefix(marker) {
                return LineKind::Item(item.trim().to_string());
            }
        }
    }
    LineKind::Text {
        text: text.to_string(),
        hard_break,
    }
}

/// Whether the lines of this body are paragraphs each (the export dropped the blank lines
/// between paragraphs) rather than the wrapped lines of longer paragraphs: most lines
/// inside multi-line groups end a sentence.
fn lines_are_paragraphs(
    lines: &[SourceLine],
    groups: &[std::ops::Range<usize>],
    markdown: bool,
) -> bool {
    let (mut inner, mut terminal) = (0, 0);
    for g in groups.iter().filter(|g| g.len() > 1) {
        for line in &lines[g.start..g.end - 1] {
            if let LineKind::Text {
                text,
                hard_break: false,
            } = classify(&line.text, markdown)
            {
                inner += 1;
                terminal += usize::from(ends_terminally(&text));
            }
        }
    }
    inner >= 2 && terminal * 2 > inner
}

/// Whether line `b` continues line `a` although lines are paragraphs: `a` stops
/// mid-sentence and `b` starts in lower case, or `a` leaves a bold span open.
fn continues(a: &str, b: &str) -> bool {
    (!ends_terminally(a) && b.chars().next().is_some_and(char::is_lowercase))
        || a.matches("**").count() % 2 == 1
}

/// Joins two wrapped lines, undoing end-of-line hyphenation: "infor-" + "mation". The
/// hyphen goes only when the text elsewhere writes the word whole; otherwise it stays
/// ("well-" + "received"), since a compound cannot be told from a syllable break without
/// evidence. Every such join is listed.
pub fn join_wrapped(a: &str, b: &str, vocabulary: &Vocabulary, repairs: &mut Repairs) -> String {
    let a = a.trim_end();
    let b = b.trim_start();
    let head: String = a
        .chars()
        .rev()
        .skip(1)
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail: String = b.chars().take_while(|c| c.is_alphabetic()).collect();
    let hyphenated = a.ends_with('-')
        && !a.ends_with("--")
        && !head.is_empty()
        && b.chars().next().is_some_and(char::is_lowercase);
    if !hyphenated {
        // "Party-" + "Government": a compound broken after its hyphen.
        if a.ends_with('-') && !head.is_empty() && b.chars().next().is_some_and(char::is_uppercase)
        {
            return format!("{a}{b}");
        }
        return format!("{a} {b}");
    }
    let whole = format!("{head}{tail}").to_lowercase();
    let compound = format!("{head}-{tail}").to_lowercase();
    let keep_hyphen = !vocabulary.has(&whole) || vocabulary.has(&compound);
    if keep_hyphen {
        repairs.add(
            "hyphen-kept",
            "Rejoined lines broken after a hyphen, keeping the hyphen (the text never writes the word without it)",
            format!("{head}-{tail}"),
        );
        format!("{a}{b}")
    } else {
        repairs.add(
            "hyphen",
            "Undid end-of-line hyphenation",
            format!("{head}-{tail} → {head}{tail}"),
        );
        format!("{}{b}", &a[..a.len() - 1])
    }
}

/// Builds the blocks of a body.
pub fn build(
    lines: &[SourceLine],
    markdown: bool,
    vocabulary: &Vocabulary,
    repairs: &mut Repairs,
) -> Vec<Block> {
    let groups = paragraphs(lines);
    let runs = count_blank_runs(lines);
    if runs > 0 {
        repairs.add_many(
            "blank-lines",
            "Collapsed runs of blank lines to one paragraph break",
            runs,
            "",
        );
    }
    let one_per_line = lines_are_paragraphs(lines, &groups, markdown);
    let mut blocks = Vec::new();
    for group in groups {
        let mut current: Option<Block> = None;
        let mut pending_hard = false;
        for line in &lines[group] {
            match classify(&line.text, markdown) {
                LineKind::Heading(level, text) => {
                    blocks.extend(current.take());
                    blocks.push(Block::Heading {
                        level,
                        text,
                        line: line.no,
                    });
                }
                LineKind::Item(text) => {
                    match &mut current {
                        Some(Block::List { items, .. }) => items.push(text),
                        _ => {
                            blocks.extend(current.take());
                            current = Some(Block::List {
                                items: vec![text],
                                line: line.no,
                            });
                        }
                    }
                    pending_hard = false;
                }
                LineKind::Text { text, hard_break } => {
                    match &mut current {
                        Some(Block::Paragraph { lines: para, .. }) => {
                            let last = para.last_mut().expect("paragraphs have a line");
                            if pending_hard {
                                repairs.add(
                                    "hard-break",
                                    "Two-space line ends → backslash hard line breaks",
                                    format!("source line {}", line.no - 1),
                                );
                                para.push(text);
                            } else if one_per_line && !continues(last, &text) {
                                blocks.extend(current.take());
                                current = Some(Block::paragraph(text, line.no));
                                repairs.add("single-newlines", "Read single line breaks as paragraph breaks (the export has no blank lines between paragraphs)", "");
                            } else {
                                *last = join_wrapped(last, &text, vocabulary, repairs);
                                repairs.add("wrap", "Rejoined hard-wrapped lines", "");
                            }
                        }
                        Some(Block::List { items, .. }) if !pending_hard && !one_per_line => {
                            // A wrapped list item.
                            let last = items.last_mut().expect("lists have an item");
                            *last = join_wrapped(last, &text, vocabulary, repairs);
                        }
                        _ => {
                            blocks.extend(current.take());
                            current = Some(Block::paragraph(text, line.no));
                        }
                    }
                    pending_hard = hard_break;
                }
            }
        }
        blocks.extend(current.take());
    }
    blocks
}

fn count_blank_runs(lines: &[SourceLine]) -> usize {
    let mut runs = 0;
    let mut blank = 0;
    let mut seen_text = false;
    for line in lines {
        if line.is_blank() {
            blank += 1;
        } else {
            if blank >= 2 && seen_text {
                runs += 1;
            }
            blank = 0;
            seen_text = true;
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::lines;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(|b| b.lines().join(" | ")).collect()
    }

    fn run(text: &str, markdown: bool) -> (Vec<Block>, Repairs) {
        let l = lines(text);
        let v = Vocabulary::of(l.iter().map(|l| l.text.as_str()));
        let mut r = Repairs::default();
        (build(&l, markdown, &v, &mut r), r)
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_wraps_are_joined() {
        let (b, r) = run("First line\nwrapped here.\n\n\n\nSecond.", false);
        assert_eq!(texts(&b), ["First line wrapped here.", "Second."]);
        assert_eq!(
            r.0.iter().find(|x| x.kind == "blank-lines").unwrap().count,
            1
        );
    }

    #[test]
    fn two_space_ends_are_hard_breaks_in_pdf_exports() {
        let (b, _) = run(
            "of A. M. PUZANOV  \nfor the period 14 through 20 December 1957",
            true,
        );
        assert_eq!(
            texts(&b),
            ["of A. M. PUZANOV | for the period 14 through 20 December 1957"]
        );
    }

    #[test]
    fn lists_and_headings_of_pdf_exports() {
        let (b, _) = run(
            "## JOURNAL\n\n- a) the plan;\n- b) an issue.\n\n#### 6-AP/vp",
            true,
        );
        assert!(matches!(b[0], Block::Heading { level: 2, .. }));
        assert!(matches!(&b[1], Block::List { items, .. } if items.len() == 2));
        assert!(matches!(b[2], Block::Heading { level: 4, .. }));
        let (b, _) = run("- a dash in plain text", false);
        assert!(matches!(b[0], Block::Paragraph { .. }));
    }

    #[test]
    fn single_newlines_are_paragraph_breaks_when_lines_end_sentences() {
        let (b, r) = run(
            "I visited him.\nHe said that the plan\nwas good.\nI agreed.\nWe parted.",
            false,
        );
        assert_eq!(
            texts(&b),
            [
                "I visited him.",
                "He said that the plan was good.",
                "I agreed.",
                "We parted."
            ]
        );
        assert!(r.0.iter().any(|x| x.kind == "single-newlines"));
    }

    #[test]
    fn hyphenation_is_undone_with_evidence() {
        let v = Vocabulary::of(["a well-received plan", "the information"]);
        let mut r = Repairs::default();
        assert_eq!(join_wrapped("infor-", "mation", &v, &mut r), "information");
        assert_eq!(
            join_wrapped("well-", "received", &v, &mut r),
            "well-received"
        );
        assert_eq!(
            join_wrapped("the year 1950 -", "a note", &v, &mut r),
            "the year 1950 - a note"
        );
        assert_eq!(
            join_wrapped("Party-", "Government", &v, &mut r),
            "Party-Government"
        );
    }
}
