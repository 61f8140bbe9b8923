//! The preview's incremental rebuild writes exactly what a full `site::build` writes, edit
//! after edit, while rendering only what each edit needs.

mod common;

use recto::site::incremental::{Rebuild, Session};
use recto::site::BuildError;
use std::collections::BTreeMap;
use std::path::Path;

const EDITION: &str = r#"
-- content/edition.yaml --
title: Incremental Edition
introduction: An edition about *two* documents.
-- content/documents/letter-1957-12-17.md --
---
title: A Letter of December 1957
date: 1957-12-17
persons: [kim-il-sung]
---
Kim Il Sung writes to Mao Zedong about the harvest. See [the memo](document:memo-1950-04).
-- content/documents/memo-1950-04.md --
---
title: A Memorandum of April 1950
date: 1950-04
---
Mao Zedong is not named here, but Kim Il Sung is.
-- content/documents/report-1953-07.md --
---
title: A Report of July 1953
date: 1953-07
---
Nobody of the register is mentioned.
-- content/persons/kim-il-sung.md --
---
name: Kim Il Sung
---
Leader of the DPRK.
-- content/persons/mao-zedong.md --
---
name: Mao Zedong
---
Chairman of the CPC.
-- content/pages/about.md --
---
title: About
---
About the edition.
"#;

/// Every file of a site folder but recto's marker, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if relative != ".recto-site" {
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Rebuilds with the session and checks the result against a fresh full build.
fn rebuild_matches_full_build(session: &mut Session, root: &Path, step: &str) -> Rebuild {
    let report = session
        .rebuild()
        .unwrap_or_else(|e| panic!("{step}: incremental build failed: {e:?}"));
    let (_keep, full) = common::build(root);
    let expected = files(&full);
    let actual = files(session.out());
    let expected_names: Vec<&String> = expected.keys().collect();
    let actual_names: Vec<&String> = actual.keys().collect();
    assert_eq!(actual_names, expected_names, "{step}: not the same files");
    for (name, bytes) in &expected {
        assert!(
            actual[name] == *bytes,
            "{step}: {name} differs from the full build"
        );
    }
    report
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn edit_after_edit_the_preview_equals_a_full_build() {
    let edition = common::edition(EDITION);
    let root = edition.path();
    let out_dir = tempfile::tempdir().unwrap();
    let mut session = Session::new(root, &out_dir.path().join("site"));

    let first = rebuild_matches_full_build(&mut session, root, "first build");
    assert_eq!(first.texts_rendered, 3 + 2 + 1);
    assert_eq!(first.pages_rendered, first.pages);
    let all_pages = first.pages;

    let same = rebuild_matches_full_build(&mut session, root, "nothing changed");
    assert_eq!((same.texts_rendered, same.pages_rendered), (0, 0));
    assert!(!same.changed());

    // One document's text: that text, that page, and the pages that quote it (the
    // persons it mentions show snippets); not the whole edition.
    edit(
        root,
        "content/documents/memo-1950-04.md",
        "is not named here",
        "is absent",
    );
    let text = rebuild_matches_full_build(&mut session, root, "document text");
    assert_eq!(text.texts_rendered, 1);
    assert!(text.pages_rendered < all_pages / 2, "{text:?}");
    assert!(text
        .written
        .contains(&"documents/memo-1950-04.html".to_string()));
    assert!(!text
        .written
        .contains(&"documents/report-1953-07.html".to_string()));

    // A document's title: the lists, timeline and neighbours change too.
    edit(
        root,
        "content/documents/report-1953-07.md",
        "A Report of July 1953",
        "The Armistice Report",
    );
    let title = rebuild_matches_full_build(&mut session, root, "document title");
    assert_eq!(title.texts_rendered, 0);
    assert!(title.written.contains(&"documents/index.html".to_string()));

    // A biography: only the person's own text.
    edit(
        root,
        "content/persons/mao-zedong.md",
        "Chairman of the CPC.",
        "Chairman Mao.",
    );
    let bio = rebuild_matches_full_build(&mut session, root, "biography");
    assert_eq!(bio.texts_rendered, 1);

    // The register: linking may change everywhere, so every text renders again.
    edit(
        root,
        "content/persons/mao-zedong.md",
        "name: Mao Zedong",
        "name: Mao Zedong\naliases: [Mao Tse-tung]",
    );
    let register = rebuild_matches_full_build(&mut session, root, "register");
    assert_eq!(register.texts_rendered, 6);
    std::fs::write(
        root.join("content/persons/stalin.md"),
        "---\nname: Joseph Stalin\naliases: [Stalin]\n---\nSoviet leader.\n",
    )
    .unwrap();
    edit(
        root,
        "content/documents/report-1953-07.md",
        "Nobody of the register",
        "Stalin",
    );
    let added = rebuild_matches_full_build(&mut session, root, "a person added");
    assert!(added.written.contains(&"persons/stalin.html".to_string()));

    // A document removed: its page is removed.
    std::fs::remove_file(root.join("content/documents/report-1953-07.md")).unwrap();
    let removed = rebuild_matches_full_build(&mut session, root, "a document removed");
    assert_eq!(removed.removed, ["documents/report-1953-07.html"]);

    // The edition's settings and templates: every page renders again.
    edit(
        root,
        "content/edition.yaml",
        "title: Incremental Edition",
        "title: Renamed Edition",
    );
    let config = rebuild_matches_full_build(&mut session, root, "edition.yaml");
    assert_eq!(config.pages_rendered, config.pages);
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/page.html"),
        "<!DOCTYPE html><html><head><title>{{ page.title }}</title></head>\n\
         <body><p>The edition's own page template.</p></body></html>\n",
    )
    .unwrap();
    let template = rebuild_matches_full_build(&mut session, root, "template override");
    assert_eq!(template.written, ["about.html"]);

    // The edition's static files.
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/extra.css"), "body { margin: 0 }\n").unwrap();
    let added = rebuild_matches_full_build(&mut session, root, "a static file added");
    assert_eq!(added.written, ["static/extra.css"]);
    std::fs::remove_file(root.join("static/extra.css")).unwrap();
    let gone = rebuild_matches_full_build(&mut session, root, "a static file removed");
    assert_eq!(gone.removed, ["static/extra.css"]);
}

#[test]
fn a_failed_rebuild_leaves_the_folder_untouched() {
    let edition = common::edition(EDITION);
    let root = edition.path();
    let out_dir = tempfile::tempdir().unwrap();
    let mut session = Session::new(root, &out_dir.path().join("site"));
    rebuild_matches_full_build(&mut session, root, "first build");
    let before = files(session.out());

    edit(
        root,
        "content/documents/memo-1950-04.md",
        "date: 1950-04",
        "date: 1950-14",
    );
    match session.rebuild() {
        Err(BuildError::Content(problems)) => {
            assert!(
                problems.iter().any(|p| p.is_error() && p.line.is_some()),
                "{problems:?}"
            );
        }
        other => panic!("expected content errors, got {other:?}"),
    }
    assert!(
        files(session.out()) == before,
        "a failed build changed the folder"
    );

    // A template that fails to render: still nothing written.
    edit(
        root,
        "content/documents/memo-1950-04.md",
        "date: 1950-14",
        "date: 1950-04",
    );
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/page.html"),
        "{{ no_such_variable.field }}",
    )
    .unwrap();
    assert!(matches!(session.rebuild(), Err(BuildError::Content(_))));
    assert!(files(session.out()) == before);

    std::fs::remove_file(root.join("templates/page.html")).unwrap();
    let fixed = rebuild_matches_full_build(&mut session, root, "fixed");
    assert!(!fixed.changed(), "back to the same site: {fixed:?}");
}

#[test]
fn the_shipped_edition_builds_the_same_both_ways() {
    let root = common::repository();
    let out_dir = tempfile::tempdir().unwrap();
    let mut session = Session::new(&root, &out_dir.path().join("site"));
    let report = rebuild_matches_full_build(&mut session, &root, "shipped edition");
    assert!(report.pages > 40);
    let again = session.rebuild().unwrap();
    assert_eq!(again.pages_rendered, 0, "equal inputs render nothing");
}
