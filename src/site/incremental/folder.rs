//! The output folder of an incremental session, updated in place: only files whose bytes
//! changed are written (each through a temporary file and a rename, so a reader sees the
//! old bytes or the new ones, never half a file) and files no longer made are removed.

use super::fingerprint;
use crate::site::output::{self, OutputError, MARKER};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::hash::Hash;
use std::path::{Path, PathBuf};

/// A site folder and a hash of each file in it.
pub struct Folder {
    out: PathBuf,
    /// Per site path, a hash of the bytes on disk. `None` when the content is not known
    /// (before the first write, or after a failed one): the next write starts from empty.
    files: Option<BTreeMap<String, u64>>,
}

/// What an update did: paths written and paths removed, sorted.
pub struct Changes {
    pub written: Vec<String>,
    pub removed: Vec<String>,
}

impl Folder {
    pub fn new(out: &Path) -> Folder {
        Folder {
            out: out.to_path_buf(),
            files: None,
        }
    }

    pub fn path(&self) -> &Path {
        &self.out
    }

    /// Makes the folder's content the given files. A file given without bytes is one whose
    /// inputs did not change since it was written: it must already be there.
    pub fn update(
        &mut self,
        files: Vec<(String, Option<Vec<u8>>)>,
    ) -> Result<Changes, OutputError> {
        // Until this update completes, the folder's content is unknown.
        let known = self.files.take();
        let fresh = known.is_none();
        let known = known.unwrap_or_default();
        let mut next: BTreeMap<String, u64> = BTreeMap::new();
        let mut changed: Vec<(String, Vec<u8>)> = Vec::new();
        for (path, bytes) in files {
            if !output::is_inside(&path) {
                return Err(OutputError::Escapes(path));
            }
            match bytes {
                Some(bytes) => {
                    let hash = fingerprint(|h| bytes.hash(h));
                    if fresh || known.get(&path) != Some(&hash) {
                        changed.push((path.clone(), bytes));
                    }
                    next.insert(path, hash);
                }
                None => match known.get(&path) {
                    Some(hash) => {
                        next.insert(path, *hash);
                    }
                    None => {
                        return Err(OutputError::Io {
                            path: self.out.join(&path),
                            source: std::io::Error::other("page missing from the preview folder"),
                        })
                    }
                },
            }
        }
        let removed: Vec<String> = known
            .keys()
            .filter(|path| !next.contains_key(*path))
            .cloned()
            .collect();

        if fresh {
            clear(&self.out)?;
        }
        std::fs::create_dir_all(&self.out).map_err(io(&self.out))?;
        let marker = self.out.join(MARKER);
        if !marker.is_file() {
            std::fs::write(
                &marker,
                b"This folder is written by recto serve; it is replaced on every build.\n",
            )
            .map_err(io(&marker))?;
        }
        changed
            .par_iter()
            .try_for_each(|(path, bytes)| replace(&self.out.join(path), bytes))?;
        for path in &removed {
            self.remove(path)?;
        }
        self.files = Some(next);
        let mut written: Vec<String> = changed.into_iter().map(|(path, _)| path).collect();
        written.sort();
        Ok(Changes { written, removed })
    }

    /// Removes a file and the folders it leaves empty, up to the output folder.
    fn remove(&self, path: &str) -> Result<(), OutputError> {
        let target = self.out.join(path);
        match std::fs::remove_file(&target) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&target)(e)),
        }
        let mut dir = target.parent();
        while let Some(d) = dir {
            if d == self.out || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }
}

/// Writes `bytes` to `target` through a temporary sibling and a rename.
fn replace(target: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A hidden name: the preview server never serves it.
    let temp = target.with_file_name(format!(".{name}.recto-new"));
    std::fs::write(&temp, bytes).map_err(io(&temp))?;
    std::fs::rename(&temp, target).map_err(io(target))
}

/// Empties a folder recto owns (checked by `output::check_target`) before a full write.
fn clear(out: &Path) -> Result<(), OutputError> {
    let Ok(entries) = std::fs::read_dir(out) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let result = match entry.file_type() {
            Ok(t) if t.is_dir() => std::fs::remove_dir_all(&path),
            _ => std::fs::remove_file(&path),
        };
        result.map_err(|source| OutputError::Io { path, source })?;
    }
    Ok(())
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError {
    let path = path.to_path_buf();
    move |source| OutputError::Io { path, source }
}
