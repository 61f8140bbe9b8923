//! An import run over many files: convert them (in parallel), give each an id, merge with
//! what editors curated, write atomically (unless `--dry-run`), keep the manifest, and
//! report. One file failing never stops the others.

use super::convert::{self, Converted};
use super::curation::{self, Decision};
use super::document::{self, Fields};
use super::id;
use super::manifest::{Entry, Manifest};
use super::persons::Register;
use super::report::{FileReport, Report, Status};
use super::source;
use super::write::atomic_write;
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
        let source = std::fs::read(entry.path())
            .ok()
            .and_then(|b| document::parse(&b, &entry.path()).ok())
            .and_then(|d| {
                d.fields
                    .get("source")
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            });
        map.insert(id.to_string(), source);
    }
    map
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
    let converted: Vec<(Vec<u8>, Result<Converted, String>)> = files
        .par_iter()
        .map(|file| {
            let result = match std::fs::read(file) {
                Ok(bytes) => {
                    let c = convert::convert(&bytes, file, &register);
                    (bytes, c)
                }
                Err(e) => (Vec::new(), Err(format!("cannot read the file: {e}"))),
            };
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            result
        })
        .collect();

    let (mut manifest, manifest_problem) = Manifest::load(&options.out);
    report.problems.extend(manifest_problem);
    let existing = existing_sources(&options.out);
    let mut assigned: BTreeSet<String> = BTreeSet::new();
    let mut manifest_changed = false;
    for (file, (bytes, result)) in files.iter().zip(converted) {
        let mut f = FileReport::new(file.display().to_string());
        match result {
            Err(e) => f.errors.push(e),
            Ok(c) => {
                let source = source_field(file, &options.out);
                let entry = place(
                    &c,
                    &source,
                    &bytes,
                    options,
                    &manifest,
                    &existing,
                    &mut assigned,
                    &mut f,
                );
                if let Some((id, entry)) = entry {
                    if manifest.documents.get(&id) != Some(&entry) {
                        manifest.documents.insert(id, entry);
                        manifest_changed = true;
                    }
                }
            }
        }
        report.files.push(f);
    }
    if manifest_changed && !options.dry_run {
        if let Err(e) = manifest.save(&options.out) {
            report.problems.push(format!(
                "{}: cannot write the import manifest: {e}",
                Manifest::path(&options.out).display()
            ));
        }
    }
    report.tally();
    report
}

/// Gives a converted document its id, merges and writes it; returns the manifest entry
/// to record.
#[allow(clippy::too_many_arguments)]
fn place(
    c: &Converted,
    source: &str,
    source_bytes: &[u8],
    options: &Options,
    manifest: &Manifest,
    existing: &BTreeMap<String, Option<String>>,
    assigned: &mut BTreeSet<String>,
    f: &mut FileReport,
) -> Option<(String, Entry)> {
    f.family = Some(c.detection.family);
    f.features = c.detection.features.clone();
    f.repairs = c.repairs.0.clone();
    f.editorial_marks = c.marks.clone();
    f.persons = c.persons.clone();
    f.candidates = c.candidates.clone();
    f.warnings = c.warnings.clone();
    // The id: kept from an earlier import of the same source, else made.
    let known = manifest
        .id_of_source(source)
        .map(str::to_string)
        .or_else(|| {
            existing
                .iter()
                .find(|(_, s)| s.as_deref() == Some(source))
                .map(|(id, _)| id.clone())
        })
        .filter(|id| crate::model::is_valid_id(id) && !assigned.contains(id));
    let id = match known {
        Some(id) => id,
        None => {
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
                    || manifest
                        .documents
                        .get(candidate)
                        .is_some_and(|e| e.source != source)
                    || existing
                        .get(candidate)
                        .is_some_and(|s| s.as_deref() != Some(source))
            };
            let id = id::unique(&wanted, taken);
            if id != wanted {
                f.warnings.push(format!(
                    "the id `{wanted}` is taken by another document; this one is `{id}`"
                ));
            }
            id
        }
    };
    assigned.insert(id.clone());
    let mut fields: Fields = c.fields.clone();
    fields.insert("id".into(), json!(id));
    fields.insert("source".into(), json!(source));
    let (found, missing) = convert::found_and_missing(&fields);
    f.fields_found = found;
    f.fields_missing = missing;
    f.id = Some(id.clone());
    let target = options.out.join(format!("{id}.md"));
    f.output = Some(target.display().to_string());

    let decision = match std::fs::read(&target) {
        Ok(old) => {
            let parsed = document::parse(&old, &target);
            let result = curation::decide(
                &old,
                parsed.as_ref().map_err(String::as_str),
                &fields,
                &c.body,
                manifest.documents.get(&id),
                options.force,
            );
            match result {
                Ok(d) => d,
                Err(e) => {
                    f.errors.push(format!("cannot write the document: {e}"));
                    return None;
                }
            }
        }
        Err(_) => match document::render(&fields, &c.body) {
            Ok(text) => Decision::Write {
                text,
                kept: vec![],
                replaced: vec![],
            },
            Err(e) => {
                f.errors.push(format!("cannot write the document: {e}"));
                return None;
            }
        },
    };
    let text = match decision {
        Decision::Refuse { edited } => {
            f.status = Status::Refused;
            f.edits_found = edited;
            return None;
        }
        Decision::Unchanged { kept } => {
            f.status = Status::Unchanged;
            f.curated_kept = kept;
            std::fs::read_to_string(&target).unwrap_or_default()
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
                return None;
            }
            let written = std::fs::create_dir_all(&options.out)
                .and_then(|_| atomic_write(&target, text.as_bytes()));
            if let Err(e) = written {
                f.errors
                    .push(format!("cannot write {}: {e}", target.display()));
                f.status = Status::Failed;
                return None;
            }
            f.status = Status::Written;
            text
        }
    };
    if options.dry_run {
        return None;
    }
    Some((id, entry_for(&text, source, source_bytes, &target)))
}

/// The manifest entry for a document as written.
fn entry_for(text: &str, source: &str, source_bytes: &[u8], target: &Path) -> Entry {
    let mut entry = Entry {
        source: source.to_string(),
        source_sha256: document::hash(&String::from_utf8_lossy(source_bytes)),
        written_sha256: document::hash(text),
        fields: BTreeMap::new(),
    };
    if let Ok(parsed) = document::parse(text.as_bytes(), target) {
        for (k, v) in &parsed.fields {
            entry
                .fields
                .insert(k.clone(), document::field_hash(Some(v)));
        }
        entry
            .fields
            .insert("body".into(), document::hash(&parsed.body));
    }
    entry
}
