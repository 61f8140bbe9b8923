//! `.recto-import.json`, beside the documents: for each document the importer wrote, its
//! source and the fingerprints of what was written (the whole file, each field, the
//! body). It is how the importer tells an editor's changes from its own output, and how a
//! source keeps its document id across imports. It lives beside the documents rather than
//! in their front matter so that editors never see or edit it, and so that a fingerprint
//! never has to cover itself.

use super::write::atomic_write;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = ".recto-import.json";

/// What the importer wrote for one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The `source` field: the raw export, relative to `content/`.
    pub source: String,
    pub source_sha256: String,
    /// The whole file as written.
    pub written_sha256: String,
    /// Each front-matter field as written (and `body`), by name.
    pub fields: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// By document id.
    pub documents: BTreeMap<String, Entry>,
}

impl Manifest {
    pub fn path(out: &Path) -> PathBuf {
        out.join(FILE_NAME)
    }

    /// Reads the manifest of a documents folder; a missing one is empty, a damaged one is
    /// empty too (with the reason), which only makes the importer more careful.
    pub fn load(out: &Path) -> (Manifest, Option<String>) {
        let path = Manifest::path(out);
        match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(m) => (m, None),
                Err(e) => (
                    Manifest::default(),
                    Some(format!(
                        "{} cannot be read ({e}); every existing document is treated as edited",
                        path.display()
                    )),
                ),
            },
            Err(_) => (Manifest::default(), None),
        }
    }

    pub fn save(&self, out: &Path) -> std::io::Result<()> {
        let mut text = serde_json::to_string_pretty(&Manifest {
            version: 1,
            ..self.clone()
        })
        .map_err(std::io::Error::other)?;
        text.push('\n');
        atomic_write(&Manifest::path(out), text.as_bytes())
    }

    /// The id of the document made from a source, if the importer made one.
    pub fn id_of_source(&self, source: &str) -> Option<&str> {
        self.documents
            .iter()
            .find(|(_, e)| e.source == source)
            .map(|(id, _)| id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Manifest::default();
        m.documents.insert(
            "a".into(),
            Entry {
                source: "sources/a.txt".into(),
                ..Entry::default()
            },
        );
        m.save(dir.path()).unwrap();
        let (back, problem) = Manifest::load(dir.path());
        assert!(problem.is_none());
        assert_eq!(back.id_of_source("sources/a.txt"), Some("a"));
        std::fs::write(Manifest::path(dir.path()), "{not json").unwrap();
        let (back, problem) = Manifest::load(dir.path());
        assert!(back.documents.is_empty());
        assert!(problem.is_some());
    }
}
