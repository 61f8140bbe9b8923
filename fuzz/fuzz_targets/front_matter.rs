//! One content file's bytes through what the loader does with it, without a disk: decode,
//! split the front matter (bounded in size and nesting), read the YAML into a document,
//! a person, a page, or the edition's settings (chosen by the first byte). Any panic is
//! a bug: every problem must come back as a diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recto::content::{documents, front_matter, limits, pages, persons, text, values, yaml};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let shown = Path::new("content/documents/fuzz.md");
    let Ok(text) = text::decode(bytes, shown) else {
        return;
    };
    if which % 4 == 3 {
        // edition.yaml: read field by field, as the loader does, and whole.
        let lines = yaml::FieldLines::scan(&text, 1);
        let mut problems = Vec::new();
        let _ = values::Values::read(
            &text,
            1,
            &limits::EDITION_YAML,
            &lines,
            shown,
            &mut problems,
        );
        let _ = yaml::parse_within::<recto::model::EditionConfig>(
            &text,
            1,
            &limits::EDITION_YAML,
            shown,
        );
        return;
    }
    let Ok(split) = front_matter::split(&text, shown) else {
        return;
    };
    let mut problems = Vec::new();
    match which % 4 {
        0 => {
            let _ = documents::read("fuzz", &split, shown, &mut problems);
        }
        1 => {
            let _ = persons::read("fuzz", &split, shown, &mut problems);
        }
        _ => {
            let _ = pages::read("fuzz", &split, shown, &mut problems);
        }
    }
    for p in &problems {
        let _ = p.to_string();
    }
});
