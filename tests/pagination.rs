//! Long lists paginate: a person's documents, the documents index, the persons index and a
//! timeline year split into pages with stable first addresses, relative previous/next
//! links, and every entry on exactly one page; the feed carries only the newest documents;
//! every internal link of the whole site lands on a file the build wrote.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::path::Path;

/// An edition of `documents` documents in 1957 that all mention Kim Il Sung, and 520
/// persons (more than one page of the persons index).
fn large(documents: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/documents")).unwrap();
    std::fs::create_dir_all(root.join("content/persons")).unwrap();
    std::fs::write(
        root.join("content/edition.yaml"),
        "title: Large\nfeed_entries: 7\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/persons/kim-il-sung.md"),
        "---\nname: Kim Il Sung\n---\nLeader.\n",
    )
    .unwrap();
    for i in 0..520 {
        std::fs::write(
            root.join(format!("content/persons/p{i:03}.md")),
            format!("---\nname: Person Number{i:03}\nsort_name: \"Number{i:03}, Person\"\n---\n"),
        )
        .unwrap();
    }
    for i in 0..documents {
        let month = 1 + i % 12;
        let day = 1 + i % 28;
        std::fs::write(
            root.join(format!("content/documents/d{i:04}.md")),
            format!("---\ntitle: Entry {i:04}\ndate: 1957-{month:02}-{day:02}\n---\nKim Il Sung spoke, entry {i}.\n"),
        )
        .unwrap();
    }
    dir
}

fn hrefs(page: &scraper::Html, selector: &str) -> Vec<String> {
    select(page, selector)
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// The document links (by file name) listed in `selector` on the pages of a list.
fn listed(out: &Path, pages: &[&str], selector: &str) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| hrefs(&read_html(&out.join(p)), selector))
        .filter(|h| h.contains("documents/d"))
        .map(|h| h.rsplit('/').next().unwrap().to_string())
        .collect()
}

#[test]
fn long_lists_paginate_and_every_link_resolves() {
    let dir = large(300);
    let (_keep, out) = build(dir.path());

    // A person's 300 documents: pages of 100, page 1 at the person's own address.
    let person_pages = [
        "persons/kim-il-sung.html",
        "persons/kim-il-sung/2.html",
        "persons/kim-il-sung/3.html",
    ];
    let shown = listed(&out, &person_pages, ".appearances .entry-title a");
    assert_eq!(shown.len(), 300);
    assert_eq!(
        shown.iter().collect::<BTreeSet<_>>().len(),
        300,
        "each once"
    );
    assert!(!out.join("persons/kim-il-sung/4.html").exists());
    let first = read_html(&out.join(person_pages[0]));
    assert_eq!(
        hrefs(&first, ".list-pager a[rel=next]"),
        ["../persons/kim-il-sung/2.html"]
    );
    let second = read_html(&out.join(person_pages[1]));
    assert_eq!(
        hrefs(&second, ".list-pager a[rel=prev]"),
        ["../../persons/kim-il-sung.html"]
    );
    assert_eq!(texts(&second, "h1"), ["Kim Il Sung"]);
    assert_eq!(texts(&second, ".list-pager [aria-current]"), ["2"]);

    // The documents index: 200 a page.
    let index_pages = ["documents/index.html", "documents/index/2.html"];
    let rows = listed(&out, &index_pages, ".documents-table a");
    assert_eq!(rows.len(), 300);
    assert_eq!(rows.iter().collect::<BTreeSet<_>>().len(), 300);

    // The persons index: 521 persons, 500 a page; letters link across pages.
    let persons = read_html(&out.join("persons/index/2.html"));
    assert_eq!(select(&persons, ".persons-index li").len(), 21);
    let letters = hrefs(&read_html(&out.join("persons/index.html")), ".letters a");
    assert!(letters.contains(&"#letter-K".to_string()), "{letters:?}");

    // A year with 300 documents: pages of 250 entries.
    let year = listed(
        &out,
        &["timeline/1957.html", "timeline/1957/2.html"],
        ".entry-title a",
    );
    assert_eq!(year.len(), 300);
    assert_eq!(year.iter().collect::<BTreeSet<_>>().len(), 300);

    // The feed: the newest 7 documents, newest first.
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entries: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|c| c.has_tag_name("title")))
        .filter_map(|t| t.text())
        .collect();
    assert_eq!(entries.len(), 7);
    assert!(entries[0] > entries[6], "{entries:?}");

    // Every relative link of every page lands on a file of the site.
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(&out).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = read_html(path);
        for href in hrefs(&page, "a[href]") {
            if href.contains(':') || href.starts_with('#') {
                continue;
            }
            let file = href.split('#').next().unwrap();
            let target = path.parent().unwrap().join(file);
            if !target.exists() {
                broken.push(format!(
                    "{} -> {href}",
                    path.strip_prefix(&out).unwrap().display()
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken links, e.g. {:?}",
        broken.len(),
        &broken[..broken.len().min(5)]
    );
}

#[test]
fn no_page_grows_with_the_edition() {
    // Twice the documents: the largest person page and index page stay the same size class.
    let sizes = |documents: usize| {
        let dir = large(documents);
        let (_keep, out) = build(dir.path());
        let size = |p: &str| std::fs::metadata(out.join(p)).unwrap().len();
        (
            size("persons/kim-il-sung.html"),
            size("documents/index.html"),
            size("feed.xml"),
        )
    };
    let (small_person, small_index, small_feed) = sizes(250);
    let (large_person, large_index, large_feed) = sizes(500);
    // Full first pages at both sizes: equal up to the counts and pager printed on them
    // (without pagination each would double).
    let close = |a: u64, b: u64| b * 100 < a * 103;
    assert!(
        close(small_person, large_person),
        "{small_person} -> {large_person}"
    );
    assert!(
        close(small_index, large_index),
        "{small_index} -> {large_index}"
    );
    assert!(
        close(small_feed, large_feed),
        "{small_feed} -> {large_feed}"
    );
}
