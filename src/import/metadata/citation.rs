//! The archive's citation line: `"<title>", <date>, <publisher> Digital Archive,
//! <archive and reference>. Translated [for NKIDP] by <translator>. <address>`.
//! Every part is optional: exports cut the line, wrap it, or bracket the address.

use super::date;
use super::url::{self, FoundUrl};

/// A citation taken apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citation {
    /// The quoted title, without its quotes and without a trailing comma inside them.
    pub title: Option<String>,
    /// Whether the quoted title ended with a comma inside the quotes (`"…1957,"`).
    pub title_had_comma: bool,
    pub date: Option<String>,
    pub publisher: Option<String>,
    /// The archival part: archive and reference.
    pub archival: Option<String>,
    pub translator: Option<String>,
    pub url: Option<FoundUrl>,
}

const QUOTES: [char; 4] = ['"', '“', '”', '„'];

/// The closing quote of a title that opens at byte 0: the first quote after which comes a
/// comma, a space or the end, or which follows a comma.
fn closing_quote(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if QUOTES.contains(&c) {
            let next = chars.peek().map(|(_, n)| *n);
            let prev = text[..i].chars().next_back();
            if next.is_none_or(|n| n == ',' || n.is_whitespace()) || prev == Some(',') {
                return Some(i);
            }
        }
    }
    None
}

/// Takes a citation apart.
pub fn parse(text: &str) -> Citation {
    let mut c = Citation {
        url: url::find(text),
        ..Citation::default()
    };
    let mut rest = text.trim();
    if let Some(found) = &c.url {
        let end = found.start.min(rest.len());
        rest = rest[..end].trim();
    }
    if rest.starts_with(QUOTES) {
        if let Some(close) = closing_quote(rest) {
            let inner = rest[rest.chars().next().map_or(1, char::len_utf8)..close].trim();
            c.title_had_comma = inner.ends_with(',');
            let title = inner.trim_end_matches(',').trim();
            if !title.is_empty() {
                c.title = Some(title.to_string());
            }
            let after = close + rest[close..].chars().next().map_or(1, char::len_utf8);
            rest = rest[after..].trim_start_matches([',', ' ']);
        }
    }
    if let Some(found) = date::at_start(rest) {
        c.date = Some(found.edtf);
        rest = rest[found.len..].trim_start_matches([',', ' ']);
    }
    if let Some(at) = rest.find("Digital Archive") {
        let end = at + "Digital Archive".len();
        c.publisher = Some(rest[..end].trim().to_string());
        rest = rest[end..].trim_start_matches([',', ' ', '.']);
    }
    let translated = rest
        .find("Translated ")
        .or_else(|| rest.find("translated by "));
    let archival = match translated {
        Some(at) => {
            let sentence = &rest[at..];
            let end = sentence.find(". ").map_or(sentence.len(), |e| e + 1);
            if let Some(by) = sentence[..end].find(" by ") {
                let name = sentence[by + 4..end].trim().trim_end_matches('.').trim();
                if !name.is_empty() {
                    c.translator = Some(name.to_string());
                }
            }
            &rest[..at]
        }
        None => rest,
    };
    let archival = archival.trim().trim_end_matches(['.', ',', ' ']);
    if !archival.is_empty() {
        c.archival = Some(archival.to_string());
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_citation() {
        let c = parse("\"Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 17 December 1957\", December 17, 1957, Wilson Center Digital Archive, AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25. Translated for NKIDP by Gary Goldberg. <https://wilson-center.drivingcreative.com/document/115956>");
        assert_eq!(
            c.title.as_deref(),
            Some("Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 17 December 1957")
        );
        assert_eq!(c.date.as_deref(), Some("1957-12-17"));
        assert_eq!(
            c.publisher.as_deref(),
            Some("Wilson Center Digital Archive")
        );
        assert_eq!(
            c.archival.as_deref(),
            Some("AVPRF F. 0102, Op. 14, Delo 6, Listy 14-25")
        );
        assert_eq!(c.translator.as_deref(), Some("Gary Goldberg"));
        assert!(c.url.unwrap().bracketed);
    }

    #[test]
    fn comma_inside_the_quotes_and_no_address() {
        let c = parse("\"Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 7 August 1957,\" August 07, 1957, History and Public Policy Program Digital Archive, AVPRF F. 0102, Op. 13, P. 72, Delo 5, Listy 165-192. Translated for NKIDP by Gary Goldberg.");
        assert_eq!(
            c.title.as_deref(),
            Some("Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 7 August 1957")
        );
        assert!(c.title_had_comma);
        assert_eq!(c.date.as_deref(), Some("1957-08-07"));
        assert_eq!(
            c.publisher.as_deref(),
            Some("History and Public Policy Program Digital Archive")
        );
        assert!(c.url.is_none());
    }

    #[test]
    fn month_precision_and_archive_last() {
        let c = parse("\"Record of a Conversation of Cde. Stalin with Kim Il Sung and Pak Heon-yeong\", April 1950, Wilson Center Digital Archive, \"Report on Kim Il Sung's visit to the USSR, March 30 - April 25, 1950. Prepared by the International Department, APRF. Translated by Gary Goldberg. <https://x.org/document/114905>");
        assert_eq!(c.date.as_deref(), Some("1950-04"));
        assert_eq!(c.translator.as_deref(), Some("Gary Goldberg"));
        assert!(c.archival.unwrap().ends_with(", APRF"));
    }

    #[test]
    fn smart_quotes_and_fragments() {
        let c = parse("“A title”, 1957");
        assert_eq!(c.title.as_deref(), Some("A title"));
        assert_eq!(parse("no quotes at all").title, None);
        assert_eq!(parse("\"unclosed").title, None);
    }
}
