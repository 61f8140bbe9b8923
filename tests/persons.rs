//! Persons cross-linked with the text: mentions, person pages, the register checks.

mod common;
use common::*;
use std::collections::BTreeSet;

fn linked(page: &scraper::Html) -> Vec<(String, String)> {
    select(page, ".text a.person")
        .iter()
        .map(|a| {
            (
                text_of(a),
                a.value().attr("data-person").unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn kim_il_and_kim_il_sung_are_two_men() {
    let (_keep, out) = build(&repository());
    let page = read_html(&out.join("documents/puzanov-journal-1960-03-24.html"));
    let links = linked(&page);
    assert!(
        links.contains(&("Kim Il".into(), "kim-il".into())),
        "{links:?}"
    );
    assert!(links.contains(&("Kim Il Sung".into(), "kim-il-sung".into())));
    assert!(!links
        .iter()
        .any(|(text, id)| text.starts_with("Kim Il Sung") && id == "kim-il"));
    for a in select(&page, ".text a.person[data-person=kim-il]") {
        assert_eq!(a.value().attr("href"), Some("../persons/kim-il.html"));
    }
}

#[test]
fn typo_spellings_are_linked_and_places_are_not() {
    let (_keep, out) = build(&repository());
    let journal = read_html(&out.join("documents/puzanov-journal-1957-12-17.html"));
    assert!(
        linked(&journal).contains(&("Kim Il Sun".into(), "kim-il-sung".into())),
        "the translator's typo links"
    );
    let august = read_html(&out.join("documents/puzanov-journal-1957-08-07.html"));
    let text = texts(&august, ".text").join(" ");
    assert!(text.contains("V. I. Lenin Stadium") && text.contains("Gertsen Sanatorium"));
    for (name, _) in linked(&august) {
        assert!(
            !name.contains("Lenin") && !name.contains("Gertsen"),
            "{name} linked"
        );
    }
}

#[test]
fn person_pages_list_exactly_the_documents_that_mention_them() {
    let (_keep, out) = build(&repository());
    let index = read_html(&out.join("persons/index.html"));
    let ids: Vec<String> = select(&index, ".persons-index li > a")
        .iter()
        .map(|a| {
            a.value()
                .attr("href")
                .unwrap()
                .trim_end_matches(".html")
                .to_string()
        })
        .collect();
    assert!(ids.len() >= 30);
    // Documents that link or name each person, read from the document pages.
    let mut expected: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for entry in std::fs::read_dir(out.join("documents")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "index.html" {
            continue;
        }
        let page = read_html(&entry.path());
        for a in select(&page, ".document-persons a") {
            let id = a
                .value()
                .attr("href")
                .unwrap()
                .trim_start_matches("../persons/")
                .trim_end_matches(".html")
                .to_string();
            expected.entry(id).or_default().insert(name.clone());
        }
        for (_, id) in linked(&page) {
            assert!(
                expected.get(&id).is_some_and(|d| d.contains(&name)),
                "{id} linked in {name} but not listed"
            );
        }
    }
    for id in ids {
        let person = id.trim_start_matches("../persons/").to_string();
        let page = read_html(&out.join(format!("persons/{person}.html")));
        let listed: BTreeSet<String> = select(&page, ".appearances .entry-title a")
            .iter()
            .map(|a| {
                a.value()
                    .attr("href")
                    .unwrap()
                    .trim_start_matches("../documents/")
                    .to_string()
            })
            .collect();
        assert_eq!(
            listed,
            expected.get(&person).cloned().unwrap_or_default(),
            "{person}"
        );
    }
    let kim_il = read_html(&out.join("persons/kim-il.html"));
    assert_eq!(
        texts(&kim_il, ".appearances .entry-title"),
        ["Journal of Soviet Ambassador in the DPRK A.M. Puzanov for 24 March 1960"]
    );
}

const REGISTER: &str = r#"
-- content/edition.yaml --
title: T
-- content/persons/kim-il-sung.md --
---
name: Kim Il Sung
aliases: [Kim II Sung]
ambiguous_aliases: [Kim]
---
-- content/persons/pak-heon-yeong.md --
---
name: Pak Heon-yeong
ambiguous_aliases: [Pak]
---
-- content/persons/lenin.md --
---
name: Vladimir Lenin
sort_name: Lenin, Vladimir Ilyich
not_mentions: [V. I. Lenin Stadium]
---
-- content/persons/khrushchev.md --
---
name: Nikita Khrushchev
sort_name: Khrushchev, Nikita Sergeyevich
---
"#;

#[test]
fn register_rules_in_a_fixture() {
    let spec = format!(
        "{REGISTER}-- content/documents/a.md --\n---\ntitle: A\ndate: 1957\n---\n\
KIM IL SUNG said that Kim II Sung and Kim met Pak and Pak Heon-yeong at the V. I. Lenin Stadium; \
V. I. Lenin wrote. Cde. N. S. Khrushchev's letter, N.S. Khrushchev, Khrushchev. `Kim Il Sung` in code. \
[the leader](person:kim-il-sung) spoke. <b>Kim Il Sung</b>\n"
    );
    let dir = edition(&spec);
    let (_keep, out) = build(dir.path());
    let page = read_html(&out.join("documents/a.html"));
    let links = linked(&page);
    let expected: Vec<(String, String)> = [
        ("KIM IL SUNG", "kim-il-sung"),
        ("Kim II Sung", "kim-il-sung"),
        ("Pak Heon-yeong", "pak-heon-yeong"),
        ("V. I. Lenin", "lenin"),
        ("N. S. Khrushchev", "khrushchev"),
        ("N.S. Khrushchev", "khrushchev"),
        ("Khrushchev", "khrushchev"),
        ("the leader", "kim-il-sung"),
        ("Kim Il Sung", "kim-il-sung"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(links, expected);
    // Snippets on person pages are escaped text, with the mention highlighted.
    let raw = std::fs::read_to_string(out.join("persons/kim-il-sung.html")).unwrap();
    assert!(raw.contains("&lt;b&gt;"), "snippet markup must be escaped");
    let person = read_html(&out.join("persons/kim-il-sung.html"));
    assert!(select(&person, ".kwic b").is_empty());
    assert!(texts(&person, ".kwic mark")
        .iter()
        .all(|m| m.to_uppercase().contains("KIM I")));
}

#[test]
fn first_mention_only_when_configured() {
    let spec = format!(
        "{}\n-- content/documents/a.md --\n---\ntitle: A\ndate: 1957\n---\nKhrushchev and Khrushchev and Khrushchev.\n",
        REGISTER.replace("title: T", "title: T\nlink_mentions: first")
    );
    let dir = edition(&spec);
    let (_keep, out) = build(dir.path());
    let page = read_html(&out.join("documents/a.html"));
    assert_eq!(linked(&page).len(), 1);
    let person = read_html(&out.join("persons/khrushchev.html"));
    assert!(texts(&person, ".mention-count").contains(&"3 mentions".to_string()));
}

#[test]
fn check_reports_the_register_with_lines() {
    let spec = r#"
-- content/edition.yaml --
title: T
-- content/persons/a.md --
---
name: Pak Ui-won
aliases:
  - Pak
---
-- content/persons/b.md --
---
name: Pak Seong-cheol
aliases: [Pak]
---
-- content/persons/nobody.md --
---
name: Nobody Mentioned
---
-- content/documents/d.md --
---
title: D
date: 1957
---
Pak Ui-won and Pak Seong-cheol met.

Cde. Tikhomirov reported; Kim Du-bong listened.
"#;
    let dir = edition(spec);
    let report = recto::check::check(dir.path()).expect("no errors");
    let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    let has = |needles: &[&str]| lines.iter().any(|l| needles.iter().all(|n| l.contains(n)));
    assert!(
        has(&[
            "content/persons/a.md:4",
            "warning",
            "\"Pak\" is claimed by a and b"
        ]),
        "{lines:#?}"
    );
    assert!(has(&["content/persons/b.md:3", "\"Pak\""]), "{lines:#?}");
    assert!(
        has(&[
            "content/persons/nobody.md:1:1",
            "no document mentions Nobody Mentioned"
        ]),
        "{lines:#?}"
    );
    assert!(
        has(&["content/documents/d.md:7:6", "suggestion", "\"Tikhomirov\""]),
        "{lines:#?}"
    );
    assert!(
        has(&["content/documents/d.md:7:27", "\"Kim Du-bong\""]),
        "{lines:#?}"
    );
    assert!(!has(&["Pak Ui-won\" looks like"]));
    // Suggestions and warnings do not fail the check.
    let bin = env!("CARGO_BIN_EXE_recto");
    let status = std::process::Command::new(bin)
        .args(["check", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(stderr.contains("Tikhomirov"), "{stderr}");
}

#[test]
fn check_fails_on_unknown_person_ids() {
    let dir = edition("-- content/edition.yaml --\ntitle: T\n-- content/documents/d.md --\n---\ntitle: D\ndate: 1957\npersons: [ghost]\n---\n");
    let bin = env!("CARGO_BIN_EXE_recto");
    let status = std::process::Command::new(bin)
        .args(["check", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&status.stderr).contains("content/documents/d.md:4"));
}

#[test]
fn check_agrees_with_build() {
    // A forced link is a mention; an unknown document link stops check as it stops build.
    let spec = "-- content/edition.yaml --\ntitle: T\n-- content/persons/kim-a.md --\n---\nname: Kim Alpha\n---\n-- content/documents/d.md --\n---\ntitle: D\ndate: 1957\n---\n[Kim](person:kim-a) spoke.\n";
    let dir = edition(spec);
    let report = recto::check::check(dir.path()).expect("no errors");
    assert!(
        report
            .problems
            .iter()
            .all(|p| !p.message.contains("no document mentions")),
        "{:?}",
        report.problems
    );
    std::fs::write(
        dir.path().join("content/documents/d.md"),
        "---\ntitle: D\ndate: 1957\n---\nSee [x](document:nope).\n",
    )
    .unwrap();
    let problems = recto::check::check(dir.path()).expect_err("unknown document link");
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("d.md:5")
                && p.message.contains("unknown document `nope`")),
        "{problems:?}"
    );
}

#[test]
fn wrapped_and_hyphenated_names_go_to_the_right_man() {
    let spec = "-- content/edition.yaml --\ntitle: T\n-- content/persons/kim-il-sung.md --\n---\nname: Kim Il Sung\n---\n-- content/persons/kim-il.md --\n---\nname: Kim Il\n---\n-- content/documents/d.md --\n---\ntitle: D\ndate: 1957\n---\nCde. Kim Il\nSung said. The Kim Il Sung-Mao talks. Cde. Kim Il agreed.\n";
    let dir = edition(spec);
    let (_keep, out) = build(dir.path());
    let page = read_html(&out.join("documents/d.html"));
    let ids: Vec<String> = linked(&page).into_iter().map(|(_, id)| id).collect();
    assert_eq!(ids, ["kim-il-sung", "kim-il-sung", "kim-il"]);
}
