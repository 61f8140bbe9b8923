//! An import run over many files: convert them (in parallel), give each an id, merge with
//! what editors curated, write atomically (unless `--dry-run`) with a fingerprint, and
//! report. One file failing never stops the others.

use super::convert::{self, Converted};
use super::curation::{self, Decision};
use super::document::{self, Fields};
use super::fingerprint;
use super::id;
use super::persons::Register;
use super::report::{FileReport, Report, Status};
use super::source;
use super::write::{atomic_create, atomic_write};
use rayon::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What to import and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// Raw export files, or folders of them.
    pub inputs: Vec<PathBuf>,
    /// The documents folder (`content/documents`).
    pub out: PathBuf,
    /// The persons register; by default `persons/` beside the documents folder.
    pub register: Option<PathBuf>,
    pub dry_run: bool,
    pub force: bool,
}

/// The `source` field of a document: the raw export's path relative to the folder that
/// holds the documents folder (`content/`), or its file name when it lies elsewhere.
fn source_field(file: &Path, out: &Path) -> String {
    let content = out.parent().map(Path::to_path_buf).unwrap_or_default();
    let (Ok(file_abs), Ok(content_abs)) = (
        file.canonicalize(),
        content
            .canonicalize()
            .or_else(|_| std::path::absolute(&content)),
    ) else {
        return file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
    };
    match file_abs.strip_prefix(&content_abs) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default(),
    }
}

/// The documents already in the folder: id → source field.
fn existing_sources(out: &Path) -> BTreeMap<String, Option<String>> {
    let mut map = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(out) else {
        return map;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(id) = name.strip_suffix(".md").filter(|_| !name.starts_with('.')) else {
            continue;
        };
        map.insert(id.to_string(), source_of(&entry.path()));
    }
    map
}

/// The `source` field of the document at `path`, if it can be read.
fn source_of(path: &Path) -> Option<String> {
    std::fs::read(path)
        .ok()
        .and_then(|b| document::parse(&b, path).ok())
        .and_then(|d| {
            d.fields
                .get("source")
                .and_then(|v| v.as_str())
                .map(str::to_string)
        })
}

/// Runs an import; `progress(done, total)` is called as files are converted.
pub fn run(options: &Options, progress: &(dyn Fn(usize, usize) + Sync)) -> Report {
    let mut report = Report {
        dry_run: options.dry_run,
        ..Report::default()
    };
    let (files, problems) = source::collect(&options.inputs);
    for p in problems {
        if p.is_error() {
            let mut f = FileReport::new(p.path.display().to_string());
            f.errors.push(format!(
                "{}{}",
                p.message,
                p.hint.map(|h| format!(" ({h})")).unwrap_or_default()
            ));
            report.files.push(f);
        } else {
            report.problems.push(p.to_string());
        }
    }
    let register_dir = options.register.clone().unwrap_or_else(|| {
        options
            .out
            .parent()
            .map(|p| p.join("persons"))
            .unwrap_or_else(|| PathBuf::from("persons"))
    });
    let (register, register_problems) = Register::load(&register_dir);
    report
        .problems
        .extend(register_problems.iter().map(ToString::to_string));

    let done = AtomicUsize::new(0);
    let total = files.len();
    let converted: Vec<Result<Converted, String>> = files
        .par_iter()
        .map(|file| {
            let result = match std::fs::read(file) {
                Ok(bytes) => convert::convert(&bytes, file, &register),
                Err(e) => Err(format!("cannot read the file: {e}")),
            };
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            result
        })
        .collect();

    let mut existing = existing_sources(&options.out);
    let mut assigned: BTreeSet<String> = BTreeSet::new();
    for (file, result) in files.iter().zip(converted) {
        let mut f = FileReport::new(file.display().to_string());
        match result {
            Err(e) => f.errors.push(e),
            Ok(c) => {
                let source = source_field(file, &options.out);
                place(&c, &source, options, &mut existing, &mut assigned, &mut f);
            }
        }
        report.files.push(f);
    }
    report.tally();
    report
}

/// How often a new document may find its id taken meanwhile by another import before
/// this one gives up on it.
const ATTEMPTS: usize = 1000;

/// Gives a converted document its id, merges it with what is there and writes it. A new
/// document is created only under a name still free; if another import running at the same
/// time took it since the folder was read, the id is chosen again with that file known.
fn place(
    c: &Converted,
    source: &str,
    options: &Options,
    existing: &mut BTreeMap<String, Option<String>>,
    assigned: &mut BTreeSet<String>,
    f: &mut FileReport,
) {
    f.family = Some(c.detection.family);
    f.features = c.detection.features.clone();
    f.repairs = c.repairs.0.clone();
    f.editorial_marks = c.marks.clone();
    f.persons = c.persons.clone();
    f.candidates = c.candidates.clone();
    f.warnings = c.warnings.clone();
    for _ in 0..ATTEMPTS {
        let (id, wanted) = choose_id(c, source, existing, assigned);
        let target = options.out.join(format!("{id}.md"));
        let known = existing
            .get(&id)
            .is_some_and(|s| s.as_deref() == Some(source));
        match write_as(c, source, &id, known, &target, options, f) {
            Placed::Done => {
                if let Some(wanted) = wanted {
                    f.warnings.push(format!(
                        "the id `{wanted}` is taken by another document; this one is `{id}`"
                    ));
                }
                assigned.insert(id);
                return;
            }
            Placed::TakenMeanwhile => {
                existing.insert(id, source_of(&target));
            }
        }
    }
    f.errors.push(format!(
        "cannot write the document: {ATTEMPTS} ids were taken by other imports running at the same time; import it again"
    ));
}

/// The id: kept from an earlier import of the same source, else made and made unique;
/// with the id first wanted when that one was taken.
fn choose_id(
    c: &Converted,
    source: &str,
    existing: &BTreeMap<String, Option<String>>,
    assigned: &BTreeSet<String>,
) -> (String, Option<String>) {
    let known = existing
        .iter()
        .find(|(_, s)| s.as_deref() == Some(source))
        .map(|(id, _)| id.clone())
        .filter(|id| crate::model::is_valid_id(id) && !assigned.contains(id));
    if let Some(id) = known {
        return (id, None);
    }
    let stem = Path::new(source)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let wanted = id::derive(
        &c.title_persons,
        c.meta.kind.as_deref(),
        c.meta.date.as_deref(),
        c.meta.title.as_deref(),
        &stem,
    );
    let taken = |candidate: &str| {
        assigned.contains(candidate)
            || existing
                .get(candidate)
                .is_some_and(|s| s.as_deref() != Some(source))
    };
    let id = id::unique(&wanted, taken);
    let differs = (id != wanted).then_some(wanted);
    (id, differs)
}

/// Whether a document was dealt with (written, refused, unchanged or failed, as `f` says),
/// or must be placed again because its new file's name was taken meanwhile.
enum Placed {
    Done,
    TakenMeanwhile,
}

/// Merges the document with what `target` holds and writes it there. `known`: the folder
/// held this source's document under `id` when it was read.
fn write_as(
    c: &Converted,
    source: &str,
    id: &str,
    known: bool,
    target: &Path,
    options: &Options,
    f: &mut FileReport,
) -> Placed {
    let mut fields: Fields = c.fields.clone();
    fields.insert("id".into(), json!(id));
    fields.insert("source".into(), json!(source));
    let (found, missing) = convert::found_and_missing(&fields);
    f.fields_found = found;
    f.fields_missing = missing;
    f.id = Some(id.to_string());
    f.output = Some(target.display().to_string());

    let (decision, new) = match std::fs::read(target) {
        Ok(old) => {
            let parsed = document::parse(&old, target);
            let theirs = parsed.as_ref().ok().and_then(|d| d.fields.get("source"));
            if !known && theirs.and_then(|v| v.as_str()) != Some(source) {
                // Not there when the folder was read: another import's new document.
                return Placed::TakenMeanwhile;
            }
            let decision = curation::decide(
                &old,
                parsed.as_ref().map_err(String::as_str),
                &fields,
                &c.body,
                options.force,
            );
            (decision, false)
        }
        Err(_) => {
            let decision = document::render(&fields, &c.body).map(|text| Decision::Write {
                text: fingerprint::stamp(&text),
                kept: vec![],
                replaced: vec![],
            });
            (decision, true)
        }
    };
    let decision = match decision {
        Ok(d) => d,
        Err(e) => {
            f.errors.push(format!("cannot write the document: {e}"));
            return Placed::Done;
        }
    };
    match decision {
        Decision::Refuse { edited } => {
            f.status = Status::Refused;
            f.edits_found = edited;
        }
        Decision::Unchanged { kept } => {
            f.status = Status::Unchanged;
            f.curated_kept = kept;
        }
        Decision::Write {
            text,
            kept,
            replaced,
        } => {
            f.curated_kept = kept;
            f.edits_replaced = replaced;
            if options.dry_run {
                f.status = Status::WouldWrite;
                return Placed::Done;
            }
            let written = std::fs::create_dir_all(&options.out).and_then(|_| {
                if new {
                    atomic_create(target, text.as_bytes())
                } else {
                    atomic_write(target, text.as_bytes())
                }
            });
            match written {
                Ok(()) => f.status = Status::Written,
                Err(e) if new && e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Placed::TakenMeanwhile;
                }
                Err(e) => f
                    .errors
                    .push(format!("cannot write {}: {e}", target.display())),
            }
        }
    }
    Placed::Done
}
