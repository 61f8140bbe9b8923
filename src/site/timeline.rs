//! The timeline: documents grouped by decade, year and month, placed honestly, with
//! context events and the lives of registered persons drawn between them.
//!
//! A document dated only to a year heads its year, one dated to a month heads its month,
//! and both are marked, so no reader takes "April 1950" for "1 April 1950". An overview strip
//! (inline SVG, no script) shows the number of documents per year. Past a configurable size,
//! each year gets a page of its own.

use super::views::{DateView, DocumentRef, PersonRef};
use crate::model::{EditionDate, Precision};
use serde::Serialize;

/// Something on the timeline that is not a document.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// "event", "birth" or "death".
    pub kind: &'static str,
    pub title: String,
    pub description: Option<String>,
    pub persons: Vec<PersonRef>,
}

/// One entry: a document or an event.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub date: DateView,
    pub document: Option<DocumentRef>,
    pub event: Option<EventView>,
}

/// An item with what placing it needs.
pub struct Placed {
    pub item: Item,
    pub date: EditionDate,
}

impl Placed {
    pub fn document(document: DocumentRef, date: &EditionDate) -> Placed {
        Placed {
            item: Item {
                date: DateView::new(date),
                document: Some(document),
                event: None,
            },
            date: *date,
        }
    }

    pub fn event(event: EventView, date: &EditionDate) -> Placed {
        Placed {
            item: Item {
                date: DateView::new(date),
                document: None,
                event: Some(event),
            },
            date: *date,
        }
    }

    pub fn is_document(&self) -> bool {
        self.item.document.is_some()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthGroup {
    pub label: String,
    pub anchor: String,
    pub entries: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearGroup {
    pub year: i32,
    pub anchor: String,
    /// The year's own page ("timeline/1957.html"), when the edition has year pages.
    pub url: Option<String>,
    /// Documents (not events) in the year.
    pub count: usize,
    /// Entries known only to the year (or coarser), shown before the months.
    pub year_only: Vec<Item>,
    pub months: Vec<MonthGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecadeGroup {
    pub label: String,
    pub anchor: String,
    pub count: usize,
    /// Entries known only to the decade (or century): they belong to no single year.
    pub decade_only: Vec<Item>,
    pub years: Vec<YearGroup>,
}

/// One bar of the overview strip, geometry precomputed.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub year: i32,
    pub count: usize,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// Link target relative to the timeline page, when the year has documents.
    pub href: Option<String>,
    /// Show the year under the bar (every bar when few, else every fifth year).
    pub labelled: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Strip {
    pub width: u32,
    pub height: u32,
    pub chart_height: u32,
    pub bars: Vec<Bar>,
    pub max: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineView {
    pub decades: Vec<DecadeGroup>,
    pub strip: Option<Strip>,
    /// Years have pages of their own; the index lists years only.
    pub year_pages: bool,
    pub documents: usize,
    pub events: usize,
}

/// Orders items: by date (an imprecise date at the start of its span), context before
/// documents on the same date, then by title.
pub fn sort(items: &mut [Placed]) {
    items.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.is_document().cmp(&b.is_document()))
            .then_with(|| title(a).cmp(title(b)))
    });
}

fn title(p: &Placed) -> &str {
    match (&p.item.document, &p.item.event) {
        (Some(d), _) => &d.title,
        (_, Some(e)) => &e.title,
        _ => "",
    }
}

/// Groups sorted items into decades, years and months.
pub fn group(items: Vec<Placed>, year_pages: bool) -> TimelineView {
    let documents = items.iter().filter(|p| p.is_document()).count();
    let events = items.len() - documents;
    let mut decades: Vec<DecadeGroup> = Vec::new();
    for placed in items {
        let year = placed.date.year();
        let decade_start = year.div_euclid(10) * 10;
        let label = format!("{decade_start}s");
        if decades.last().is_none_or(|d| d.label != label) {
            decades.push(DecadeGroup {
                anchor: format!("d{decade_start}"),
                label,
                count: 0,
                decade_only: Vec::new(),
                years: Vec::new(),
            });
        }
        let decade = decades.last_mut().expect("just pushed");
        if matches!(
            placed.date.precision(),
            Precision::Decade | Precision::Century
        ) {
            if placed.is_document() {
                decade.count += 1;
            }
            decade.decade_only.push(placed.item);
            continue;
        }
        if decade.years.last().is_none_or(|y| y.year != year) {
            decade.years.push(YearGroup {
                year,
                anchor: format!("y{year}"),
                url: year_pages.then(|| format!("timeline/{year}.html")),
                count: 0,
                year_only: Vec::new(),
                months: Vec::new(),
            });
        }
        let year_group = decade.years.last_mut().expect("just pushed");
        if placed.is_document() {
            decade.count += 1;
            year_group.count += 1;
        }
        let month = match placed.date.precision() {
            Precision::Month | Precision::Day => placed.date.month(),
            _ => None,
        };
        match month {
            Some(m) => {
                let anchor = format!("y{year}-{m:02}");
                if year_group.months.last().is_none_or(|g| g.anchor != anchor) {
                    year_group.months.push(MonthGroup {
                        label: format!("{} {year}", crate::model::date::month_name(m)),
                        anchor,
                        entries: Vec::new(),
                    });
                }
                let group = year_group.months.last_mut().expect("just pushed");
                group.entries.push(placed.item);
            }
            None => year_group.year_only.push(placed.item),
        }
    }
    let strip = strip(&decades, year_pages);
    TimelineView {
        decades,
        strip,
        year_pages,
        documents,
        events,
    }
}

/// The timeline's index when every year has pages of its own: decades and years with their
/// counts, and the entries known only to a decade (they belong to no year page). `years`
/// are (year, documents) in order; `decade_only` sorted.
pub fn overview(
    years: &[(i32, usize)],
    decade_only: Vec<Placed>,
    documents: usize,
    events: usize,
) -> TimelineView {
    let mut decades: Vec<DecadeGroup> = Vec::new();
    let decade_of = |year: i32| year.div_euclid(10) * 10;
    let open = |decades: &mut Vec<DecadeGroup>, start: i32| {
        let label = format!("{start}s");
        if !decades.iter().any(|d| d.label == label) {
            decades.push(DecadeGroup {
                anchor: format!("d{start}"),
                label,
                count: 0,
                decade_only: Vec::new(),
                years: Vec::new(),
            });
        }
    };
    for &(year, _) in years {
        open(&mut decades, decade_of(year));
    }
    for placed in &decade_only {
        open(&mut decades, decade_of(placed.date.year()));
    }
    decades.sort_by_key(|d| d.label.trim_end_matches('s').parse::<i32>().unwrap_or(0));
    for &(year, count) in years {
        let label = format!("{}s", decade_of(year));
        if let Some(decade) = decades.iter_mut().find(|d| d.label == label) {
            decade.count += count;
            decade.years.push(YearGroup {
                year,
                anchor: format!("y{year}"),
                url: Some(format!("timeline/{year}.html")),
                count,
                year_only: Vec::new(),
                months: Vec::new(),
            });
        }
    }
    for placed in decade_only {
        let label = format!("{}s", decade_of(placed.date.year()));
        if let Some(decade) = decades.iter_mut().find(|d| d.label == label) {
            if placed.is_document() {
                decade.count += 1;
            }
            decade.decade_only.push(placed.item);
        }
    }
    let strip = strip(&decades, true);
    TimelineView {
        decades,
        strip,
        year_pages: true,
        documents,
        events,
    }
}

const BAR_WIDTH: u32 = 24;
const GAP: u32 = 6;
const CHART_HEIGHT: u32 = 80;
const LABEL_SPACE: u32 = 18;

fn strip(decades: &[DecadeGroup], year_pages: bool) -> Option<Strip> {
    let years: Vec<&YearGroup> = decades.iter().flat_map(|d| &d.years).collect();
    let first = years.first()?.year;
    let last = years.last()?.year;
    let max = years.iter().map(|y| y.count).max().unwrap_or(1).max(1);
    let span = (last - first + 1) as u32;
    let mut bars = Vec::with_capacity(span as usize);
    for (i, year) in (first..=last).enumerate() {
        let count = years.iter().find(|y| y.year == year).map_or(0, |y| y.count);
        let height = if count == 0 {
            0
        } else {
            ((count as u32 * CHART_HEIGHT) / max as u32).max(4)
        };
        let href = (count > 0).then(|| {
            if year_pages {
                format!("{year}.html")
            } else {
                format!("#y{year}")
            }
        });
        bars.push(Bar {
            year,
            count,
            x: i as u32 * (BAR_WIDTH + GAP),
            y: CHART_HEIGHT - height,
            width: BAR_WIDTH,
            height,
            href,
            labelled: span <= 12 || year % 5 == 0 || i == 0 || year == last,
        });
    }
    Some(Strip {
        width: span * (BAR_WIDTH + GAP),
        height: CHART_HEIGHT + LABEL_SPACE,
        chart_height: CHART_HEIGHT,
        bars,
        max,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::views::DocumentRef;

    fn doc(title: &str, date: &str) -> Placed {
        let d = EditionDate::parse(date).unwrap();
        let r = DocumentRef {
            id: title.to_lowercase(),
            url: format!("documents/{title}.html"),
            title: title.into(),
            date: DateView::new(&d),
            kind: None,
            summary: None,
            persons: vec![],
        };
        Placed::document(r, &d)
    }

    fn event(title: &str, date: &str) -> Placed {
        let d = EditionDate::parse(date).unwrap();
        Placed::event(
            EventView {
                kind: "event",
                title: title.into(),
                description: None,
                persons: vec![],
            },
            &d,
        )
    }

    fn titles(view: &TimelineView) -> Vec<String> {
        let mut out = Vec::new();
        for d in &view.decades {
            for y in &d.years {
                for item in y
                    .year_only
                    .iter()
                    .chain(y.months.iter().flat_map(|m| &m.entries))
                {
                    out.push(match (&item.document, &item.event) {
                        (Some(d), _) => d.title.clone(),
                        (_, Some(e)) => format!("event: {}", e.title),
                        _ => unreachable!(),
                    });
                }
            }
        }
        out
    }

    #[test]
    fn mixed_precision_intervals_and_events_interleave() {
        let mut items = vec![
            doc("Journal", "1960-02-16/1960-03-24"),
            doc("Entry", "1960-03-24"),
            doc("Year only", "1953"),
            event("Armistice", "1953-07-27"),
            doc("After armistice", "1953-07-28"),
            doc("Same day", "1953-07-27"),
            doc("Circa", "1953~"),
            doc("April", "1950-04"),
            event("War begins", "1950-06-25"),
        ];
        sort(&mut items);
        let view = group(items, false);
        assert_eq!(
            titles(&view),
            [
                "April",
                "event: War begins",
                "Year only",
                "Circa",
                "event: Armistice",
                "Same day",
                "After armistice",
                "Journal",
                "Entry",
            ]
        );
        let counts: Vec<(i32, usize)> = view
            .decades
            .iter()
            .flat_map(|d| &d.years)
            .map(|y| (y.year, y.count))
            .collect();
        assert_eq!(counts, [(1950, 1), (1953, 4), (1960, 2)]);
        assert_eq!((view.documents, view.events), (7, 2));
        let strip = view.strip.unwrap();
        assert_eq!(strip.bars.len(), 11);
        assert_eq!(strip.bars.iter().map(|b| b.count).sum::<usize>(), 7);
        assert_eq!(strip.bars[0].href.as_deref(), Some("#y1950"));
        assert_eq!(strip.bars[1].href, None);
    }

    #[test]
    fn decade_dates_belong_to_no_year() {
        let mut items = vec![doc("Fifties", "195X"), doc("A day", "1950-05-01")];
        sort(&mut items);
        let view = group(items, false);
        assert_eq!(view.decades[0].decade_only.len(), 1);
        assert_eq!(view.decades[0].count, 2);
        assert_eq!(view.decades[0].years[0].count, 1);
        assert_eq!(
            view.strip
                .unwrap()
                .bars
                .iter()
                .map(|b| b.count)
                .sum::<usize>(),
            1
        );
    }

    #[test]
    fn year_pages_link_bars_to_pages() {
        let mut items = vec![doc("A", "1957-01-02"), doc("B", "1958")];
        sort(&mut items);
        let view = group(items, true);
        let strip = view.strip.unwrap();
        assert_eq!(strip.bars[0].href.as_deref(), Some("1957.html"));
        assert_eq!(
            view.decades[0].years[1].url.as_deref(),
            Some("timeline/1958.html")
        );
    }
}
