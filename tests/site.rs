//! The built site, read with an HTML parser: pages, metadata, links, order, determinism.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn all_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn fixture_document_page_has_its_metadata() {
    let dir = edition(SMALL);
    let (_keep, out) = build(dir.path());
    let page = read_html(&out.join("documents/conversation-1957-11-13.html"));
    assert_eq!(
        texts(&page, "h1"),
        ["Record of a Conversation with Kim Il Sung"]
    );
    let meta: Vec<String> = texts(&page, ".metadata dt");
    for field in [
        "Date",
        "Kind",
        "Archive",
        "Archival reference",
        "Original language",
        "Translator",
        "Funders",
    ] {
        assert!(
            meta.iter().any(|m| m == field),
            "{field} missing from {meta:?}"
        );
    }
    let values = texts(&page, ".metadata dd");
    assert!(
        values.contains(&"13 November 1957".to_string()),
        "{values:?}"
    );
    assert!(values.contains(&"F. 0102, Op. 13, Delo 5".to_string()));
    let citation = texts(&page, ".citation");
    assert_eq!(citation.len(), 1);
    assert!(
        citation[0].contains("Record of a Conversation with Kim Il Sung")
            && citation[0].contains("AVPRF"),
        "{citation:?}"
    );
    assert_eq!(texts(&page, ".text .ed-sic"), ["[sic]"]);
    assert!(!texts(&page, ".legend").is_empty());
    // Persons: the mention in the text and the one named in the front matter.
    let persons = texts(&page, ".document-persons a");
    assert_eq!(persons, ["Kim Il Sung", "Mao Zedong", "Aleksandr Puzanov"]);
    // Previous / next in time.
    let prev: Vec<_> = select(&page, ".pager a[rel=prev]")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(prev, ["../documents/stalin-1950-04.html"]);
    assert!(select(&page, ".pager a[rel=next]").is_empty());
}

#[test]
fn fixture_person_pages_list_exactly_their_documents() {
    let dir = edition(SMALL);
    let (_keep, out) = build(dir.path());
    let kim = read_html(&out.join("persons/kim-il-sung.html"));
    assert_eq!(
        texts(&kim, ".appearances .entry-title"),
        [
            "Conversation of Stalin with Kim Il Sung",
            "Record of a Conversation with Kim Il Sung"
        ],
        "in date order"
    );
    let mao = read_html(&out.join("persons/mao-zedong.html"));
    assert_eq!(
        texts(&mao, ".appearances .entry-title"),
        ["Record of a Conversation with Kim Il Sung"]
    );
    let snippets = texts(&mao, ".kwic mark");
    assert_eq!(snippets, ["Mao Zedong"]);
    let index = read_html(&out.join("persons/index.html"));
    let names = texts(&index, ".persons-index li > a");
    assert_eq!(
        names,
        [
            "Kim Il Sung",
            "Mao Zedong",
            "Puzanov, Aleksandr Mikhailovich"
        ],
        "A–Z by sort name"
    );
    let counts = texts(&index, ".persons-index .count");
    assert_eq!(counts, ["2 documents", "1 document", "1 document"]);
}

#[test]
fn fixture_timeline_groups_with_precision() {
    let spec = r#"
-- content/edition.yaml --
title: T
-- content/documents/a.md --
---
title: A day
date: 1957-12-17
---
-- content/documents/b.md --
---
title: A month
date: 1957-12
---
-- content/documents/c.md --
---
title: A year
date: 1957
---
-- content/documents/d.md --
---
title: Earlier day
date: 1957-03-02
---
-- content/documents/e.md --
---
title: April
date: 1950-04
---
"#;
    let dir = edition(spec);
    let (_keep, out) = build(dir.path());
    let page = read_html(&out.join("timeline/index.html"));
    assert_eq!(
        texts(&page, ".year > h3"),
        ["1950 (1 document)", "1957 (4 documents)"]
    );
    assert_eq!(
        texts(&page, "#y1957 .entry-title"),
        ["A year", "Earlier day", "A month", "A day"]
    );
    assert_eq!(
        texts(&page, "#y1957 .month h4"),
        ["March 1957", "December 1957"]
    );
    assert_eq!(texts(&page, "#y1957-12 .entry-title"), ["A month", "A day"]);
    let imprecise = texts(&page, ".entry.imprecise .entry-title");
    assert_eq!(imprecise, ["April", "A year", "A month"]);
    assert_eq!(texts(&page, "#y1950 .entry-date time"), ["April 1950"]);
    // The strip's bars add up to the number of documents.
    let total = strip_total(&page);
    assert_eq!(total, 5);
}

#[test]
fn shipped_edition_builds_and_every_link_resolves() {
    let (_keep, out) = build(&repository());
    let files = all_files(&out);
    let documents = std::fs::read_dir(repository().join("content/documents"))
        .unwrap()
        .count();
    assert_eq!(documents, 5);
    let mut checked = 0;
    for (path, bytes) in &files {
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let html = scraper::Html::parse_document(&String::from_utf8_lossy(bytes));
        for element in select(&html, "[href], [src]") {
            let target = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap();
            if target.starts_with("https://")
                || target.starts_with("http://")
                || target.starts_with("mailto:")
                || target.starts_with("data:")
            {
                continue;
            }
            assert!(
                !target.starts_with('/'),
                "{}: absolute link {target}",
                path.display()
            );
            let file_part = target.split('#').next().unwrap();
            if file_part.is_empty() {
                let id = &target[1..];
                assert!(
                    select(&html, &format!("[id=\"{id}\"]")).len() == 1,
                    "{}: fragment {target} has no target",
                    path.display()
                );
                continue;
            }
            let resolved = path.parent().unwrap().join(file_part);
            let normal = normalise(&resolved);
            assert!(
                files.contains_key(&normal),
                "{}: link {target} does not resolve ({})",
                path.display(),
                normal.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                assert!(out.pop(), "link leaves the site: {}", path.display());
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn shipped_edition_document_pages() {
    let (_keep, out) = build(&repository());
    let stalin = read_html(&out.join("documents/stalin-kim-il-sung-1950-04.html"));
    assert_eq!(texts(&stalin, ".document-date time"), ["April 1950"]);
    assert!(texts(&stalin, ".date-note")[0].contains("April 1950"));
    for id in [
        "puzanov-journal-1960-03-24",
        "puzanov-journal-1957-12-17",
        "puzanov-journal-1957-08-07",
        "puzanov-kim-il-sung-1957-11-13",
        "stalin-kim-il-sung-1950-04",
    ] {
        let page = read_html(&out.join(format!("documents/{id}.html")));
        let meta = texts(&page, ".metadata dt");
        for field in ["Date", "Kind", "Archive", "Translator", "Funders"] {
            assert!(
                meta.iter().any(|m| m == field),
                "{id}: {field} missing from {meta:?}"
            );
        }
        assert_eq!(texts(&page, ".citation").len(), 1, "{id}");
        let body = texts(&page, ".text").join(" ");
        assert!(!body.contains("Kim II Sung"), "{id}: OCR damage left");
        assert!(!body.contains("$N^"), "{id}: LaTeX left");
        assert!(
            !body.contains("Skip to content")
                && !body.contains("share document")
                && !body.contains("get citation"),
            "{id}: chrome left"
        );
    }
    let journal = read_html(&out.join("documents/puzanov-journal-1960-03-24.html"));
    let body = texts(&journal, ".text").join(" ");
    for kept in [
        "MFA stamp",
        "Copy Nº 3",
        "[[illegible signature]]",
        "Five copies printed",
        "1 - Cde. A. A. Gromyko",
        "5 - to file",
        "[sic]",
    ] {
        assert!(body.contains(kept), "kept text {kept:?} missing");
    }
}

#[test]
fn build_is_deterministic() {
    let (_a, first) = build(&repository());
    let (_b, second) = build(&repository());
    let a = all_files(&first);
    let b = all_files(&second);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{} differs between builds",
            path.display()
        );
    }
}

#[test]
fn text_from_front_matter_is_escaped() {
    let spec = "-- content/edition.yaml --\ntitle: <b>T</b>\n-- content/documents/x.md --\n---\ntitle: \"<script>alert(1)</script>\"\ndate: 1957\nsummary: \"a & b <i>\"\n---\nBody <img src=x onerror=alert(1)>\n";
    let dir = edition(spec);
    let (_keep, out) = build(dir.path());
    let raw = std::fs::read_to_string(out.join("documents/x.html")).unwrap();
    assert!(!raw.contains("<script>alert"), "title not escaped");
    assert!(
        !raw.contains("<img src=x"),
        "raw HTML in Markdown not escaped"
    );
    let page = read_html(&out.join("documents/x.html"));
    assert_eq!(texts(&page, "h1"), ["<script>alert(1)</script>"]);
}

#[test]
fn edition_templates_override_the_theme() {
    let spec = format!("{SMALL}\n-- templates/404.html --\n<p>custom {{{{ site.title }}}}</p>\n");
    let dir = edition(&spec);
    let (_keep, out) = build(dir.path());
    assert_eq!(
        std::fs::read_to_string(out.join("404.html"))
            .unwrap()
            .trim(),
        "<p>custom Test Edition</p>"
    );
    assert!(out.join("static/style.css").exists());
}

#[test]
fn no_about_link_without_an_about_page() {
    let dir = edition("-- content/edition.yaml --\ntitle: T\n-- content/documents/a.md --\n---\ntitle: A\ndate: 1957\n---\n");
    let (_keep, out) = build(dir.path());
    for page in ["index.html", "documents/a.html", "timeline/index.html"] {
        let html = read_html(&out.join(page));
        assert!(select(&html, "a[href$='about.html']").is_empty(), "{page}");
    }
    let dir = edition(SMALL);
    let (_keep, out) = build(dir.path());
    assert_eq!(
        select(
            &read_html(&out.join("index.html")),
            ".site-nav a[href='about.html']"
        )
        .len(),
        1
    );
}

#[test]
fn home_page_shows_the_first_documents_and_links_to_all() {
    let mut spec = String::from("-- content/edition.yaml --\ntitle: T\n");
    for i in 0..25 {
        spec.push_str(&format!("-- content/documents/d{i:02}.md --\n---\ntitle: Document {i:02}\ndate: 1957-01-{:02}\n---\n", i + 1));
    }
    let dir = edition(&spec);
    let (_keep, out) = build(dir.path());
    let home = read_html(&out.join("index.html"));
    let listed = texts(&home, ".entries .entry-title");
    assert_eq!(listed.len(), 20);
    assert_eq!(listed[0], "Document 00");
    assert_eq!(texts(&home, ".more"), ["All 25 documents (5 more)"]);
    let all = read_html(&out.join("documents/index.html"));
    assert_eq!(select(&all, "tbody tr").len(), 25);
}
