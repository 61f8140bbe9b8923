//! The build cache: a build that takes texts from the cache writes exactly the bytes of a
//! build without one, after every kind of edit; a damaged or foreign cache is ignored.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Builds `root` with its cache (into `public/`) and without any (a copy of the edition
/// with no cache folder), and asserts both wrote the same files.
fn cached_equals_clean(root: &Path, step: &str) {
    let out = root.join("public");
    let cached = recto::site::BuildOptions { cache: true };
    recto::site::build_with(root, &out, cached).unwrap_or_else(|e| panic!("{step}: {e:?}"));
    let clean = tempfile::tempdir().unwrap();
    copy(&root.join("content"), &clean.path().join("content"));
    if root.join("templates").is_dir() {
        copy(&root.join("templates"), &clean.path().join("templates"));
    }
    let clean_out = clean.path().join("public");
    recto::site::build(clean.path(), &clean_out).unwrap_or_else(|e| panic!("{step}: {e:?}"));
    let (a, b) = (files(&out), files(&clean_out));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{step}"
    );
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{step}: {path} differs from a build without cache"
        );
    }
}

fn copy(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn entries(root: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(root.join(".recto-cache"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn a_cached_build_equals_a_clean_one_after_every_kind_of_edit() {
    let dir = edition(SMALL);
    let root = dir.path();
    cached_equals_clean(root, "first build");
    assert_eq!(entries(root).len(), 2, "one entry per document text");
    cached_equals_clean(root, "nothing changed");

    edit(
        root,
        "content/documents/stalin-1950-04.md",
        "turns to Stalin",
        "turns to Mao Zedong",
    );
    cached_equals_clean(root, "text");
    assert_eq!(
        entries(root).len(),
        2,
        "the old entry of the edited text is removed"
    );

    edit(
        root,
        "content/documents/stalin-1950-04.md",
        "date: 1950-04",
        "date: 1950-05",
    );
    cached_equals_clean(root, "metadata");

    edit(
        root,
        "content/documents/stalin-1950-04.md",
        "date: 1950-05",
        "date: 1950-05\npersons: [puzanov]",
    );
    cached_equals_clean(root, "front matter persons");

    edit(
        root,
        "content/persons/mao-zedong.md",
        "name: Mao Zedong",
        "name: Mao Zedong\naliases: [Stalin]",
    );
    cached_equals_clean(root, "a person's aliases");

    edit(
        root,
        "content/persons/kim-il-sung.md",
        "name: Kim Il Sung",
        "name: Kim Il-sung",
    );
    cached_equals_clean(root, "a person's name");

    std::fs::create_dir_all(root.join("templates")).unwrap();
    let base = recto::site::theme::DEFAULT_TEMPLATES
        .iter()
        .find(|(name, _)| *name == "document.html")
        .unwrap()
        .1;
    std::fs::write(
        root.join("templates/document.html"),
        base.replace("About this document", "About the document"),
    )
    .unwrap();
    cached_equals_clean(root, "a template");

    edit(
        root,
        "content/edition.yaml",
        "title: Test Edition",
        "title: Test Edition\nsmart_punctuation: false\nlink_mentions: first",
    );
    cached_equals_clean(root, "edition.yaml");

    std::fs::write(
        root.join("content/persons/stalin.md"),
        "---\nname: Joseph Stalin\n---\nSoviet leader.\n",
    )
    .unwrap();
    cached_equals_clean(root, "a person added");
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored() {
    let dir = edition(SMALL);
    let root = dir.path();
    cached_equals_clean(root, "first build");
    let found = entries(root);
    assert!(!found.is_empty());
    for (n, entry) in found.iter().enumerate() {
        let mut bytes = std::fs::read(entry).unwrap();
        match n % 3 {
            0 => bytes.truncate(bytes.len() / 2),
            1 => {
                let at = bytes.len() - 5;
                bytes[at] ^= 0x55;
            }
            _ => bytes = b"<html>not an entry</html>".to_vec(),
        }
        std::fs::write(entry, bytes).unwrap();
    }
    std::fs::write(root.join(".recto-cache/texts/stray"), "junk").unwrap();
    cached_equals_clean(root, "damaged cache");
    // The damaged entries were written anew and are sound again.
    cached_equals_clean(root, "after repair");
}
