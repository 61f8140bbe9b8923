//! Writing the site atomically: everything goes into a temporary folder beside the target,
//! which is swapped in only when complete, so a failed build leaves the last good site.

use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as recto's output, so recto never replaces anything else.
pub const MARKER: &str = ".recto-site";

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to replace {0}: it is not empty and was not made by recto (no {MARKER} file); choose another --out folder or empty it")]
    NotOurs(PathBuf),
    #[error("page path `{0}` would leave the output folder")]
    Escapes(String),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Checks, before any work, that `out` may be replaced.
pub fn check_target(out: &Path) -> Result<(), OutputError> {
    if !out.exists() {
        return Ok(());
    }
    let empty = out.read_dir().map_err(io_error(out))?.next().is_none();
    if out.is_dir() && (empty || out.join(MARKER).is_file()) {
        Ok(())
    } else {
        Err(OutputError::NotOurs(out.to_path_buf()))
    }
}

/// A site being written: a fresh temporary folder beside `out`, marked as recto's, swapped
/// in by [`Staging::commit`]; dropped without a commit, it is removed and `out` is untouched.
pub struct Staging {
    out: PathBuf,
    temp: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Checks that `out` may be replaced and creates the temporary folder beside it.
    pub fn begin(out: &Path) -> Result<Staging, OutputError> {
        check_target(out)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        let pid = std::process::id();
        let temp = parent.join(format!(".{name}.building-{pid}"));
        let old = parent.join(format!(".{name}.previous-{pid}"));
        if temp.exists() {
            std::fs::remove_dir_all(&temp).map_err(io_error(&temp))?;
        }
        std::fs::create_dir_all(&temp).map_err(io_error(&temp))?;
        Ok(Staging {
            out: out.to_path_buf(),
            temp,
            old,
            committed: false,
        })
    }

    /// Writes one file (a site-relative '/'-separated path), from any thread.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        if !is_inside(path) {
            return Err(OutputError::Escapes(path.to_string()));
        }
        let target = self.temp.join(path);
        if let Some(dir) = target.parent() {
            if !dir.is_dir() {
                std::fs::create_dir_all(dir).map_err(io_error(dir))?;
            }
        }
        std::fs::write(&target, bytes).map_err(io_error(&target))
    }

    /// The temporary folder.
    pub fn path(&self) -> &Path {
        &self.temp
    }

    /// Marks the folder as recto's and swaps it in for `out`.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let marker = self.temp.join(MARKER);
        std::fs::write(
            &marker,
            b"This folder is written by recto build; it is replaced on every build.\n",
        )
        .map_err(io_error(&marker))?;
        check_target(&self.out)?;
        swap(&self.out, &self.temp, &self.old)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.temp);
        }
    }
}

/// Writes `files` (site-relative '/'-separated paths) as the new content of `out`.
pub fn write_site(out: &Path, files: &[(String, Vec<u8>)]) -> Result<(), OutputError> {
    let staging = Staging::begin(out)?;
    for (path, bytes) in files {
        staging.write(path, bytes)?;
    }
    staging.commit()
}

fn swap(out: &Path, temp: &Path, old: &Path) -> Result<(), OutputError> {
    if out.exists() {
        if old.exists() {
            std::fs::remove_dir_all(old).map_err(io_error(old))?;
        }
        std::fs::rename(out, old).map_err(io_error(out))?;
        if let Err(e) = std::fs::rename(temp, out) {
            let _ = std::fs::rename(old, out);
            return Err(io_error(out)(e));
        }
        std::fs::remove_dir_all(old).map_err(io_error(old))?;
    } else {
        std::fs::rename(temp, out).map_err(io_error(out))?;
    }
    Ok(())
}

/// A page path stays inside the output folder: relative, no `..`.
pub fn is_inside(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty()
        && !path.contains('\\')
        && p.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside() {
        assert!(is_inside("documents/a.html"));
        assert!(!is_inside("../x.html"));
        assert!(!is_inside("/etc/passwd"));
        assert!(!is_inside("a/../../b"));
        assert!(!is_inside(""));
    }

    #[test]
    fn swaps_and_refuses_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[("index.html".into(), b"one".to_vec())]).unwrap();
        write_site(&out, &[("index.html".into(), b"two".to_vec())]).unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"two");
        let foreign = dir.path().join("src");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("main.rs"), "fn main(){}").unwrap();
        assert!(matches!(
            write_site(&foreign, &[]),
            Err(OutputError::NotOurs(_))
        ));
        assert!(foreign.join("main.rs").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    }
}
