//! No panic on any input: arbitrary files in an edition, arbitrary texts and registers.

mod common;
use common::{build, edition, read_html, texts};
use proptest::prelude::*;

/// Issue 9, item 0: a wide space (no-break, em, ideographic) about 70 characters before a
/// name made the keyword-in-context snippet cut inside a character, and `build` and `check`
/// panicked. The repro, once per kind of space, through a whole build.
#[test]
fn wide_spaces_before_a_name_build_with_snippets() {
    let body = |space: char| {
        format!("Top Secret, Copy No.{space}3. the ambassador said that the delegation would arrive in Pyongyang Kim Il Sung then said that the conference would open.")
    };
    let dir = edition(&format!(
        "-- content/edition.yaml --\ntitle: T\n\
         -- content/documents/nbsp.md --\n---\ntitle: A\ndate: 1957-01-01\n---\n{}\n\
         -- content/documents/em.md --\n---\ntitle: B\ndate: 1957-01-02\n---\n{}\n\
         -- content/documents/ideographic.md --\n---\ntitle: C\ndate: 1957-01-03\n---\n{}\n\
         -- content/persons/kim-il-sung.md --\n---\nname: Kim Il Sung\n---\nLeader.\n",
        body('\u{a0}'),
        body('\u{2003}'),
        body('\u{3000}'),
    ));
    let (_keep, out) = build(dir.path());
    let person = read_html(&out.join("persons/kim-il-sung.html"));
    let snippets = texts(&person, ".kwic");
    assert_eq!(snippets.len(), 3, "{snippets:?}");
    for s in &snippets {
        assert_eq!(
            s,
            "…3. the ambassador said that the delegation would arrive in Pyongyang Kim Il Sung then said that the conference would open."
        );
    }
    assert_eq!(texts(&person, ".kwic mark"), ["Kim Il Sung"; 3]);
    assert!(recto::check::check(dir.path()).is_ok());
}

/// Whitespace of every width, and none: the importer keeps U+2003 and U+3000, PDF exports
/// give U+00A0 and U+2028. Multi-byte whitespace broke byte arithmetic before (issue 9).
const SPACES: &[&str] = &[
    " ", " ", "\u{a0}", "\u{2003}", "\u{3000}", "\u{2028}", "\t", "\n", "",
];

/// Words of the register's names, brackets right beside them, combining marks, and the
/// plain words of a record of conversation.
const WORDS: &[&str] = &[
    "Kim Il Sung",
    "Kim Il",
    "KIM IL SUNG",
    "Mao Zedong",
    "Kim\u{a0}Il\u{3000}Sung",
    "[sic]",
    "[...]",
    "[",
    "]",
    "[Kim Il Sung]",
    "Kim Il Sung[sic]",
    "[told Mao Zedong",
    "Mao Zedong]",
    "[[illegible signature]]",
    "e\u{301}",
    "\u{301}",
    "Ko\u{308}nig",
    "said",
    "the",
    "ambassador",
    "delegation",
    "Pyongyang",
    "No.",
    "3.",
    "Cde.",
    "[x](person:kim-il-sung)",
    "'s",
    "\u{2019}s",
    "—",
    "🙂",
];

/// Prose: up to a few KB of words and whitespace, often one long run without a paragraph
/// break, with names far enough into it that snippets are cut (70 characters).
fn prose() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(String::from),
        1 => "[a-zé]{1,12}",
    ];
    prop::collection::vec((word, prop::sample::select(SPACES)), 0..500).prop_map(|v| {
        v.into_iter()
            .map(|(word, space)| word + space)
            .collect::<String>()
    })
}

/// Text that is likely to reach the loader's and renderer's corners: YAML and Markdown
/// syntax, brackets, dates, names, non-ASCII.
fn syntax() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "---\n",
        "title: ",
        "date: ",
        "1957-12-17",
        "1950-04",
        "195X",
        "1960-02-16/1960-03-24",
        "1957-13-01",
        "persons: [",
        "kim-il-sung",
        "]",
        "\n",
        "  - ",
        ": ",
        "\"",
        "'",
        "[sic]",
        "[[",
        "]]",
        "[x](person:kim-il-sung)",
        "[y](document:",
        "#",
        "*",
        "_",
        "`",
        "<script>",
        "&",
        "Kim Il Sung",
        "Kim Il",
        "KIM IL SUNG",
        "Pak",
        "é",
        "Nº",
        "\u{a0}",
        "\u{2003}",
        "\u{3000}",
        "\u{2028}",
        "\t",
        "\u{301}",
        "\r\n",
        "\u{feff}",
        "|a|b|\n|-|-|\n",
        "[^1]\n\n[^1]: note\n",
        "id: ../x\n",
        "{",
        "}",
        "- ",
        "...",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(String::from), ".{0,12}"], 0..40)
        .prop_map(|v| v.concat())
}

/// Syntax, prose, or syntax around prose.
fn edition_text() -> impl Strategy<Value = String> {
    prop_oneof![
        syntax(),
        prose(),
        (syntax(), prose(), syntax()).prop_map(|(a, b, c)| a + &b + &c),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn building_any_edition_never_panics(document in edition_text(), person in edition_text(), config in edition_text()) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("documents")).unwrap();
        std::fs::create_dir_all(content.join("persons")).unwrap();
        std::fs::write(content.join("edition.yaml"), format!("title: T\n{config}")).unwrap();
        std::fs::write(content.join("documents/doc.md"), &document).unwrap();
        std::fs::write(content.join("documents/good.md"), format!("---\ntitle: G\ndate: 1957\n---\n{document}")).unwrap();
        std::fs::write(content.join("persons/kim-il-sung.md"), format!("---\nname: Kim Il Sung\n---\n{person}")).unwrap();
        std::fs::write(content.join("persons/odd.md"), &person).unwrap();
        let out = dir.path().join("public");
        match recto::site::build(dir.path(), &out) {
            Ok(_) => prop_assert!(out.join("index.html").is_file()),
            Err(recto::site::BuildError::Content(problems)) => {
                prop_assert!(!problems.is_empty());
                prop_assert!(!out.exists(), "a failed build writes nothing");
            }
            Err(recto::site::BuildError::Output(e)) => prop_assert!(false, "output error {e}"),
        }
        let _ = recto::check::check(dir.path());
    }

    #[test]
    fn building_prose_with_a_register_never_panics(body in prose(), person in prose()) {
        // Valid files all round, so the build reaches rendering, linking and snippets.
        let dir = edition(&format!(
            "-- content/edition.yaml --\ntitle: T\n\
             -- content/documents/prose.md --\n---\ntitle: P\ndate: 1957\n---\n{body}\n\
             -- content/persons/kim-il-sung.md --\n---\nname: Kim Il Sung\n---\n{person}\n\
             -- content/persons/mao-zedong.md --\n---\nname: Mao Zedong\n---\n"
        ));
        let out = dir.path().join("public");
        match recto::site::build(dir.path(), &out) {
            Ok(_) => prop_assert!(out.join("persons/kim-il-sung.html").is_file()),
            Err(e) => prop_assert!(false, "prose is valid, but: {e:?}"),
        }
    }

    #[test]
    fn dates_never_panic(text in ".{0,30}") {
        let _ = recto::model::EditionDate::parse(&text);
    }
}

fn person(i: usize, name: String, aliases: Vec<String>, sort_name: String) -> recto::model::Person {
    recto::model::Person {
        sort_name,
        aliases,
        ambiguous_aliases: vec!["Kim".into()],
        not_mentions: vec!["Kim Il Sung Square".into()],
        ..recto::model::Person::named(&format!("p{i}"), &name)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn linking_and_rendering_any_text_never_panics(
        names in prop::collection::vec(("[A-Za-zÀ-ÿ .,'-]{0,14}", prop::collection::vec("[A-Za-zÀ-ÿ .-]{0,10}", 0..3), "[A-Za-z ,.]{0,16}"), 0..6),
        text in edition_text(),
    ) {
        let mut persons: Vec<_> = names.into_iter().enumerate().map(|(i, (n, a, s))| person(i, n, a, s)).collect();
        // Names the generated prose uses, so that mentions (and their snippets) are found.
        persons.push(recto::model::Person::named("kim-il-sung", "Kim Il Sung"));
        persons.push(recto::model::Person::named("mao-zedong", "Mao Zedong"));
        let linker = recto::link::Linker::new(&persons);
        for found in linker.find(&text) {
            prop_assert!(found.start < found.end && found.end <= text.len());
            prop_assert!(text.is_char_boundary(found.start) && text.is_char_boundary(found.end));
        }
        let edition = recto::model::Edition { persons, ..Default::default() };
        let renderer = recto::site::TextRenderer::new(&edition, &linker);
        let rendered = renderer.render(&text, "../", std::path::Path::new("d.md"), 1, true);
        prop_assert!(!rendered.html.contains("<script>"));
    }
}
