//! A build leaves the documents' texts in their files until it renders them: the text read
//! then is the file's, and a file whose front matter changed in between fails the build
//! instead of mixing new text with stale metadata.

mod common;

use common::*;

#[test]
fn texts_are_read_when_rendered_and_changed_files_are_noticed() {
    let dir = edition(SMALL);
    let root = dir.path();
    let loaded = recto::content::load_for_build(root).expect("loads");
    let document = loaded
        .edition
        .documents
        .iter()
        .find(|d| d.id == "stalin-1950-04")
        .expect("the document");
    assert!(document.body.is_empty() && document.deferred.is_some());
    let body = recto::content::deferred_body(document).expect("reads");
    assert_eq!(body, "Kim Il Sung turns to Stalin.\n");

    // The text changed, the front matter did not: the new text is the one rendered.
    let file = root.join("content/documents/stalin-1950-04.md");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, original.replace("turns to", "writes to")).unwrap();
    let body = recto::content::deferred_body(document).expect("reads");
    assert_eq!(body, "Kim Il Sung writes to Stalin.\n");

    // The front matter changed: the build must not go on with what it loaded.
    std::fs::write(&file, original.replace("date: 1950-04", "date: 1950-05")).unwrap();
    let problem = recto::content::deferred_body(document).unwrap_err();
    assert!(problem.is_error());
    assert!(
        problem
            .to_string()
            .contains("changed while the build was running"),
        "{problem}"
    );
}

#[test]
fn a_build_renders_the_texts_it_left_in_their_files() {
    let dir = edition(SMALL);
    let (_keep, out) = build(dir.path());
    let page = read_html(&out.join("documents/stalin-1950-04.html"));
    assert_eq!(texts(&page, ".text p"), ["Kim Il Sung turns to Stalin."]);
}
