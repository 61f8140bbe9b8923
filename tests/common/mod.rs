//! Shared test support: fixture editions written from one readable text, and HTML reading.
#![allow(dead_code)]

use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

/// Writes a fixture edition described as one text: each file starts with a line
/// `-- path --` and its content follows (the Hugo/txtar style), so a test shows its input.
pub fn edition(spec: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_files(dir.path(), spec);
    dir
}

pub fn write_files(root: &Path, spec: &str) {
    let mut current: Option<(PathBuf, String)> = None;
    let flush = |file: Option<(PathBuf, String)>| {
        if let Some((path, text)) = file {
            let full = root.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
    };
    for line in spec.lines() {
        if let Some(name) = line.strip_prefix("-- ").and_then(|l| l.strip_suffix(" --")) {
            flush(current.take());
            current = Some((PathBuf::from(name.trim()), String::new()));
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    flush(current);
}

/// A small valid edition: two documents, three persons, an about page.
pub const SMALL: &str = r#"
-- content/edition.yaml --
title: Test Edition
-- content/documents/conversation-1957-11-13.md --
---
title: Record of a Conversation with Kim Il Sung
date: 1957-11-13
kind: record-of-conversation
summary: Kim Il Sung and the ambassador talk.
archive: AVPRF
archive_ref: F. 0102, Op. 13, Delo 5
translator: Gary Goldberg
original_language: Russian
funders: [ROK Ministry of Unification]
persons: [puzanov]
---
Cde. Kim Il Sung told Cde. Mao Zedong about it [sic].
-- content/documents/stalin-1950-04.md --
---
title: Conversation of Stalin with Kim Il Sung
date: 1950-04
---
Kim Il Sung turns to Stalin.
-- content/persons/kim-il-sung.md --
---
name: Kim Il Sung
aliases: [Kim II Sung]
---
Leader of the DPRK.
-- content/persons/mao-zedong.md --
---
name: Mao Zedong
---
Chairman of the CPC.
-- content/persons/puzanov.md --
---
name: Aleksandr Puzanov
sort_name: Puzanov, Aleksandr Mikhailovich
---
Soviet ambassador.
-- content/pages/about.md --
---
title: About
---
About the edition.
"#;

/// The repository's own edition folder.
pub fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds `root` into a fresh folder and returns it (kept alive by the TempDir).
pub fn build(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = out_dir.path().join("public");
    match recto::site::build(root, &out) {
        Ok(_) => {}
        Err(recto::site::BuildError::Content(problems)) => {
            let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("build failed:\n{}", text.join("\n"));
        }
        Err(recto::site::BuildError::Output(e)) => panic!("output failed: {e}"),
    }
    (out_dir, out)
}

/// The problems a failing build reports, as text.
pub fn build_problems(root: &Path) -> Vec<String> {
    let out_dir = tempfile::tempdir().expect("temp dir");
    match recto::site::build(root, &out_dir.path().join("public")) {
        Ok(summary) => panic!("build unexpectedly succeeded ({} pages)", summary.pages),
        Err(recto::site::BuildError::Content(problems)) => {
            problems.iter().map(|p| p.to_string()).collect()
        }
        Err(recto::site::BuildError::Output(e)) => vec![e.to_string()],
    }
}

pub fn read_html(path: &Path) -> Html {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

pub fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let s = Selector::parse(selector).unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"));
    html.select(&s).collect()
}

pub fn text_of(element: &scraper::ElementRef) -> String {
    element
        .text()
        .collect::<Vec<_>>()
        .join("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of every element matching `selector`.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    select(html, selector).iter().map(text_of).collect()
}

/// The documents counted by the timeline's overview strip, bar by bar.
pub fn strip_total(page: &Html) -> usize {
    select(page, ".strip rect.bar")
        .iter()
        .map(|r| {
            r.value()
                .attr("data-count")
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap_or(0)
        })
        .sum()
}
