//! Dates as the exports write them ("August 07, 1957", "17 December 1957", "April 1950"),
//! turned into EDTF with their precision; the journal's period ("for the period 16
//! February through 24 March 1960"); and the translator's `[sic]` corrections of dates.

use crate::model::EditionDate;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names: "August", "Aug.", "Sept", any case.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

fn day_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches([',', '.']);
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<i32> {
    let w = word.trim_end_matches([',', '.', ';', ':']);
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// A date found at the start of a text: its EDTF form and the byte length it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub edtf: String,
    pub len: usize,
}

/// Splits text into words with their byte end offsets.
fn words_with_ends(text: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((&text[s..i], i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((&text[s..], text.len()));
    }
    out
}

fn valid(edtf: String) -> Option<String> {
    EditionDate::parse(&edtf).ok().map(|_| edtf)
}

/// The date a text starts with, in any of the forms the exports use: "August 07, 1957",
/// "17 December 1957", "April 1950", "1957-12-17", "1957".
pub fn at_start(text: &str) -> Option<Found> {
    let text_trimmed = text.trim_start();
    let offset = text.len() - text_trimmed.len();
    let w = words_with_ends(text_trimmed);
    let found = |edtf: String, words: usize| {
        valid(edtf).map(|edtf| Found {
            edtf,
            len: offset + w[words - 1].1,
        })
    };
    let get = |i: usize| w.get(i).map(|x| x.0);
    // Month DD, YYYY
    if let (Some(m), Some(d), Some(y)) = (
        get(0).and_then(month_number),
        get(1).and_then(day_number),
        get(2).and_then(year_number),
    ) {
        return found(format!("{y:04}-{m:02}-{d:02}"), 3);
    }
    // DD Month YYYY
    if let (Some(d), Some(m), Some(y)) = (
        get(0).and_then(day_number),
        get(1).and_then(month_number),
        get(2).and_then(year_number),
    ) {
        return found(format!("{y:04}-{m:02}-{d:02}"), 3);
    }
    // Month YYYY
    if let (Some(m), Some(y)) = (get(0).and_then(month_number), get(1).and_then(year_number)) {
        return found(format!("{y:04}-{m:02}"), 2);
    }
    // EDTF as is, or a bare year
    if let Some(first) = get(0) {
        let first = first.trim_end_matches([',', '.']);
        if first.len() >= 4
            && first.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && EditionDate::parse(first).is_ok()
        {
            return found(first.to_string(), 1);
        }
    }
    None
}

/// The date a whole line is, if the line holds nothing else.
pub fn whole(text: &str) -> Option<String> {
    let found = at_start(text)?;
    text[found.len..]
        .trim()
        .trim_matches(|c: char| c == '.' || c == ',')
        .is_empty()
        .then_some(found.edtf)
}

/// A date anywhere in a text ("…, August 07, 1957, Wilson Center …"): the first one.
pub fn anywhere(text: &str) -> Option<String> {
    let mut at = 0;
    while at < text.len() {
        if text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
        {
            if let Some(found) = at_start(&text[at..]) {
                if found.edtf.len() > 4 {
                    return Some(found.edtf);
                }
            }
        }
        at += text[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The period a journal covers, from its heading: "for the period 16 February through
/// 24 March 1960", "for the period 14 through 20 December 1957". Returns an EDTF interval.
pub fn period(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let at = lower.find("for the period")?;
    let rest = &text[at + "for the period".len()..];
    let w: Vec<&str> = rest.split_whitespace().take(8).collect();
    let through = w.iter().position(|x| {
        matches!(
            x.to_lowercase().as_str(),
            "through" | "to" | "till" | "until" | "-" | "–"
        )
    })?;
    let (start, end) = (&w[..through], &w[through + 1..]);
    let end_day = day_number(end.first()?)?;
    let end_month = month_number(end.get(1)?)?;
    let end_year = year_number(end.get(2)?)?;
    let start_day = day_number(start.first()?)?;
    let start_month = match start.get(1) {
        Some(m) => month_number(m)?,
        None => end_month,
    };
    let start_year = match start.get(2) {
        Some(y) => year_number(y)?,
        None => end_year,
    };
    let edtf = format!(
        "{start_year:04}-{start_month:02}-{start_day:02}/{end_year:04}-{end_month:02}-{end_day:02}"
    );
    let date = EditionDate::parse(&edtf).ok()?;
    (date.earliest() <= date.latest()).then_some(edtf)
}

/// A date in the text that the translator corrected with `[sic; …]`
/// ("12 September [sic; November] 1957"): the phrase as written and the corrected EDTF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SicDate {
    pub written: String,
    pub corrected: Option<String>,
}

/// Every `[sic…]` that stands inside a date phrase.
pub fn sic_dates(text: &str) -> Vec<SicDate> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find("[sic") {
        let open = from + pos;
        let Some(close_rel) = text[open..].find(']') else {
            break;
        };
        let close = open + close_rel + 1;
        from = close;
        let before: Vec<&str> = text[..open].split_whitespace().rev().take(2).collect();
        let after: Vec<&str> = text[close..].split_whitespace().take(1).collect();
        let inner = text[open + 4..close - 1]
            .trim_start_matches([';', ':', ','])
            .trim();
        // "12 September [sic; November] 1957": day, month, [sic], year.
        let (Some(month), Some(year)) = (
            before.first().and_then(|m| month_number(m)),
            after.first().and_then(|y| year_number(y)),
        ) else {
            continue;
        };
        let day = before.get(1).and_then(|d| day_number(d));
        let start = match day {
            Some(_) => text[..open].trim_end().rfind(before[1]).unwrap_or(open),
            None => text[..open].trim_end().rfind(before[0]).unwrap_or(open),
        };
        let end = close
            + text[close..].find(after[0]).unwrap_or(0)
            + after[0].trim_end_matches([',', '.', ';']).len();
        let corrected_month = month_number(inner).unwrap_or(month);
        let corrected = match day {
            Some(d) => valid(format!("{year:04}-{corrected_month:02}-{d:02}")),
            None => valid(format!("{year:04}-{corrected_month:02}")),
        };
        out.push(SicDate {
            written: text[start..end].to_string(),
            corrected: if inner.is_empty() { None } else { corrected },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_of_every_family() {
        assert_eq!(whole("August 07, 1957").as_deref(), Some("1957-08-07"));
        assert_eq!(whole("March 24, 1960").as_deref(), Some("1960-03-24"));
        assert_eq!(whole("17 December 1957").as_deref(), Some("1957-12-17"));
        assert_eq!(whole("April 1950").as_deref(), Some("1950-04"));
        assert_eq!(whole("1957-12-17").as_deref(), Some("1957-12-17"));
        assert_eq!(whole("Sept. 3, 1957").as_deref(), Some("1957-09-03"));
        assert_eq!(whole("April 1950 and more"), None);
        assert_eq!(whole("February 30, 1957"), None);
        assert_eq!(whole("Journal of 1957"), None);
    }

    #[test]
    fn date_at_the_start_of_a_heading() {
        let text = "November 13, 1957 From the Journal of A. M. Puzanov";
        let found = at_start(text).unwrap();
        assert_eq!(found.edtf, "1957-11-13");
        assert_eq!(&text[found.len..], " From the Journal of A. M. Puzanov");
        assert_eq!(at_start("Maybe 12, 1957"), None);
    }

    #[test]
    fn date_inside_a_citation() {
        assert_eq!(
            anywhere("\"Title\", December 17, 1957, Wilson Center").as_deref(),
            Some("1957-12-17")
        );
        assert_eq!(
            anywhere("\"Record\", April 1950, Wilson Center").as_deref(),
            Some("1950-04")
        );
        assert_eq!(anywhere("no date here"), None);
    }

    #[test]
    fn journal_periods() {
        assert_eq!(period("of Soviet Ambassador A. M. Puzanov for the period 16 February through 24 March 1960").as_deref(), Some("1960-02-16/1960-03-24"));
        assert_eq!(
            period("for the period 14 through 20 December 1957").as_deref(),
            Some("1957-12-14/1957-12-20")
        );
        assert_eq!(
            period("for the period 1 through 15 August 1957").as_deref(),
            Some("1957-08-01/1957-08-15")
        );
        assert_eq!(period("for the period 20 through 14 December 1957"), None);
        assert_eq!(period("the period of reconstruction"), None);
    }

    #[test]
    fn sic_corrections_of_dates() {
        let found = sic_dates(
            "On 12 September [sic; November] 1957 a conversation was held. Kiyan [sic] plant.",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].written, "12 September [sic; November] 1957");
        assert_eq!(found[0].corrected.as_deref(), Some("1957-11-12"));
    }
}
