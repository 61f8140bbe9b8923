//! What happens when the document to write already exists. Editors curate on top of the
//! import, and the importer must never lose that work:
//!
//! - a document's `curated:` list names the fields (and `body`) the editor has taken
//!   over: the importer keeps them exactly as they are, always, even with `--force`;
//!   fields recto does not know are kept too;
//! - any other difference between an edited file (or one the importer never wrote) and
//!   the fresh import stops the import of that file,
//!   naming the fields, unless `--force` says to replace them. A file is the importer's
//!   own as long as its `imported:` fingerprint matches (see `fingerprint`).

use super::document::{self, field_hash, Existing, Fields};
use super::fingerprint;
use crate::content::documents::DOCUMENT_FIELDS;
use serde_json::Value;

/// The fields an editor may take over, and `body`.
pub fn curatable(name: &str) -> bool {
    name == "body"
        || (DOCUMENT_FIELDS.contains(&name) && !matches!(name, "id" | "source" | "imported"))
        || name == "archive_ref_parts"
}

/// The outcome for one existing document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Write this text. `kept` are the curated fields kept from the file; `replaced` the
    /// editor's undeclared changes that `--force` replaced.
    Write {
        text: String,
        kept: Vec<String>,
        replaced: Vec<String>,
    },
    /// The file already holds exactly this.
    Unchanged { kept: Vec<String> },
    /// Edited since import, in these fields, and not `--force`d.
    Refuse { edited: Vec<String> },
}

/// The `curated:` list of a document: known field names only.
pub fn curated_list(fields: &Fields) -> (Vec<String>, Vec<String>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    if let Some(Value::Array(items)) = fields.get("curated") {
        for item in items {
            match item.as_str() {
                Some(name) if curatable(name) => good.push(name.to_string()),
                Some(name) => bad.push(name.to_string()),
                None => bad.push(item.to_string()),
            }
        }
    }
    (good, bad)
}

/// Merges a fresh import into an existing document.
pub fn decide(
    existing_bytes: &[u8],
    existing: Result<&Existing, &str>,
    fresh: &Fields,
    fresh_body: &str,
    force: bool,
) -> Result<Decision, String> {
    let existing = match existing {
        Ok(e) => e,
        Err(reason) => {
            if !force {
                return Ok(Decision::Refuse {
                    edited: vec![format!(
                        "the whole file (it cannot be read as a document: {reason})"
                    )],
                });
            }
            let text = fingerprint::stamp(&document::render(fresh, fresh_body)?);
            return Ok(Decision::Write {
                text,
                kept: vec![],
                replaced: vec!["the whole file".into()],
            });
        }
    };
    let (curated, _) = curated_list(&existing.fields);
    let mut merged = fresh.clone();
    for (name, value) in &existing.fields {
        let unknown = !DOCUMENT_FIELDS.contains(&name.as_str()) && name != "archive_ref_parts";
        if curated.contains(name) || name == "curated" || unknown {
            merged.insert(name.clone(), value.clone());
        }
    }
    for name in &curated {
        if !existing.fields.contains_key(name) {
            merged.remove(name);
        }
    }
    let body = if curated.iter().any(|c| c == "body") {
        existing.body.as_str()
    } else {
        fresh_body
    };
    let text = fingerprint::stamp(&document::render(&merged, body)?);
    let kept: Vec<String> = curated.clone();
    if text.as_bytes() == existing_bytes {
        return Ok(Decision::Unchanged { kept });
    }
    let untouched = fingerprint::untouched(&String::from_utf8_lossy(existing_bytes));
    let edited = if untouched {
        Vec::new()
    } else {
        differences(existing, fresh, fresh_body)
    };
    let known = |f: &str| f == "body" || f == "archive_ref_parts" || DOCUMENT_FIELDS.contains(&f);
    let mut undeclared: Vec<String> = edited
        .into_iter()
        .filter(|f| known(f) && f != "curated" && f != fingerprint::FIELD && !curated.contains(f))
        .collect();
    undeclared.sort();
    if undeclared.is_empty() || force {
        Ok(Decision::Write {
            text,
            kept,
            replaced: if force { undeclared } else { vec![] },
        })
    } else {
        Ok(Decision::Refuse { edited: undeclared })
    }
}

/// The fields (and `body`) in which an edited document differs from the fresh import.
fn differences(existing: &Existing, fresh: &Fields, fresh_body: &str) -> Vec<String> {
    let mut names: Vec<&String> = existing.fields.keys().chain(fresh.keys()).collect();
    names.sort();
    names.dedup();
    let mut out: Vec<String> = names
        .into_iter()
        .filter(|n| field_hash(existing.fields.get(*n)) != field_hash(fresh.get(*n)))
        .cloned()
        .collect();
    if existing.body.trim() != fresh_body.trim() {
        out.push("body".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::path::Path;

    fn fields(pairs: &[(&str, Value)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn existing(text: &str) -> Existing {
        document::parse(text.as_bytes(), Path::new("x.md")).unwrap()
    }

    #[test]
    fn curated_fields_survive_and_others_are_refreshed() {
        let fresh = fields(&[
            ("id", json!("x")),
            ("title", json!("New title")),
            ("date_note", json!("machine note")),
        ]);
        let old = "---\nid: x\ntitle: Old title\ndate_note: An editor's note.\ncurated: [date_note]\n---\n\nOld body\n";
        let decision = decide(
            old.as_bytes(),
            Ok(&existing(old)),
            &fresh,
            "New body\n",
            true,
        )
        .unwrap();
        let Decision::Write {
            text,
            kept,
            replaced,
        } = decision
        else {
            panic!()
        };
        assert!(text.contains("title: New title"));
        assert!(text.contains("date_note: An editor's note."));
        assert!(text.contains("New body"));
        assert!(fingerprint::untouched(&text));
        assert_eq!(kept, ["date_note"]);
        assert_eq!(replaced, ["body", "title"]);
    }

    #[test]
    fn undeclared_edits_are_refused_without_force() {
        let fresh = fields(&[("id", json!("x")), ("title", json!("T"))]);
        let written = fingerprint::stamp(&document::render(&fresh, "Body\n").unwrap());
        // Untouched: nothing to do.
        let d = decide(
            written.as_bytes(),
            Ok(&existing(&written)),
            &fresh,
            "Body\n",
            false,
        )
        .unwrap();
        assert!(matches!(d, Decision::Unchanged { .. }));
        // Untouched, and the import changed: replaced freely.
        let d = decide(
            written.as_bytes(),
            Ok(&existing(&written)),
            &fresh,
            "Better body\n",
            false,
        )
        .unwrap();
        assert!(matches!(d, Decision::Write { .. }), "{d:?}");
        // The editor fixed the body: refused.
        let edited = written.replace("Body", "Body, fixed");
        let d = decide(
            edited.as_bytes(),
            Ok(&existing(&edited)),
            &fresh,
            "Body\n",
            false,
        )
        .unwrap();
        assert_eq!(
            d,
            Decision::Refuse {
                edited: vec!["body".into()]
            }
        );
        // … unless the body is declared curated: the file is rewritten, the body kept.
        let declared = edited.replace("title: T\n", "title: T\ncurated: [body]\n");
        let d = decide(
            declared.as_bytes(),
            Ok(&existing(&declared)),
            &fresh,
            "Body\n",
            false,
        )
        .unwrap();
        let Decision::Write { text, replaced, .. } = d else {
            panic!("{d:?}")
        };
        assert!(text.contains("Body, fixed"));
        assert!(replaced.is_empty());
    }

    #[test]
    fn unreadable_files_need_force() {
        let fresh = fields(&[("id", json!("x"))]);
        let d = decide(b"garbage", Err("no front matter"), &fresh, "B", false).unwrap();
        assert!(matches!(d, Decision::Refuse { .. }));
        let d = decide(b"garbage", Err("no front matter"), &fresh, "B", true).unwrap();
        assert!(matches!(d, Decision::Write { .. }));
    }
}
