//! Markdown rendering with a register: links, brackets, mentions and snippets. Any panic
//! is a bug, and no raw markup may pass into the page.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use recto::link::Linker;
use recto::model::LinkMentions;
use recto::render::{render, TextContext};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::OnceLock;

struct Register {
    linker: Linker,
    ids: Vec<String>,
}

fn register() -> &'static Register {
    static REGISTER: OnceLock<Register> = OnceLock::new();
    REGISTER.get_or_init(|| {
        let persons = common::register();
        Register {
            linker: Linker::new(&persons),
            ids: persons.iter().map(|p| p.id.clone()).collect(),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let register = register();
    let person_index: HashMap<&str, usize> = register
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let document_ids: HashMap<&str, usize> = [("a-document", 0)].into_iter().collect();
    let site_paths: BTreeSet<String> = [
        "index.html",
        "documents/index.html",
        "documents/a-document.html",
        "persons/kim-il-sung.html",
        "static/style.css",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let cx = TextContext {
        root: "../",
        linker: (flags & 1 == 0).then_some(&register.linker),
        link_mentions: if flags & 2 == 0 {
            LinkMentions::All
        } else {
            LinkMentions::First
        },
        smart_punctuation: flags & 4 == 0,
        person_ids: &register.ids,
        person_index: &person_index,
        document_ids: &document_ids,
        path: Path::new("content/documents/fuzz.md"),
        body_line: 5,
        site_paths: &site_paths,
    };
    let rendered = render(text, &cx);
    assert!(
        !rendered.html.to_ascii_lowercase().contains("<script"),
        "raw markup in the page: {}",
        rendered.html
    );
    for m in &rendered.mentions {
        assert!(m.person < register.ids.len());
    }
});
