//! The timeline: documents grouped by decade, year and month, placed honestly.
//!
//! A document dated only to a year heads its year, one dated to a month heads its month,
//! and both are marked, so no reader takes "April 1950" for "1 April 1950". An overview strip
//! (inline SVG, no script) shows the number of documents per year.

use super::views::DocumentRef;
use crate::model::Precision;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct MonthGroup {
    pub label: String,
    pub anchor: String,
    pub entries: Vec<DocumentRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearGroup {
    pub year: i32,
    pub anchor: String,
    pub count: usize,
    /// Documents known only to the year (or coarser), shown before the months.
    pub year_only: Vec<DocumentRef>,
    pub months: Vec<MonthGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecadeGroup {
    pub label: String,
    pub count: usize,
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
    /// Link target, when the year has documents.
    pub anchor: Option<String>,
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
}

/// Groups documents, which must already be in chronological order. `precision` gives each
/// document's date precision (parallel to `documents`).
pub fn group(documents: &[(DocumentRef, Precision, i32, Option<u32>)]) -> TimelineView {
    let mut decades: Vec<DecadeGroup> = Vec::new();
    for (doc, precision, year, month) in documents {
        let decade_start = year.div_euclid(10) * 10;
        let label = format!("{decade_start}s");
        if decades.last().is_none_or(|d| d.label != label) {
            decades.push(DecadeGroup {
                label,
                count: 0,
                years: Vec::new(),
            });
        }
        let decade = decades.last_mut().expect("just pushed");
        decade.count += 1;
        if decade.years.last().is_none_or(|y| y.year != *year) {
            decade.years.push(YearGroup {
                year: *year,
                anchor: format!("y{year}"),
                count: 0,
                year_only: Vec::new(),
                months: Vec::new(),
            });
        }
        let year_group = decade.years.last_mut().expect("just pushed");
        year_group.count += 1;
        match (precision, month) {
            (Precision::Month | Precision::Day, Some(m)) => {
                let anchor = format!("y{year}-{m:02}");
                if year_group.months.last().is_none_or(|g| g.anchor != anchor) {
                    year_group.months.push(MonthGroup {
                        label: format!("{} {year}", crate::model::date::month_name(*m)),
                        anchor,
                        entries: Vec::new(),
                    });
                }
                year_group
                    .months
                    .last_mut()
                    .expect("just pushed")
                    .entries
                    .push(doc.clone());
            }
            _ => year_group.year_only.push(doc.clone()),
        }
    }
    let strip = strip(&decades);
    TimelineView { decades, strip }
}

const BAR_WIDTH: u32 = 24;
const GAP: u32 = 6;
const CHART_HEIGHT: u32 = 80;
const LABEL_SPACE: u32 = 18;

fn strip(decades: &[DecadeGroup]) -> Option<Strip> {
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
        bars.push(Bar {
            year,
            count,
            x: i as u32 * (BAR_WIDTH + GAP),
            y: CHART_HEIGHT - height,
            width: BAR_WIDTH,
            height,
            anchor: (count > 0).then(|| format!("y{year}")),
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
