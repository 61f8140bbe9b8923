//! The timeline and the feed: honest dates, interleaved context, year pages, Atom.

mod common;
use common::*;

fn entries(page: &scraper::Html, scope: &str) -> Vec<String> {
    select(page, &format!("{scope} .entry"))
        .iter()
        .map(|e| {
            let title = select_in(e, ".entry-title");
            if e.value().classes().any(|c| c == "context") {
                format!("context: {title}")
            } else {
                title
            }
        })
        .collect()
}

fn select_in(element: &scraper::ElementRef, selector: &str) -> String {
    let s = scraper::Selector::parse(selector).unwrap();
    element
        .select(&s)
        .map(|e| text_of(&e))
        .collect::<Vec<_>>()
        .join(" ")
}

const MIXED: &str = r#"
-- content/edition.yaml --
title: T
updated: 2026-11-23
-- content/events.yaml --
- date: 1953-07-27
  title: Armistice
- date: 1950-06-25
  title: War begins
  persons: [kim]
-- content/persons/kim.md --
---
name: Kim Il Sung
born: 1912-04-15
---
-- content/persons/stalin.md --
---
name: Stalin
died: 1953-03-05
---
-- content/documents/journal.md --
---
title: Journal period
date: 1953-07-01/1953-07-31
---
-- content/documents/after.md --
---
title: After the armistice
date: 1953-07-28
---
-- content/documents/same-day.md --
---
title: Same day as the armistice
date: 1953-07-27
---
-- content/documents/year.md --
---
title: Known to the year
date: 1953
---
-- content/documents/circa.md --
---
title: Circa
date: 1953~
---
-- content/documents/april.md --
---
title: April
date: 1950-04
---
-- content/documents/uncertain.md --
---
title: Uncertain day
date: 1950-04-10?
---
"#;

#[test]
fn documents_events_and_lives_interleave_in_order() {
    let dir = edition(MIXED);
    let (_keep, out) = build(dir.path());
    let page = read_html(&out.join("timeline/index.html"));
    assert_eq!(
        entries(&page, "#y1950"),
        ["April", "Uncertain day", "context: War begins"]
    );
    assert_eq!(
        entries(&page, "#y1953"),
        [
            "Known to the year",
            "Circa",
            "context: Stalin dies",
            "Journal period",
            "context: Armistice",
            "Same day as the armistice",
            "After the armistice",
        ]
    );
    // Kim Il Sung's birth (1912) lies outside the edition's span: not drawn.
    assert!(!texts(&page, ".entry-title")
        .iter()
        .any(|t| t.contains("born")));
    // Imprecise dates are marked with what is known.
    let notes = texts(&page, ".entry .precision-note");
    assert!(
        notes.contains(&"(known to the month)".to_string()),
        "{notes:?}"
    );
    assert!(notes.contains(&"(known to the year)".to_string()));
    assert!(notes.contains(&"(known to the year, approximate)".to_string()));
    assert!(notes.contains(&"(uncertain)".to_string()));
    assert!(notes.contains(&"(a period)".to_string()));
    let words = texts(&page, "#y1953 .entry-date time");
    assert!(words.contains(&"1–31 July 1953".to_string()), "{words:?}");
    assert!(words.contains(&"circa 1953".to_string()));
    // Context events are not counted as documents.
    let total = strip_total(&page);
    assert_eq!(total, 7);
}

#[test]
fn year_pages_past_the_configured_size() {
    let spec = MIXED.replace(
        "updated: 2026-11-23",
        "updated: 2026-11-23\ntimeline_year_pages_after: 3",
    );
    let dir = edition(&spec);
    let (_keep, out) = build(dir.path());
    let index = read_html(&out.join("timeline/index.html"));
    assert!(
        select(&index, ".entry").is_empty(),
        "the index lists years only"
    );
    let hrefs: Vec<String> = select(&index, ".strip a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(hrefs, ["1950.html", "1953.html"]);
    let year = read_html(&out.join("timeline/1953.html"));
    assert_eq!(texts(&year, "h1"), ["1953"]);
    assert_eq!(entries(&year, "main").len(), 7);
    assert_eq!(
        select(&year, ".pager a[rel=prev]")[0].value().attr("href"),
        Some("../timeline/1950.html")
    );
}

#[test]
fn bad_event_dates_and_persons_are_reported_with_lines() {
    let spec = "-- content/edition.yaml --\ntitle: T\n-- content/events.yaml --\n- date: 1953-07-27\n  title: Fine\n- date: 1953-02-30\n  title: Bad day\n- title: No date\n- date: 1950\n  title: Ghost\n  persons: [ghost]\n  descripton: typo\n";
    let dir = edition(spec);
    let problems = build_problems(dir.path());
    let has = |needles: &[&str]| {
        problems
            .iter()
            .any(|p| needles.iter().all(|n| p.contains(n)))
    };
    assert!(
        has(&["content/events.yaml:3", "February 1953 has no day 30"]),
        "{problems:#?}"
    );
    assert!(
        has(&["content/events.yaml:5", "event 3 has no date"]),
        "{problems:#?}"
    );
    assert!(
        has(&["content/events.yaml:8:13", "unknown person id `ghost`"]),
        "{problems:#?}"
    );
    assert!(
        has(&[
            "content/events.yaml:9",
            "warning",
            "unknown field `descripton`",
            "did you mean `description`"
        ]),
        "{problems:#?}"
    );
}

#[test]
fn bad_document_date_is_reported_with_its_line() {
    let spec = "-- content/edition.yaml --\ntitle: T\n-- content/documents/d.md --\n---\ntitle: D\ndate: 1960-03-24/1960-02-16\n---\n";
    let problems = build_problems(edition(spec).path());
    assert!(
        problems.iter().any(
            |p| p.contains("content/documents/d.md:3:7") && p.contains("ends before it starts")
        ),
        "{problems:#?}"
    );
}

#[test]
fn feed_is_valid_atom() {
    let dir = edition(MIXED);
    let (_keep, out) = build(dir.path());
    let text = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("the feed is well-formed XML");
    let atom = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert_eq!(
        (feed.tag_name().namespace(), feed.tag_name().name()),
        (Some(atom), "feed")
    );
    let child = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.has_tag_name((atom, name)))
            .map(|c| c.text().unwrap_or("").to_string())
    };
    assert_eq!(child(feed, "title").as_deref(), Some("T"));
    assert_eq!(
        child(feed, "updated").as_deref(),
        Some("2026-11-23T00:00:00Z")
    );
    assert!(child(feed, "id").is_some_and(|id| id.contains(':')));
    assert!(feed.children().any(|c| c.has_tag_name((atom, "author"))));
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((atom, "entry")))
        .collect();
    assert_eq!(entries.len(), 7);
    let mut ids = std::collections::BTreeSet::new();
    for entry in &entries {
        for required in ["id", "title", "updated", "summary"] {
            assert!(
                child(*entry, required).is_some_and(|t| !t.is_empty()),
                "entry without {required}"
            );
        }
        ids.insert(child(*entry, "id").unwrap());
        let link = entry
            .children()
            .find(|c| c.has_tag_name((atom, "link")))
            .expect("link");
        let href = link.attribute("href").unwrap();
        assert!(out.join(href).is_file(), "feed link {href} resolves");
    }
    assert_eq!(ids.len(), 7, "entry ids are unique");
    // With a base_url, ids and links are absolute.
    let spec = MIXED.replace(
        "updated: 2026-11-23",
        "updated: 2026-11-23\nbase_url: https://example.org/edition",
    );
    let dir = edition(&spec);
    let (_keep2, out) = build(dir.path());
    let text = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(text.contains("<id>https://example.org/edition/documents/april.html</id>"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        !index.contains("https://example.org"),
        "base_url is for feeds only, never for page links"
    );
}

#[test]
fn shipped_timeline_places_april_1950_honestly() {
    let (_keep, out) = build(&repository());
    let page = read_html(&out.join("timeline/index.html"));
    let first = select(&page, "#y1950 .entry").first().map(text_of).unwrap();
    assert!(
        first.contains("April 1950") && first.contains("known to the month"),
        "{first}"
    );
    let contexts = texts(&page, ".entry.context .entry-title");
    assert!(
        contexts.iter().any(|t| t.contains("Armistice")),
        "{contexts:?}"
    );
    let documents: Vec<String> = select(&page, ".entry:not(.context) .entry-title")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(documents.len(), 5);
    assert!(documents[0].starts_with("Record of a Conversation of Cde. Stalin"));
    assert!(documents[4].contains("24 March 1960"));
    let journal = read_html(&out.join("documents/puzanov-journal-1960-03-24.html"));
    let meta = texts(&journal, ".metadata dd");
    assert!(
        meta.iter().any(|m| m == "16 February – 24 March 1960"),
        "{meta:?}"
    );
}

#[test]
fn person_pages_have_their_own_chronology() {
    let (_keep, out) = build(&repository());
    let stalin = read_html(&out.join("persons/stalin.html"));
    let items = texts(&stalin, ".chronology-list li");
    assert!(items.len() >= 4, "{items:?}");
    assert!(
        items[0].contains("1878") && items[0].contains("born"),
        "{items:?}"
    );
    let april = items
        .iter()
        .position(|t| t.contains("April 1950"))
        .expect("the 1950 record");
    let death = items
        .iter()
        .position(|t| t.contains("5 March 1953") && t.contains("dies"))
        .expect("death");
    let speech = items
        .iter()
        .position(|t| t.contains("secret speech"))
        .expect("context event");
    assert!(april < death && death < speech, "{items:?}");
}
