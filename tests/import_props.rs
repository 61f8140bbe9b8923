//! `recto import` never panics, whatever the bytes: arbitrary bytes, and texts assembled
//! from the seeds' own lines mixed with the characters that drive the importer's rules
//! (brackets, quotes, emphasis markers, LaTeX, no-break spaces, labels, headings). When a
//! file is understood, what it writes reads back as a document.

use proptest::prelude::*;
use recto::import::{convert, document, Register};
use std::path::Path;
use std::sync::OnceLock;

fn register() -> &'static Register {
    static REGISTER: OnceLock<Register> = OnceLock::new();
    REGISTER.get_or_init(|| {
        Register::load(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/import/edition/content/persons"),
        )
        .0
    })
}

fn seed_lines() -> &'static Vec<String> {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/edition/content/sources");
        let mut lines = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            lines.extend(
                std::fs::read_to_string(f)
                    .unwrap()
                    .lines()
                    .map(str::to_string),
            );
        }
        lines
    })
}

/// Fragments that steer the importer into its less travelled paths.
const TRICKY: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "\"",
    "\u{201c}",
    "\u{201d}",
    "**",
    "*",
    "_",
    "`",
    "$N^{\\circ}$",
    "$",
    "\u{a0}",
    "\u{2003}",
    "\u{3000}",
    "\u{2028}",
    "\u{301}",
    "e\u{301}",
    "\u{200b}",
    "\u{ad}",
    "# ",
    "## ",
    "- ",
    "1. ",
    "Citation:",
    "**Summary:**",
    "# **Credits:**",
    "Contents:",
    "Document Information",
    "Skip to content",
    "Search in",
    "get citation",
    "English HTML",
    "Record ID",
    "[sic; November]",
    "[Translator's Note: x]",
    " Interpreted by ",
    "for the period 16 February through 24 March 1960",
    "August 07, 1957",
    "April 1950",
    "https://wilson-center.drivingcreative.com/document/1",
    "<",
    "&amp;",
    "](",
    "[^1]",
    "-",
    "...",
    "…",
    "Cde.",
    "Kim II Sung",
    "\r",
    "\t",
    "\u{e000}",
    "é",
    "🙂",
];

/// What the build will do with the document: render its text with the register (an
/// imported export once crashed the next build, issue 9).
fn render_as_built(body: &str) {
    let edition = recto::model::Edition {
        persons: register().persons.clone(),
        ..Default::default()
    };
    let linker = recto::link::Linker::new(&edition.persons);
    let renderer = recto::site::TextRenderer::new(&edition, &linker);
    renderer.render(body, "../", Path::new("x.md"), 1, true);
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(c) = convert(bytes, Path::new("x.txt"), register()) {
        render_as_built(&c.body);
        let mut fields = c.fields.clone();
        fields.insert("id".into(), serde_json::json!("x"));
        let text = document::render(&fields, &c.body).map_err(TestCaseError::fail)?;
        let back =
            document::parse(text.as_bytes(), Path::new("x.md")).map_err(TestCaseError::fail)?;
        prop_assert_eq!(back.fields.get("title"), fields.get("title"));
        prop_assert_eq!(back.fields.get("date"), fields.get("date"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        check(&bytes)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,2000}") {
        check(text.as_bytes())?;
    }

    #[test]
    fn seed_lines_and_tricky_fragments_never_panic(
        pieces in proptest::collection::vec((0usize..10_000, 0usize..TRICKY.len(), 0u8..7), 0..120)
    ) {
        let lines = seed_lines();
        let mut text = String::new();
        for (line, tricky, how) in pieces {
            match how {
                0 => text.push_str(&lines[line % lines.len()]),
                1 => text.push_str(TRICKY[tricky]),
                2 => {
                    let l = &lines[line % lines.len()];
                    let cut = l.char_indices().map(|(i, _)| i).nth(tricky % 40).unwrap_or(l.len());
                    text.push_str(&l[..cut]);
                    text.push_str(TRICKY[tricky]);
                }
                3 => text.push('\n'),
                // A line whose words are set apart by wide spaces (an em space, an
                // ideographic space: the importer keeps them).
                4 => {
                    let wide = ["\u{2003}", "\u{3000}", "\u{a0}", "\u{2028}"][tricky % 4];
                    text.push_str(&lines[line % lines.len()].replace(' ', wide));
                }
                // Lines run on into one long paragraph (a PDF export without breaks),
                // joined by a tricky fragment (often a wide space).
                _ => {
                    text.push_str(&lines[line % lines.len()]);
                    text.push_str(TRICKY[tricky]);
                    continue;
                }
            }
            text.push('\n');
        }
        check(text.as_bytes())?;
    }
}
