//! Rules over whole blocks: which lines are the document's headings, which passages the
//! export tore apart (a stamp over three lines, a quotation, a heading block, a paragraph
//! split by a page break) and which ran together (a translator's note and the heading
//! after it). Each rule is narrow, and every change is listed in the repairs.

use super::blocks::{ends_terminally, join_wrapped};
use super::vocabulary::Vocabulary;
use super::Block;
use crate::import::metadata::kind;
use crate::import::repairs::Repairs;
use crate::render::editorial::{self, Mark};

pub fn apply(blocks: &mut Vec<Block>, vocabulary: &Vocabulary, repairs: &mut Repairs) {
    split_leading_notes(blocks, repairs);
    headings(blocks, repairs);
    keep_together(blocks, repairs);
    page_breaks(blocks, vocabulary, repairs);
}

fn short(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= words {
        all.join(" ")
    } else {
        format!("{} …", all[..words].join(" "))
    }
}

/// "[Translator's Note: …] Record of a conversation … Interpreted by Mun Il": the note
/// becomes a paragraph of its own, and the interpreter line of a heading its own line.
fn split_leading_notes(blocks: &mut Vec<Block>, repairs: &mut Repairs) {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks.drain(..) {
        let Block::Paragraph { lines, line } = &block else {
            out.push(block);
            continue;
        };
        let first = &lines[0];
        let note = editorial::find(first)
            .into_iter()
            .next()
            .filter(|b| b.start == 0 && b.mark == Mark::Note);
        match note {
            Some(b) if !first[b.end..].trim().is_empty() => {
                let rest = first[b.end..].trim().to_string();
                out.push(Block::paragraph(first[..b.end].to_string(), *line));
                let mut rest_lines = vec![rest];
                rest_lines.extend(lines[1..].iter().cloned());
                let mut what =
                    "Split the translator's note from the text that followed it on the same line"
                        .to_string();
                if let Some(at) = rest_lines[0].find(" Interpreted by ") {
                    if kind::infer(&rest_lines[0][..at]).is_some() {
                        let interpreter = rest_lines[0][at + 1..].to_string();
                        rest_lines[0].truncate(at);
                        rest_lines.insert(1, interpreter);
                        what.push_str(", and the interpreter line of the heading after it onto a line of its own (hard line break)");
                    }
                }
                repairs.add("split-note", &what, "");
                out.push(Block::Paragraph {
                    lines: rest_lines,
                    line: *line,
                });
            }
            _ => out.push(block),
        }
    }
    *blocks = out;
}

/// A document's own heading ("JOURNAL", "RECORD OF A CONVERSATION with Cde. KIM IL SUNG",
/// "The Journal of Soviet Ambassador to the DPRK A. M. PUZANOV"): a short line without
/// final punctuation that opens with a kind of document and is set (partly) in capitals.
pub fn is_document_heading(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 100 || text.ends_with(['.', ',', ';', ':']) {
        return false;
    }
    let opening = text.strip_prefix("The ").unwrap_or(text);
    let opening: String = opening
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    let opens_with_kind = [
        "journal",
        "record of",
        "memorandum",
        "telegram",
        "letter",
        "report",
        "minutes",
        "diary",
        "protocol",
        "note of",
    ]
    .iter()
    .any(|k| opening.to_lowercase().starts_with(k));
    let capitals = text.split_whitespace().any(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    });
    opens_with_kind && capitals
}

/// Converter headings follow font sizes, not structure: a `#` line that is not the
/// document's heading (a signature line, a typist's reference) becomes a paragraph, and
/// the document's heading becomes a level-2 heading wherever it stands.
fn headings(blocks: &mut [Block], repairs: &mut Repairs) {
    for block in blocks.iter_mut() {
        match block {
            Block::Heading { level, text, line } => {
                if is_document_heading(text) {
                    if *level != 2 {
                        repairs.add(
                            "heading-level",
                            "Made the document heading a level-2 heading",
                            format!("\"{text}\" (was {})", "#".repeat(*level as usize)),
                        );
                        *level = 2;
                    }
                } else {
                    repairs.add(
                        "heading-demoted",
                        "Mis-converted headings made plain paragraphs",
                        format!(
                            "\"{}\" (was {})",
                            short(text, 8),
                            "#".repeat(*level as usize)
                        ),
                    );
                    *block = Block::paragraph(text.clone(), *line);
                }
            }
            Block::Paragraph { lines, line }
                if lines.len() == 1 && is_document_heading(&lines[0]) =>
            {
                repairs.add(
                    "heading-level",
                    "Made the document heading a level-2 heading",
                    format!("\"{}\"", lines[0]),
                );
                *block = Block::Heading {
                    level: 2,
                    text: lines[0].clone(),
                    line: *line,
                };
            }
            _ => {}
        }
    }
}

fn is_list_like(text: &str) -> bool {
    let t = text.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let after_digits = &t[digits..];
    (digits > 0
        && (after_digits.starts_with(" - ")
            || after_digits.starts_with(". ")
            || after_digits.starts_with(") ")))
        || (t.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && t[1..].starts_with(") "))
        || t.starts_with("- ")
}

fn open_brackets(text: &str) -> bool {
    text.matches('[').count() > text.matches(']').count()
}

fn open_quote(text: &str) -> bool {
    text.matches('"').count() % 2 == 1 || text.matches('“').count() > text.matches('”').count()
}

/// "of Soviet Ambassador … for the period" / "16 February through 24 March 1960": a short
/// line that stops on a lower-case word, and a short line that goes on in lower case or
/// with a number.
fn heading_block(a: &[String], b: &str) -> bool {
    let [only] = a else { return false };
    let last_word = only.split_whitespace().next_back().unwrap_or("");
    only.chars().count() <= 100
        && b.chars().count() <= 100
        && !ends_terminally(only)
        && !last_word.is_empty()
        && last_word.chars().all(|c| c.is_lowercase())
        && b.chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        && !is_list_like(b)
}

/// Passages the export split into several paragraphs although they are one: a bracket
/// opened and closed three paragraphs later (a stamp), a quotation over two, a heading
/// block. They become one paragraph with hard line breaks.
/// At most this many paragraphs are joined to one passage.
const MAX_JOINS: usize = 4;

fn keep_together(blocks: &mut Vec<Block>, repairs: &mut Repairs) {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut joins_left: usize = 0;
    for block in blocks.drain(..) {
        if let (Some(Block::Paragraph { lines: a, .. }), Block::Paragraph { lines: b, .. }) =
            (out.last_mut(), &block)
        {
            let a_text = a.join(" ");
            let b_text = b.join(" ");
            let small = a_text.chars().count() <= 300 && b_text.chars().count() <= 200;
            let reason = if !small {
                None
            } else if open_brackets(&a_text) && joins_left > 0 {
                Some("bracketed passage")
            } else if open_quote(&a_text) && !open_brackets(&b_text) && joins_left > 0 {
                Some("quotation")
            } else if heading_block(a, &b_text) {
                Some("heading block")
            } else {
                None
            };
            if let Some(reason) = reason {
                // One repair per passage, however many paragraphs it had.
                if joins_left == MAX_JOINS {
                    repairs.add(
                        "kept-together",
                        "Kept passages the export split over several paragraphs together as one paragraph with hard line breaks",
                        format!("{reason} ({})", short(&a[0], 5)),
                    );
                }
                a.extend(b.iter().cloned());
                joins_left = joins_left.saturating_sub(1);
                continue;
            }
        }
        joins_left = MAX_JOINS;
        out.push(block);
    }
    *blocks = out;
}

/// Abbreviations after which a sentence does not end ("we would like to ask you, Cde." /
/// "Stalin, to permit us").
fn ends_with_abbreviation(text: &str) -> bool {
    let last = text.split_whitespace().next_back().unwrap_or("");
    const ABBREVIATIONS: &[&str] = &[
        "Cde.", "Cdes.", "Mr.", "Mrs.", "Dr.", "St.", "Gen.", "No.", "Prof.", "Comrade",
    ];
    let initial = last.chars().count() == 2
        && last.ends_with('.')
        && last.chars().next().is_some_and(char::is_uppercase);
    ABBREVIATIONS.contains(&last) || initial
}

/// "… is especially": a sentence that goes on.
fn last_word_lowercase(text: &str) -> bool {
    text.split_whitespace()
        .next_back()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
}

/// Paragraphs split by a page break of the original: a long paragraph that stops
/// mid-sentence, and a paragraph that carries on.
fn page_breaks(blocks: &mut Vec<Block>, vocabulary: &Vocabulary, repairs: &mut Repairs) {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks.drain(..) {
        if let (Some(Block::Paragraph { lines: a, .. }), Block::Paragraph { lines: b, .. }) =
            (out.last_mut(), &block)
        {
            let last = a.last().expect("paragraphs have a line");
            let stops_mid_sentence = !ends_terminally(last)
                && last
                    .trim_end()
                    .ends_with(|c: char| c.is_alphanumeric() || c == ',' || c == '-');
            let carries_on =
                b[0].chars().next().is_some_and(char::is_alphanumeric) && !is_list_like(&b[0]);
            if a.len() == 1
                && carries_on
                && a[0].chars().count() >= 60
                && ((stops_mid_sentence && last_word_lowercase(last))
                    || ends_with_abbreviation(last))
            {
                let example = format!(
                    "\"{}\" / \"{}\"",
                    last.split_whitespace().next_back().unwrap_or(""),
                    short(&b[0], 4).trim_end_matches(" …")
                );
                repairs.add(
                    "page-break",
                    "Rejoined paragraphs split by a page break",
                    example,
                );
                let joined = join_wrapped(last, &b[0], vocabulary, &mut Repairs::default());
                *a.last_mut().expect("paragraphs have a line") = joined;
                a.extend(b[1..].iter().cloned());
                continue;
            }
        }
        out.push(block);
    }
    *blocks = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block::paragraph(text, 1)
    }

    fn run(blocks: Vec<Block>) -> (Vec<Block>, Repairs) {
        let mut blocks = blocks;
        let mut r = Repairs::default();
        apply(&mut blocks, &Vocabulary::default(), &mut r);
        (blocks, r)
    }

    #[test]
    fn document_headings() {
        assert!(is_document_heading("JOURNAL"));
        assert!(is_document_heading(
            "RECORD OF A CONVERSATION with Cde. KIM IL SUNG"
        ));
        assert!(is_document_heading(
            "The Journal of Soviet Ambassador to the DPRK A. M. PUZANOV"
        ));
        assert!(!is_document_heading(
            "SOVIET AMBASSADOR IN THE DPRK [signature] (A. PUZANOV)"
        ));
        assert!(!is_document_heading("6-AP/vp"));
        assert!(!is_document_heading(
            "Record of a conversation of Cde. Stalin with Kim Il Sung"
        ));
        assert!(!is_document_heading("Journal entries were READ by all."));
    }

    #[test]
    fn converter_headings_are_demoted_and_document_headings_promoted() {
        let (b, r) = run(vec![
            Block::Heading {
                level: 1,
                text: "SOVIET AMBASSADOR IN THE DPRK [signature] (A. PUZANOV)".into(),
                line: 1,
            },
            para("RECORD OF A CONVERSATION with Cde. KIM IL SUNG"),
            Block::Heading {
                level: 2,
                text: "JOURNAL".into(),
                line: 3,
            },
        ]);
        assert!(matches!(b[0], Block::Paragraph { .. }));
        assert!(matches!(b[1], Block::Heading { level: 2, .. }));
        assert!(matches!(b[2], Block::Heading { level: 2, .. }));
        assert_eq!(r.0.len(), 2);
    }

    #[test]
    fn a_stamp_over_three_paragraphs_is_one() {
        let (b, _) = run(vec![
            para("[faded image of a stamp:"),
            para("Incoming 02277-ss;"),
            para("28 August 1957]"),
            para("Copy Nº 1"),
        ]);
        assert_eq!(b.len(), 2);
        assert_eq!(
            b[0].lines(),
            [
                "[faded image of a stamp:",
                "Incoming 02277-ss;",
                "28 August 1957]"
            ]
        );
    }

    #[test]
    fn a_quotation_and_a_heading_block() {
        let (b, _) = run(vec![
            para("\"to Cdes. [[N. P. Varnov?]] and Samsonov, G. Ye."),
            para("9 April 1960 [[illegible signature]]\"]"),
            para("of Soviet Ambassador in the DPRK A. M. Puzanov for the period"),
            para("16 February through 24 March 1960"),
            para("Five copies printed"),
            para("1 - Cde. A. A. Gromyko"),
        ]);
        assert_eq!(b.len(), 4);
        assert_eq!(b[0].lines().len(), 2);
        assert_eq!(b[1].lines().len(), 2);
    }

    #[test]
    fn page_breaks_are_rejoined() {
        let long = "I noted for my part that of course if only the issue of the factionalists is especially";
        let long = format!("{long} {long} especially");
        let (b, r) = run(vec![para(&long), para("raised at the Party conference then."), para("Further Kim Il Sung appealed to Cde. Stalin, saying: we would like to ask you and your comrades in the government, Cde."), para("Stalin, to permit us.")]);
        assert_eq!(b.len(), 2);
        assert!(b[0]
            .text()
            .ends_with("especially raised at the Party conference then."));
        assert!(b[1].text().contains("Cde. Stalin, to permit us."));
        assert_eq!(
            r.0.iter().find(|x| x.kind == "page-break").unwrap().count,
            2
        );
    }

    #[test]
    fn a_note_and_a_heading_on_one_line_are_split() {
        let (b, _) = run(vec![para("[Translator's Note: the date is not given] Record of a conversation of Cde. Stalin with Kim Il Sung Interpreted by Mun Il [Mun Il]")]);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].lines(), ["[Translator's Note: the date is not given]"]);
        assert_eq!(
            b[1].lines(),
            [
                "Record of a conversation of Cde. Stalin with Kim Il Sung",
                "Interpreted by Mun Il [Mun Il]"
            ]
        );
    }
}
