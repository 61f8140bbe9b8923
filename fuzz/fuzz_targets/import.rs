//! The importer's conversion of one raw export, then what the next build does with the
//! document it writes: render the text with the register (an imported export once crashed
//! the build) and read the written file back.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use recto::import::{convert, document, Register};
use recto::link::Linker;
use recto::model::Edition;
use recto::site::TextRenderer;
use std::path::Path;
use std::sync::OnceLock;

fn register() -> &'static Register {
    static REGISTER: OnceLock<Register> = OnceLock::new();
    REGISTER.get_or_init(|| Register::new(common::register()))
}

fuzz_target!(|data: &[u8]| {
    let register = register();
    let Ok(converted) = convert(data, Path::new("fuzz.txt"), register) else {
        return;
    };
    let edition = Edition {
        persons: register.persons.clone(),
        ..Default::default()
    };
    let linker = Linker::new(&edition.persons);
    TextRenderer::new(&edition, &linker).render(
        &converted.body,
        "../",
        Path::new("fuzz.md"),
        1,
        true,
    );
    let mut fields = converted.fields.clone();
    fields.insert("id".into(), "fuzz".into());
    if let Ok(written) = document::render(&fields, &converted.body) {
        document::parse(written.as_bytes(), Path::new("fuzz.md"))
            .expect("a document the importer writes reads back");
    }
});
