//! Reading an edition from disk: walk `content/`, split front matter, deserialize,
//! validate. Every problem is collected before failing, with file, line and column.

pub mod documents;
pub mod events;
pub mod fields;
pub mod front_matter;
pub mod pages;
pub mod persons;
pub mod text;
pub mod yaml;

use crate::diagnostic::{self, Diagnostic};
use crate::model::{is_valid_id, slugify, Edition, EditionConfig};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;
use yaml::FieldLines;

/// Page ids that would collide with the pages recto makes itself.
const RESERVED_PAGE_IDS: &[&str] = &[
    "index",
    "404",
    "documents",
    "persons",
    "timeline",
    "static",
    "feed",
];

/// A loaded edition and the warnings met on the way.
#[derive(Debug)]
pub struct Loaded {
    pub edition: Edition,
    pub warnings: Vec<Diagnostic>,
}

/// Which folder of `content/` a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Collection {
    Documents,
    Persons,
    Pages,
}

impl Collection {
    fn folder(self) -> &'static str {
        match self {
            Collection::Documents => "documents",
            Collection::Persons => "persons",
            Collection::Pages => "pages",
        }
    }
}

/// Loads and validates the edition under `root`. On failure, returns every problem
/// (errors and warnings), sorted by file and line.
pub fn load(root: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let content = root.join("content");
    if !content.is_dir() {
        problems.push(
            Diagnostic::error(shown(root, Path::new("content")), "there is no content folder")
                .hint("run recto in the edition's folder, or pass --root DIR; an edition has content/edition.yaml and content/documents/"),
        );
        return Err(problems);
    }
    let config = load_config(root, &mut problems).unwrap_or_default();

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
    edition.events = events::load(root, &mut problems);
    check_duplicates(&edition, &mut problems);
    check_person_references(&edition, &document_lines, &mut problems);
    check_sources(root, &edition, &document_lines, &mut problems);
    check_config(root, &edition, &mut problems);
    events::check_persons(root, &edition, &mut problems);

    edition.sort();
    diagnostic::sort(&mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok(Loaded {
        edition,
        warnings: problems,
    })
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
    let split = match front_matter::split(&text, shown) {
        Ok(s) => s,
        Err(e) => {
            problems.push(e);
            return Parsed::Nothing;
        }
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

fn load_config(root: &Path, problems: &mut Vec<Diagnostic>) -> Option<EditionConfig> {
    let relative = Path::new("content/edition.yaml");
    let path = root.join(relative);
    let shown_path = shown(root, relative);
    if !path.is_file() {
        problems.push(
            Diagnostic::error(&shown_path, "the edition has no edition.yaml")
                .hint("create content/edition.yaml with at least `title: …`"),
        );
        return None;
    }
    let text = match text::read_text(&path, &shown_path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(e);
            return None;
        }
    };
    let lines = FieldLines::scan(&text, 1);
    let known = [
        "title",
        "subtitle",
        "description",
        "introduction",
        "editors",
        "language",
        "licence",
        "base_url",
        "link_mentions",
        "smart_punctuation",
        "timeline_year_pages_after",
        "feed_entries",
        "timeline_lives",
        "updated",
    ];
    problems.extend(yaml::unknown_fields(&lines, &known, &shown_path));
    // One parse: unknown fields are ignored by serde (and warned about above).
    let config = match yaml::parse::<EditionConfig>(&text, 1, &shown_path) {
        Ok(config) => config,
        Err(e) => {
            problems.push(e);
            return None;
        }
    };
    if config.title.trim().is_empty() {
        problems.push(
            yaml::at_field(
                Diagnostic::error(
                    &shown_path,
                    "the required field `title` is missing or empty",
                )
                .at(1, 1),
                &lines,
                "title",
            )
            .hint("add a line `title: The name of the edition`"),
        );
        return None;
    }
    Some(config)
}

/// The `.md` files of one collection, sorted, with their ids checked.
fn markdown_files(
    root: &Path,
    collection: Collection,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(Collection, String, PathBuf, PathBuf)> {
    let base = root.join("content").join(collection.folder());
    if !base.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(&base).sort_by_file_name().into_iter() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| base.clone());
                problems.push(Diagnostic::error(path, format!("cannot read: {e}")));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || !entry.file_type().is_file() || !name.ends_with(".md") {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        let shown_path = shown(root, &relative);
        let id = name.trim_end_matches(".md").to_string();
        if !is_valid_id(&id) {
            let suggestion = slugify(&id);
            problems.push(
                Diagnostic::error(&shown_path, format!("the file name `{name}` is not a valid id"))
                    .hint(format!(
                        "ids are used in web addresses: lowercase letters, digits and single hyphens only; rename the file to `{}.md`",
                        if suggestion.is_empty() { "some-name".to_string() } else { suggestion }
                    )),
            );
            continue;
        }
        let reserved = match collection {
            Collection::Pages => RESERVED_PAGE_IDS.contains(&id.as_str()),
            // documents/index.html and persons/index.html are the lists.
            Collection::Documents | Collection::Persons => id == "index",
        };
        if reserved {
            problems.push(
                Diagnostic::error(
                    &shown_path,
                    format!("the id `{id}` is reserved for recto's own pages"),
                )
                .hint("rename the file"),
            );
            continue;
        }
        out.push((collection, id, entry.path().to_path_buf(), shown_path));
    }
    out
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
                d = yaml::at_field(d, l, "persons");
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

/// Settings whose value must have a particular form.
fn check_config(root: &Path, edition: &Edition, problems: &mut Vec<Diagnostic>) {
    if let Some(updated) = &edition.config.updated {
        let valid = crate::model::EditionDate::parse(updated)
            .is_ok_and(|d| d.precision() == crate::model::Precision::Day && !d.is_imprecise());
        if !valid {
            let shown_path = shown(root, Path::new("content/edition.yaml"));
            let text =
                std::fs::read_to_string(root.join("content/edition.yaml")).unwrap_or_default();
            let lines = FieldLines::scan(&text, 1);
            problems.push(
                yaml::at_field(
                    Diagnostic::error(shown_path, format!("`updated: {updated}` is not a day")),
                    &lines,
                    "updated",
                )
                .hint("write the day the edition was last revised as YYYY-MM-DD"),
            );
        }
    }
}
