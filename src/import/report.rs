//! The import report: per file, the family and the features that decided it, the fields
//! found and missing, every repair with its count, the translator's editorial marks,
//! the persons found, name-like candidates the register lacks, and what happened to the
//! output file. Printed for people; `--report FILE` writes it as JSON.

use super::detect::Family;
use super::repairs::Repair;
use crate::link::candidates::Candidate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What became of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Written,
    /// The document already held exactly the import.
    Unchanged,
    /// `--dry-run`: would have been written.
    WouldWrite,
    /// An editor changed the document since import; not overwritten.
    Refused,
    /// The file could not be imported.
    Failed,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Written => "written",
            Status::Unchanged => "unchanged",
            Status::WouldWrite => "would write (dry run)",
            Status::Refused => "NOT written: edited since import",
            Status::Failed => "FAILED",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub source: String,
    pub status: Status,
    pub family: Option<Family>,
    pub features: Vec<String>,
    pub id: Option<String>,
    pub output: Option<String>,
    pub fields_found: Vec<String>,
    pub fields_missing: Vec<String>,
    pub repairs: Vec<Repair>,
    /// The translator's bracketed interventions, by kind.
    pub editorial_marks: BTreeMap<String, usize>,
    /// Person id → mentions.
    pub persons: BTreeMap<String, usize>,
    pub candidates: Vec<Candidate>,
    /// Curated fields kept from the existing document.
    pub curated_kept: Vec<String>,
    /// Editors' changes replaced because of `--force`.
    pub edits_replaced: Vec<String>,
    /// Editors' changes that stopped the import of this file.
    pub edits_found: Vec<String>,
    pub warnings: Vec<String>,
    pub errors: Vec<String>,
}

impl FileReport {
    pub fn new(source: String) -> FileReport {
        FileReport {
            source,
            status: Status::Failed,
            family: None,
            features: vec![],
            id: None,
            output: None,
            fields_found: vec![],
            fields_missing: vec![],
            repairs: vec![],
            editorial_marks: BTreeMap::new(),
            persons: BTreeMap::new(),
            candidates: vec![],
            curated_kept: vec![],
            edits_replaced: vec![],
            edits_found: vec![],
            warnings: vec![],
            errors: vec![],
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub files: usize,
    pub written: usize,
    pub unchanged: usize,
    pub would_write: usize,
    pub refused: usize,
    pub failed: usize,
    pub repairs: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub dry_run: bool,
    pub files: Vec<FileReport>,
    pub totals: Totals,
    /// Problems not tied to one input (paths that do not exist, the register).
    pub problems: Vec<String>,
}

impl Report {
    pub fn tally(&mut self) {
        let mut t = Totals {
            files: self.files.len(),
            ..Totals::default()
        };
        for f in &self.files {
            match f.status {
                Status::Written => t.written += 1,
                Status::Unchanged => t.unchanged += 1,
                Status::WouldWrite => t.would_write += 1,
                Status::Refused => t.refused += 1,
                Status::Failed => t.failed += 1,
            }
            t.repairs += f.repairs.iter().map(|r| r.count).sum::<usize>();
        }
        self.totals = t;
    }

    /// Whether the run should end with a non-zero exit.
    pub fn failed(&self) -> bool {
        self.totals.failed > 0 || self.totals.refused > 0
    }

    /// The report for people.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for f in &self.files {
            let target = f
                .output
                .as_deref()
                .map(|o| format!(" → {o}"))
                .unwrap_or_default();
            let _ = writeln!(out, "{}{target} [{}]", f.source, f.status.name());
            if let Some(family) = f.family {
                let _ = writeln!(
                    out,
                    "  family: {} — {}",
                    family.name(),
                    family.description()
                );
                if !f.features.is_empty() {
                    let _ = writeln!(out, "    from: {}", f.features.join("; "));
                }
            }
            for e in &f.errors {
                let _ = writeln!(out, "  error: {e}");
            }
            if f.family.is_some() && f.errors.is_empty() {
                let _ = writeln!(out, "  fields found: {}", list_or_none(&f.fields_found));
                let _ = writeln!(out, "  fields missing: {}", list_or_none(&f.fields_missing));
                let total: usize = f.repairs.iter().map(|r| r.count).sum();
                let _ = writeln!(out, "  repairs ({total}):");
                for r in &f.repairs {
                    let _ = writeln!(out, "    - {}", r.line());
                }
                let marks: Vec<String> = f
                    .editorial_marks
                    .iter()
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect();
                let _ = writeln!(out, "  editorial marks kept: {}", list_or_none(&marks));
                let persons: Vec<String> =
                    f.persons.iter().map(|(k, v)| format!("{k} ×{v}")).collect();
                let _ = writeln!(out, "  persons: {}", list_or_none(&persons));
                if !f.candidates.is_empty() {
                    let _ = writeln!(out, "  not in the register ({}):", f.candidates.len());
                    for c in &f.candidates {
                        let _ = writeln!(out, "    line {:>4}: {} ({})", c.line, c.text, c.reason);
                    }
                }
            }
            if !f.curated_kept.is_empty() {
                let _ = writeln!(out, "  curated fields kept: {}", f.curated_kept.join(", "));
            }
            if !f.edits_replaced.is_empty() {
                let _ = writeln!(
                    out,
                    "  editor's changes replaced (--force): {}",
                    f.edits_replaced.join(", ")
                );
            }
            if !f.edits_found.is_empty() {
                let _ = writeln!(
                    out,
                    "  edited since import: {}\n  hint: keep these edits by listing them in the document's `curated:` field (e.g. `curated: [{}]`), or pass --force to replace them",
                    f.edits_found.join(", "),
                    f.edits_found.join(", ")
                );
            }
            for w in &f.warnings {
                let _ = writeln!(out, "  warning: {w}");
            }
        }
        for p in &self.problems {
            let _ = writeln!(out, "{p}");
        }
        let t = &self.totals;
        let _ = writeln!(
            out,
            "{} file(s): {} written, {} unchanged, {} would write, {} not written (edited), {} failed; {} repairs{}",
            t.files,
            t.written,
            t.unchanged,
            t.would_write,
            t.refused,
            t.failed,
            t.repairs,
            if self.dry_run { " (dry run: nothing was written)" } else { "" }
        );
        out
    }
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}
