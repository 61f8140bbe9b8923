//! Reading an edition from disk: walk `content/`, split front matter, deserialize,
//! validate. Every problem is collected before failing, with file, line and column.

pub mod config;
pub mod documents;
pub mod events;
pub mod fields;
pub mod files;
pub mod front_matter;
pub mod limits;
pub mod pages;
pub mod persons;
pub mod site_paths;
pub mod text;
pub mod values;
pub mod yaml;

use crate::diagnostic::{self, Diagnostic};
use crate::model::Edition;
use files::{markdown_files, Collection};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use yaml::FieldLines;

/// A loaded edition and the warnings met on the way.
#[derive(Debug)]
pub struct Loaded {
    pub edition: Edition,
    pub warnings: Vec<Diagnostic>,
}

/// Everything loading could read, and every problem met (errors, warnings), sorted.
///
/// For `recto check`, which goes on to check texts and the register whatever the errors:
/// a file whose front matter is broken is in the edition with stand-ins for what could not
/// be read (its id as title, say). A build uses [`load`], which never returns such an
/// edition.
#[derive(Debug)]
pub struct Partial {
    pub edition: Edition,
    pub problems: Vec<Diagnostic>,
}

/// Loads and validates the edition under `root`. On failure, returns every problem
/// (errors and warnings), sorted by file and line.
pub fn load(root: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let Partial { edition, problems } = load_all(root);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok(Loaded {
        edition,
        warnings: problems,
    })
}

/// Loads what can be loaded of the edition under `root`, with every problem.
pub fn load_all(root: &Path) -> Partial {
    let mut problems = Vec::new();
    let content = root.join("content");
    if !content.is_dir() {
        problems.push(
            Diagnostic::error(shown(root, Path::new("content")), "there is no content folder")
                .hint("run recto in the edition's folder, or pass --root DIR; an edition has content/edition.yaml and content/documents/"),
        );
        return Partial {
            edition: Edition::default(),
            problems,
        };
    }
    let config = config::load(root, &mut problems);

    if !content.join("documents").is_dir() {
        problems.push(
            Diagnostic::warning(
                shown(root, Path::new("content/documents")),
                "there is no documents folder, so the edition has no documents",
            )
            .hint("create content/documents/ and put the documents in it (`recto import` writes them there)"),
        );
    }
    let mut files = Vec::new();
    for collection in [
        Collection::Documents,
        Collection::Persons,
        Collection::Pages,
    ] {
        files.extend(markdown_files(root, collection, &mut problems));
    }
    let parsed: Vec<(Parsed, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|(collection, id, path, shown)| {
            let mut file_problems = Vec::new();
            let parsed = parse_file(*collection, id, path, shown, &mut file_problems);
            (parsed, file_problems)
        })
        .collect();

    let mut edition = Edition {
        config,
        ..Edition::default()
    };
    let mut document_lines = BTreeMap::new();
    for (item, file_problems) in parsed {
        problems.extend(file_problems);
        match item {
            Parsed::Document(d, lines) => {
                document_lines.insert(d.id.clone(), lines);
                edition.documents.push(*d);
            }
            Parsed::Person(p) => edition.persons.push(*p),
            Parsed::Page(p) => edition.pages.push(p),
            Parsed::Nothing => {}
        }
    }
    edition.events = events::load(root, &edition, &mut problems);
    check_duplicates(&edition, &mut problems);
    check_double_imports(&edition, &document_lines, &mut problems);
    check_person_references(&edition, &document_lines, &mut problems);
    check_sources(root, &edition, &document_lines, &mut problems);

    edition.sort();
    edition.site_paths = site_paths::of(root, &edition);
    diagnostic::sort(&mut problems);
    Partial { edition, problems }
}

enum Parsed {
    Document(Box<crate::model::Document>, FieldLines),
    Person(Box<crate::model::Person>),
    Page(crate::model::Page),
    Nothing,
}

fn parse_file(
    collection: Collection,
    id: &str,
    path: &Path,
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Parsed {
    let text = match text::read_text(path, shown) {
        Ok(t) => t,
        Err(e) => {
            problems.push(e);
            return Parsed::Nothing;
        }
    };
    // Fields missing because there is no front matter are not reported one by one.
    let mut missing_fields = Vec::new();
    let (split, has_front_matter) = match front_matter::split(&text, shown) {
        Ok(s) => (s, true),
        Err(e) => {
            problems.push(e);
            // Without front matter the whole file is text, still worth checking; a front
            // matter never closed leaves no telling where the text starts.
            if text.trim_start().starts_with("---") {
                return Parsed::Nothing;
            }
            let whole = front_matter::Split {
                yaml: "",
                yaml_line: 1,
                body: &text,
                body_line: 1,
            };
            (whole, false)
        }
    };
    let problems = if has_front_matter {
        problems
    } else {
        &mut missing_fields
    };
    match collection {
        Collection::Documents => match documents::read(id, &split, shown, problems) {
            Some((d, lines)) => Parsed::Document(Box::new(d), lines),
            None => Parsed::Nothing,
        },
        Collection::Persons => persons::read(id, &split, shown, problems)
            .map(|p| Parsed::Person(Box::new(p)))
            .unwrap_or(Parsed::Nothing),
        Collection::Pages => pages::read(id, &split, shown, problems)
            .map(Parsed::Page)
            .unwrap_or(Parsed::Nothing),
    }
}

/// How a path is shown in messages: relative to where the user runs recto.
pub fn shown(root: &Path, relative: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        relative.to_path_buf()
    } else {
        root.join(relative)
    }
}

fn check_duplicates(edition: &Edition, problems: &mut Vec<Diagnostic>) {
    fn check<'a>(
        items: impl Iterator<Item = (&'a str, &'a Path)>,
        what: &str,
        problems: &mut Vec<Diagnostic>,
    ) {
        let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
        for (id, path) in items {
            if let Some(first) = seen.get(id) {
                problems.push(
                    Diagnostic::error(
                        path,
                        format!(
                            "duplicate {what} id `{id}`, already used by {}",
                            first.display()
                        ),
                    )
                    .hint("ids must be unique: rename one of the files"),
                );
            } else {
                seen.insert(id, path);
            }
        }
    }
    check(
        edition
            .documents
            .iter()
            .map(|d| (d.id.as_str(), d.path.as_path())),
        "document",
        problems,
    );
    check(
        edition
            .persons
            .iter()
            .map(|p| (p.id.as_str(), p.path.as_path())),
        "person",
        problems,
    );
    check(
        edition
            .pages
            .iter()
            .map(|p| (p.id.as_str(), p.path.as_path())),
        "page",
        problems,
    );
}

/// Two documents with the same title and date are most likely one source imported twice.
fn check_double_imports(
    edition: &Edition,
    lines: &BTreeMap<String, FieldLines>,
    problems: &mut Vec<Diagnostic>,
) {
    let mut seen: std::collections::HashMap<(String, &crate::model::EditionDate), &Path> =
        std::collections::HashMap::new();
    for document in &edition.documents {
        let title = document
            .title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        match seen.entry((title, &document.date)) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let mut d = Diagnostic::warning(
                    &document.path,
                    format!(
                        "{} and {} have the same title and date: a likely double import",
                        first.get().display(),
                        document.path.display()
                    ),
                )
                .hint("remove one of the two files, or tell the documents apart in their titles");
                if let Some(l) = lines.get(&document.id) {
                    d = yaml::at_field(d, l, "title");
                }
                problems.push(d);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(&document.path);
            }
        }
    }
}

fn check_person_references(
    edition: &Edition,
    lines: &BTreeMap<String, FieldLines>,
    problems: &mut Vec<Diagnostic>,
) {
    let known = edition.person_index();
    for document in &edition.documents {
        for id in &document.persons {
            if known.contains_key(id.as_str()) {
                continue;
            }
            let nearest = edition
                .persons
                .iter()
                .map(|p| (strsim::jaro_winkler(id, &p.id), p.id.as_str()))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let hint = match nearest {
                Some((score, near)) if score > 0.8 => {
                    format!("did you mean `{near}`? Otherwise add content/persons/{id}.md")
                }
                _ => format!("add content/persons/{id}.md to the register, or remove the id"),
            };
            let mut d = Diagnostic::error(
                &document.path,
                format!("unknown person id `{id}` in `persons`"),
            )
            .hint(hint);
            if let Some(l) = lines.get(&document.id) {
                d = match l.item_position("persons", id) {
                    Some((line, column)) => d.at(line, column),
                    None => yaml::at_field(d, l, "persons"),
                };
            }
            problems.push(d);
        }
    }
}

fn check_sources(
    root: &Path,
    edition: &Edition,
    lines: &BTreeMap<String, FieldLines>,
    problems: &mut Vec<Diagnostic>,
) {
    for document in &edition.documents {
        let Some(source) = &document.source else {
            continue;
        };
        let relative = Path::new(source);
        let escapes = relative.is_absolute()
            || relative
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir));
        if escapes || !root.join("content").join(relative).is_file() {
            let mut d = Diagnostic::warning(&document.path, format!("the source file `{source}` is not in content/"))
                .hint("source names the raw export this document was made from, relative to content/ (e.g. sources/001.txt)");
            if let Some(l) = lines.get(&document.id) {
                d = yaml::at_field(d, l, "source");
            }
            problems.push(d);
        }
    }
}
