//! Writing a document so that it is either the old one or the new one, never half of each:
//! a temporary file beside it, flushed, then renamed into place. A new document is put in
//! place only if no file has that name yet ([`atomic_create`]), so that two imports into one
//! folder at once never overwrite each other's documents.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` as the new content of `path`, replacing what is there.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = complete_temp_file(path, bytes)?;
    temp.persist(path).map(drop).map_err(|e| e.error)
}

/// Writes `bytes` as a new file `path`, failing with `AlreadyExists` (and writing nothing)
/// if a file of that name exists, even one created a moment ago by another process.
pub fn atomic_create(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = complete_temp_file(path, bytes)?;
    temp.persist_noclobber(path).map(drop).map_err(|e| e.error)
}

/// A hidden temporary file beside `path` holding `bytes`, on disk; removed when dropped.
fn complete_temp_file(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}.recto-tmp-"))
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        atomic_write(&path, b"one").unwrap();
        atomic_write(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("a.md");
        assert!(atomic_write(&path, b"x").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn creating_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        atomic_create(&path, b"one").unwrap();
        let err = atomic_create(&path, b"two").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn of_many_threads_creating_one_name_exactly_one_wins() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let won: usize = std::thread::scope(|s| {
            let runs: Vec<_> = (0..8u8)
                .map(|t| {
                    let path = &path;
                    s.spawn(move || usize::from(atomic_create(path, &[t]).is_ok()))
                })
                .collect();
            runs.into_iter().map(|r| r.join().unwrap()).sum()
        });
        assert_eq!(won, 1);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
