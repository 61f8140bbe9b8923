//! Whether an export seems to stop mid-document: what its last block ends with. A document
//! ends with a full stop, a signature, a date or a distribution list; an export cut short
//! ends after a comma, on a word like "the", in the middle of a word, after an ellipsis, or
//! in a list whose other items are punctuated. Short unpunctuated lines that are not prose
//! (names, references, dates: "Nº [208]", "6 to file", "13 November 1957") are endings.

use super::blocks::ends_terminally;
use super::Block;

/// Words a sentence does not end on.
const OPEN_WORDS: &[&str] = &[
    "a", "about", "after", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before",
    "between", "both", "but", "by", "can", "could", "did", "does", "each", "for", "from", "had",
    "has", "have", "he", "her", "his", "if", "in", "into", "is", "it", "its", "may", "must", "no",
    "nor", "not", "of", "on", "or", "our", "shall", "she", "should", "than", "that", "the",
    "their", "these", "they", "this", "those", "to", "under", "upon", "very", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "whom", "whose", "will", "with", "would",
];

/// Whether the text seems to stop mid-document.
pub fn looks_cut_off(blocks: &[Block]) -> bool {
    match blocks.last() {
        Some(Block::Paragraph { lines, .. }) => {
            let last = lines.last().map_or("", |l| l.trim_end());
            stops_open(last)
                || (!ends_terminally(last)
                    && (last.chars().count() >= 80
                        || is_prose(last)
                        || ends_mid_word(last, blocks)))
        }
        Some(Block::List { items, .. }) => {
            let Some((last, others)) = items.split_last() else {
                return false;
            };
            let last = last.trim_end();
            let punctuated = |item: &String| {
                let item = item.trim_end();
                ends_terminally(item) || item.ends_with(',')
            };
            stops_open(last)
                || (!ends_terminally(last)
                    && ((!others.is_empty() && others.iter().all(punctuated))
                        || is_prose(last)
                        || ends_mid_word(last, blocks)))
        }
        _ => false,
    }
}

/// Ends on something that needs a continuation: an ellipsis (not the editors' `[...]`), a
/// comma, a colon or semicolon, a dash or hyphen, an opening bracket or quote, or a word
/// like "and" or "the".
fn stops_open(text: &str) -> bool {
    let ellipsis = (text.ends_with('…') || text.ends_with("..."))
        && !text.ends_with("[...]")
        && !text.ends_with("[…]");
    let open_mark = text.ends_with([
        ',', ';', ':', '-', '–', '—', '(', '[', '/', '&', '“', '‘', '«',
    ]);
    let open_word = text
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| text.ends_with(w) && OPEN_WORDS.contains(&w));
    ellipsis || open_mark || open_word
}

/// A line of running text rather than a name, a reference or a date: five words or more,
/// at least half of them in lower case.
fn is_prose(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_lowercase)
        })
        .count();
    words.len() >= 5 && lower * 2 >= words.len()
}

/// The last word occurs nowhere else in the text, while a longer word of
/// the text starts with it ("… for the rep" where "report" is used): a word cut in two.
fn ends_mid_word(text: &str, blocks: &[Block]) -> bool {
    let Some(last) = text.rsplit(|c: char| !c.is_alphabetic()).next() else {
        return false;
    };
    if last.chars().count() < 2 || !text.ends_with(last) {
        return false;
    }
    let last = last.to_lowercase();
    let mut same = 0;
    let mut longer = false;
    for block in blocks {
        for t in block.lines() {
            for word in t.split(|c: char| !c.is_alphabetic()) {
                let word = word.to_lowercase();
                if word == last {
                    same += 1;
                } else if word.starts_with(&last) {
                    longer = true;
                }
            }
        }
    }
    same <= 1 && longer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block::paragraph(text, 1)
    }

    fn list(items: &[&str]) -> Block {
        Block::List {
            items: items.iter().map(|s| s.to_string()).collect(),
            line: 1,
        }
    }

    const EARLIER: &str = "Kim Il Sung thanked the ambassador for the report and said that the talks went successfully.";

    #[test]
    fn cut_off_paragraphs() {
        for ending in [
            "as if it were our own…",
            "Kim Il Sung replies, explaining...",
            "Ri Dong-geon [sic] was present at the conversation,",
            "Kim Il Sung thanked [me] for the",
            "The conference is to discuss:",
            "Kim Il Sung thanked [me] for the rep",
            "Kim Il Sung thanked [me] for the report",
            "The talks went successf",
            "I noted for my part that of course if only the issue of the factionalists is especially",
            "the machine tool inventory consists of",
            "Cde. Stalin asks whether you plant cotton. Kim Il Sung replies that yes they plant cot",
        ] {
            assert!(looks_cut_off(&[para(EARLIER), para(ending)]), "{ending}");
        }
    }

    #[test]
    fn endings() {
        for ending in [
            "It lasted one hour.",
            "Nº [208]",
            "SOVIET AMBASSADOR IN THE DPRK [signature] (A. PUZANOV)",
            "A. Puzanov",
            "6-AP/vp",
            "13 November 1957",
            "Translated by Gary Goldberg",
            "ROK Ministry of Unification and Leon Levy Foundation",
            "We want to send [them] in May-June of this year [...]",
        ] {
            assert!(!looks_cut_off(&[para(EARLIER), para(ending)]), "{ending}");
        }
        assert!(!looks_cut_off(&[
            para(EARLIER),
            Block::Heading {
                level: 1,
                text: "JOURNAL".into(),
                line: 1
            }
        ]));
        assert!(!looks_cut_off(&[]));
    }

    #[test]
    fn cut_off_lists() {
        let plan = "a) the five-year plan for the development of the DPRK economy;";
        for items in [
            vec![plan],
            vec![plan, "b) an intra-Party"],
            vec!["coal,", "steel,", "cement and"],
            vec!["1 Cde. Gromyko", "2 Cde. Patolichev", "3 Cde. Zakh"],
            vec![
                "to send a group of artists;",
                "to plant cotton in the south of",
            ],
            vec![
                "to send a group of artists",
                "and to plant cotton in the southern provinces",
            ],
        ] {
            let blocks = [
                para(EARLIER),
                para("Zakharov and Gromyko were present."),
                list(&items),
            ];
            assert!(looks_cut_off(&blocks), "{items:?}");
        }
    }

    #[test]
    fn complete_lists() {
        let distribution = [
            "1 Cde. Gromyko",
            "2 Cde. Patolichev",
            "3 Cde. Zakharov",
            "4 Cde. Fedorenko",
            "5 the General Secretariat",
            "6 to file",
            "Nº 2172-dv",
            "13 November 1957",
        ];
        for items in [
            &distribution[..],
            &distribution[..6],
            &["a) the five-year plan;", "b) an intra-Party issue."][..],
            &["coal", "steel", "cement"][..],
        ] {
            assert!(!looks_cut_off(&[para(EARLIER), list(items)]), "{items:?}");
        }
    }
}
