//! Honest archival dates: the EDTF subset editions use, with their precision.
//!
//! A date says exactly what is known: `1950-04` is "April 1950", never "1 April 1950".
//! Accepted forms: `1957`, `1950-04`, `1957-12-17`; qualifiers `?` (uncertain),
//! `~` (approximate), `%` (both); unspecified digits `195X`, `19XX`, `1957-XX`,
//! `1957-12-XX`; intervals `1960-02-16/1960-03-24`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Century,
    Decade,
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::Century => "century",
            Precision::Decade => "decade",
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// One point in time at some precision, with its EDTF qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DatePoint {
    /// The first year of the span (1950 for `195X`).
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
    precision: Precision,
    /// The next finer component was written as `XX` (`1957-XX`): known to exist, not known.
    unspecified_part: bool,
    uncertain: bool,
    approximate: bool,
}

/// A document's date: a point, or an interval such as a journal's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EditionDate {
    Point(DatePoint),
    Interval(DatePoint, DatePoint),
}

/// Why a date string was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub input: String,
    pub reason: String,
}

/// The forms an editor may write, shown with every date error.
pub const ACCEPTED_FORMS: &str =
    "use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1957, 1950-04, 1957-12-17), \
optionally followed by ? (uncertain), ~ (approximate) or % (both); X for unknown digits \
(195X, 1957-XX); or an interval START/END (1960-02-16/1960-03-24)";

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "date \"{}\" is not a valid date ({})",
            self.input, self.reason
        )
    }
}

impl std::error::Error for DateError {}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of a month, 1-based.
pub fn month_name(month: u32) -> &'static str {
    MONTHS
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

impl DatePoint {
    pub fn precision(&self) -> Precision {
        self.precision
    }
    pub fn year(&self) -> i32 {
        self.year
    }
    pub fn month(&self) -> Option<u32> {
        self.month
    }
    pub fn day(&self) -> Option<u32> {
        self.day
    }
    pub fn is_uncertain(&self) -> bool {
        self.uncertain
    }
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }
    /// Coarser than a day, or qualified: a reader should see it is not exact.
    pub fn is_imprecise(&self) -> bool {
        self.precision != Precision::Day || self.uncertain || self.approximate
    }

    /// The first day the date may mean.
    pub fn earliest(&self) -> NaiveDate {
        let month = self.month.unwrap_or(1);
        let day = self.day.unwrap_or(1);
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or(NaiveDate::MIN)
    }

    /// The last day the date may mean.
    pub fn latest(&self) -> NaiveDate {
        let (year, month) = match self.precision {
            Precision::Century => (self.year + 99, 12),
            Precision::Decade => (self.year + 9, 12),
            Precision::Year => (self.year, 12),
            Precision::Month | Precision::Day => (self.year, self.month.unwrap_or(12)),
        };
        if let Some(day) = self.day {
            return NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MAX);
        }
        let first_of_next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        first_of_next
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    fn parse(text: &str, whole: &str) -> Result<DatePoint, DateError> {
        let fail = |reason: String| DateError {
            input: whole.to_string(),
            reason,
        };
        let (body, uncertain, approximate) = match text.as_bytes().last() {
            Some(b'?') => (&text[..text.len() - 1], true, false),
            Some(b'~') => (&text[..text.len() - 1], false, true),
            Some(b'%') => (&text[..text.len() - 1], true, true),
            _ => (text, false, false),
        };
        if body.is_empty() {
            return Err(fail("it is empty".into()));
        }
        let parts: Vec<&str> = body.split('-').collect();
        if parts.len() > 3 {
            return Err(fail("too many parts".into()));
        }
        let year_text = parts[0];
        if year_text.len() != 4 || !year_text.chars().all(|c| c.is_ascii_digit() || c == 'X') {
            return Err(fail(format!(
                "the year \"{year_text}\" must have four digits"
            )));
        }
        let unknown_year_digits = year_text.chars().rev().take_while(|&c| c == 'X').count();
        if year_text[..4 - unknown_year_digits].contains('X') {
            return Err(fail(
                "only the last digits of a year may be X (195X, 19XX)".into(),
            ));
        }
        let known: String = year_text.chars().filter(|c| *c != 'X').collect();
        if known.is_empty() || unknown_year_digits > 2 {
            return Err(fail("at least the century must be known (19XX)".into()));
        }
        let scale = 10i32.pow(unknown_year_digits as u32);
        let year: i32 = known
            .parse::<i32>()
            .map_err(|_| fail("the year is not a number".into()))?
            * scale;
        let mut point = DatePoint {
            year,
            month: None,
            day: None,
            precision: match unknown_year_digits {
                0 => Precision::Year,
                1 => Precision::Decade,
                _ => Precision::Century,
            },
            unspecified_part: false,
            uncertain,
            approximate,
        };
        if parts.len() == 1 {
            return Ok(point);
        }
        if unknown_year_digits > 0 {
            return Err(fail(
                "a year with unknown digits cannot have a month".into(),
            ));
        }
        let month_text = parts[1];
        if month_text == "XX" {
            if parts.len() == 3 {
                return Err(fail("an unknown month cannot have a day".into()));
            }
            point.unspecified_part = true;
            return Ok(point);
        }
        let month = two_digits(month_text).ok_or_else(|| {
            fail(format!(
                "the month \"{month_text}\" must have two digits, 01 to 12"
            ))
        })?;
        if !(1..=12).contains(&month) {
            return Err(fail(format!("month {month}")));
        }
        point.month = Some(month);
        point.precision = Precision::Month;
        if parts.len() == 2 {
            return Ok(point);
        }
        let day_text = parts[2];
        if day_text == "XX" {
            point.unspecified_part = true;
            return Ok(point);
        }
        let day = two_digits(day_text).ok_or_else(|| {
            fail(format!(
                "the day \"{day_text}\" must have two digits, 01 to 31"
            ))
        })?;
        if NaiveDate::from_ymd_opt(year, month, day).is_none() {
            return Err(fail(format!(
                "{} {} has no day {day}",
                month_name(month),
                year
            )));
        }
        point.day = Some(day);
        point.precision = Precision::Day;
        Ok(point)
    }

    /// The EDTF text of this point.
    pub fn edtf(&self) -> String {
        let mut out = match self.precision {
            Precision::Century => format!("{:02}XX", self.year / 100),
            Precision::Decade => format!("{:03}X", self.year / 10),
            Precision::Year if self.unspecified_part => format!("{:04}-XX", self.year),
            Precision::Year => format!("{:04}", self.year),
            Precision::Month if self.unspecified_part => {
                format!("{:04}-{:02}-XX", self.year, self.month.unwrap_or(1))
            }
            Precision::Month => format!("{:04}-{:02}", self.year, self.month.unwrap_or(1)),
            Precision::Day => format!(
                "{:04}-{:02}-{:02}",
                self.year,
                self.month.unwrap_or(1),
                self.day.unwrap_or(1)
            ),
        };
        match (self.uncertain, self.approximate) {
            (true, true) => out.push('%'),
            (true, false) => out.push('?'),
            (false, true) => out.push('~'),
            (false, false) => {}
        }
        out
    }

    /// Machine-readable form for `<time datetime>`: only the known part.
    pub fn machine(&self) -> String {
        match self.precision {
            Precision::Century | Precision::Decade | Precision::Year => {
                format!("{:04}", self.year)
            }
            Precision::Month => format!("{:04}-{:02}", self.year, self.month.unwrap_or(1)),
            Precision::Day => self.earliest().format("%Y-%m-%d").to_string(),
        }
    }

    /// The date in words, without qualifiers.
    fn bare_words(&self) -> String {
        match self.precision {
            Precision::Century => format!("the {}s", self.year),
            Precision::Decade => format!("the {}s", self.year),
            Precision::Year if self.unspecified_part => format!("{} (month unknown)", self.year),
            Precision::Year => self.year.to_string(),
            Precision::Month => {
                let text = format!("{} {}", month_name(self.month.unwrap_or(1)), self.year);
                if self.unspecified_part {
                    format!("{text} (day unknown)")
                } else {
                    text
                }
            }
            Precision::Day => format!(
                "{} {} {}",
                self.day.unwrap_or(1),
                month_name(self.month.unwrap_or(1)),
                self.year
            ),
        }
    }

    /// The date in words, with qualifiers: "circa 1955", "1957 (uncertain)".
    pub fn words(&self) -> String {
        let bare = self.bare_words();
        match (self.approximate, self.uncertain) {
            (true, true) => format!("circa {bare} (uncertain)"),
            (true, false) => format!("circa {bare}"),
            (false, true) => format!("{bare} (uncertain)"),
            (false, false) => bare,
        }
    }

    fn sort_key(&self) -> (NaiveDate, Precision, bool, bool) {
        (
            self.earliest(),
            self.precision,
            self.approximate,
            self.uncertain,
        )
    }
}

fn two_digits(text: &str) -> Option<u32> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

impl EditionDate {
    /// Parses the EDTF subset described at the top of this file.
    pub fn parse(text: &str) -> Result<EditionDate, DateError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(DateError {
                input: text.to_string(),
                reason: "it is empty".into(),
            });
        }
        match trimmed.split_once('/') {
            None => Ok(EditionDate::Point(DatePoint::parse(trimmed, trimmed)?)),
            Some((start, end)) => {
                if start == ".." || end == ".." || start.is_empty() || end.is_empty() {
                    return Err(DateError {
                        input: trimmed.to_string(),
                        reason: "open intervals are not supported; give both ends".into(),
                    });
                }
                let start = DatePoint::parse(start, trimmed)?;
                let end = DatePoint::parse(end, trimmed)?;
                if end.latest() < start.earliest() {
                    return Err(DateError {
                        input: trimmed.to_string(),
                        reason: "the interval ends before it starts".into(),
                    });
                }
                Ok(EditionDate::Interval(start, end))
            }
        }
    }

    /// Where the date starts; an imprecise date sorts at the start of its span.
    pub fn start(&self) -> &DatePoint {
        match self {
            EditionDate::Point(p) | EditionDate::Interval(p, _) => p,
        }
    }

    pub fn end(&self) -> &DatePoint {
        match self {
            EditionDate::Point(p) | EditionDate::Interval(_, p) => p,
        }
    }

    pub fn is_interval(&self) -> bool {
        matches!(self, EditionDate::Interval(..))
    }

    pub fn earliest(&self) -> NaiveDate {
        self.start().earliest()
    }

    pub fn latest(&self) -> NaiveDate {
        self.end().latest()
    }

    pub fn year(&self) -> i32 {
        self.start().year()
    }

    /// The month the date falls in, when it is known.
    pub fn month(&self) -> Option<u32> {
        self.start().month()
    }

    pub fn precision(&self) -> Precision {
        self.start().precision()
    }

    /// Anything a reader should not take as an exact day.
    pub fn is_imprecise(&self) -> bool {
        self.is_interval() || self.start().is_imprecise()
    }

    pub fn edtf(&self) -> String {
        match self {
            EditionDate::Point(p) => p.edtf(),
            EditionDate::Interval(a, b) => format!("{}/{}", a.edtf(), b.edtf()),
        }
    }

    /// For `<time datetime="…">`.
    pub fn machine(&self) -> String {
        self.start().machine()
    }

    /// The date as a reader should see it: "17 December 1957", "April 1950",
    /// "16 February – 24 March 1960".
    pub fn words(&self) -> String {
        match self {
            EditionDate::Point(p) => p.words(),
            EditionDate::Interval(a, b) => interval_words(a, b),
        }
    }
}

/// Shares the year (and month) between the two ends when both are plain days.
fn interval_words(a: &DatePoint, b: &DatePoint) -> String {
    let plain = |p: &DatePoint| p.precision == Precision::Day && !p.uncertain && !p.approximate;
    if plain(a) && plain(b) && a.year == b.year {
        let (ad, am) = (a.day.unwrap_or(1), a.month.unwrap_or(1));
        if am == b.month.unwrap_or(1) {
            return format!("{ad}–{}", b.words());
        }
        return format!("{ad} {} – {}", month_name(am), b.words());
    }
    format!("{} – {}", a.words(), b.words())
}

impl Ord for EditionDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start()
            .sort_key()
            .cmp(&other.start().sort_key())
            .then_with(|| self.latest().cmp(&other.latest()))
            .then_with(|| self.edtf().cmp(&other.edtf()))
    }
}

impl PartialOrd for EditionDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for EditionDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.edtf())
    }
}

impl Serialize for EditionDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.edtf())
    }
}

impl<'de> Deserialize<'de> for EditionDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::model::scalar::Scalar::deserialize(deserializer)?;
        EditionDate::parse(&text.0).map_err(serde::de::Error::custom)
    }
}

/// The year in which a date falls, as used by the timeline.
pub fn year_of(date: NaiveDate) -> i32 {
    date.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> EditionDate {
        EditionDate::parse(text).unwrap()
    }

    #[test]
    fn precision_is_kept() {
        assert_eq!(p("1957").precision(), Precision::Year);
        assert_eq!(p("1950-04").precision(), Precision::Month);
        assert_eq!(p("1957-12-17").precision(), Precision::Day);
        assert_eq!(p("195X").precision(), Precision::Decade);
        assert_eq!(p("19XX").precision(), Precision::Century);
    }

    #[test]
    fn words_say_what_is_known() {
        assert_eq!(p("1957-12-17").words(), "17 December 1957");
        assert_eq!(p("1950-04").words(), "April 1950");
        assert_eq!(p("1957").words(), "1957");
        assert_eq!(p("1955~").words(), "circa 1955");
        assert_eq!(p("1957?").words(), "1957 (uncertain)");
        assert_eq!(p("1955%").words(), "circa 1955 (uncertain)");
        assert_eq!(p("195X").words(), "the 1950s");
        assert_eq!(p("1957-XX").words(), "1957 (month unknown)");
        assert_eq!(p("1957-12-XX").words(), "December 1957 (day unknown)");
        assert_eq!(
            p("1960-02-16/1960-03-24").words(),
            "16 February – 24 March 1960"
        );
        assert_eq!(p("1957-12-14/1957-12-20").words(), "14–20 December 1957");
        assert_eq!(p("1957/1958").words(), "1957 – 1958");
    }

    #[test]
    fn edtf_round_trips() {
        for text in [
            "1957",
            "1950-04",
            "1957-12-17",
            "1957?",
            "1955~",
            "1955%",
            "195X",
            "19XX",
            "1957-XX",
            "1957-12-XX",
            "1960-02-16/1960-03-24",
        ] {
            assert_eq!(p(text).edtf(), text);
        }
    }

    #[test]
    fn bounds_cover_the_span() {
        let april = p("1950-04");
        assert_eq!(april.earliest().to_string(), "1950-04-01");
        assert_eq!(april.latest().to_string(), "1950-04-30");
        let decade = p("195X");
        assert_eq!(decade.earliest().to_string(), "1950-01-01");
        assert_eq!(decade.latest().to_string(), "1959-12-31");
        assert_eq!(p("1960-02").latest().to_string(), "1960-02-29");
    }

    #[test]
    fn imprecise_dates_sort_at_the_start_of_their_span() {
        let mut dates = [p("1950-04-02"), p("1950-04"), p("1950"), p("1950-03-31")];
        dates.sort();
        let order: Vec<String> = dates.iter().map(|d| d.edtf()).collect();
        assert_eq!(order, ["1950", "1950-03-31", "1950-04", "1950-04-02"]);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let err = EditionDate::parse("1957-13-01").unwrap_err();
        assert!(err.to_string().contains("month 13"), "{err}");
        let err = EditionDate::parse("1957-02-30").unwrap_err();
        assert!(
            err.to_string().contains("February 1957 has no day 30"),
            "{err}"
        );
        assert!(EditionDate::parse("57").is_err());
        assert!(EditionDate::parse("1957-1-2").is_err());
        assert!(EditionDate::parse("1X57").is_err());
        assert!(EditionDate::parse("1960-03-24/1960-02-16").is_err());
        assert!(EditionDate::parse("../1960").is_err());
        assert!(EditionDate::parse("").is_err());
        assert!(EditionDate::parse("April 1950").is_err());
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "?",
            "~",
            "%",
            "-",
            "--",
            "/",
            "1957-",
            "-12",
            "１９５７",
            "1957-12-17-1",
            "XXXX",
        ] {
            let _ = EditionDate::parse(text);
        }
    }
}
