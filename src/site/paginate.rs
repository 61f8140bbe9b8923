//! Long lists split into pages of a fixed size, so no page grows with the edition.
//!
//! Page 1 keeps the list's own address (`persons/kim-il-sung.html`), so links to it never
//! change; page N lives in a folder of that name (`persons/kim-il-sung/2.html`), which no
//! id can collide with (ids never contain `/`). Every address is relative to the site root.

use serde::Serialize;

/// Documents per page of the documents index.
pub const DOCUMENTS_PER_PAGE: usize = 200;
/// Documents (each with up to three snippets) per page of a person.
pub const PERSON_DOCUMENTS_PER_PAGE: usize = 100;
/// Entries per page of the persons index.
pub const PERSONS_PER_PAGE: usize = 500;
/// Entries per page of a timeline year.
pub const TIMELINE_ENTRIES_PER_PAGE: usize = 250;

/// How many pages `items` entries take at `per_page` a page (an empty list still has one).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// The address of page `number` (1-based) of the list whose first page is `first`.
pub fn page_url(first: &str, number: usize) -> String {
    if number <= 1 {
        return first.to_string();
    }
    let stem = first.strip_suffix(".html").unwrap_or(first);
    format!("{stem}/{number}.html")
}

/// The items of page `number` (1-based).
pub fn page_range(items: usize, per_page: usize, number: usize) -> std::ops::Range<usize> {
    let start = ((number.max(1) - 1) * per_page).min(items);
    start..(start + per_page).min(items)
}

/// Where a page stands in its list, for the template's pager.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pager {
    /// This page's number (1-based) and how many there are.
    pub number: usize,
    pub count: usize,
    /// The first and last entry shown (1-based) and the length of the whole list.
    pub from: usize,
    pub to: usize,
    pub total: usize,
    pub first: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub last: String,
}

impl Pager {
    /// The pager of page `number` of a list of `total` entries whose first page is `first`.
    pub fn new(first: &str, total: usize, per_page: usize, number: usize) -> Pager {
        let count = page_count(total, per_page);
        let number = number.clamp(1, count);
        let range = page_range(total, per_page, number);
        Pager {
            number,
            count,
            from: if total == 0 { 0 } else { range.start + 1 },
            to: range.end,
            total,
            first: page_url(first, 1),
            previous: (number > 1).then(|| page_url(first, number - 1)),
            next: (number < count).then(|| page_url(first, number + 1)),
            last: page_url(first, count),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_page_keeps_the_address() {
        assert_eq!(page_url("persons/kim.html", 1), "persons/kim.html");
        assert_eq!(page_url("persons/kim.html", 3), "persons/kim/3.html");
        assert_eq!(
            page_url("documents/index.html", 2),
            "documents/index/2.html"
        );
    }

    #[test]
    fn pages_cover_the_list_once() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        let covered: Vec<usize> = (1..=page_count(25, 10))
            .flat_map(|n| page_range(25, 10, n))
            .collect();
        assert_eq!(covered, (0..25).collect::<Vec<_>>());
        let p = Pager::new("a.html", 25, 10, 3);
        assert_eq!((p.from, p.to, p.count), (21, 25, 3));
        assert_eq!(p.previous.as_deref(), Some("a/2.html"));
        assert_eq!(p.next, None);
        let one = Pager::new("a.html", 0, 10, 1);
        assert_eq!((one.from, one.to, one.count, one.next), (0, 0, 1, None));
    }
}
