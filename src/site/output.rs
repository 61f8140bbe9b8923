//! Writing the site atomically: everything goes into a temporary folder beside the target,
//! which is swapped in only when complete, so a failed, aborted or killed build leaves the
//! last good site.
//!
//! The temporary folder (`.NAME.building-PID-N` beside `NAME`) is marked as recto's from
//! its creation by the [`MARKER`] file, which the building process keeps locked: a folder
//! whose marker nobody holds is a leftover of a killed build, and the next build removes it.
//! On Linux the finished folder is exchanged with the old site in one `renameat2` call, so
//! there is a complete site at `NAME` at every instant; elsewhere (or where the file system
//! refuses the exchange) the old site is first renamed to `.NAME.previous-PID-N`, which the
//! next build restores if it finds `NAME` missing.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

mod leftovers;
use leftovers::{remove_site, remove_stale, restore_previous};

/// The file that marks a folder as recto's output, so recto never replaces anything else.
pub const MARKER: &str = ".recto-site";

const MARKER_TEXT: &[u8] =
    b"This folder is written by recto build; it is replaced on every build.\n";

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to replace {0}: it is neither an empty folder nor a site made by recto (no {MARKER} file); choose another --out folder or empty it")]
    NotOurs(PathBuf),
    #[error("page path `{0}` would leave the output folder")]
    Escapes(String),
    #[error("cannot write {path}: {source}{}", hint(.source))]
    Io { path: PathBuf, source: io::Error },
}

/// What to do about the usual causes of a failed write.
fn hint(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::StorageFull => " (the disk is full: free some space and build again)",
        io::ErrorKind::QuotaExceeded => {
            " (the disk quota is exceeded: free some space and build again)"
        }
        io::ErrorKind::ReadOnlyFilesystem => {
            " (the file system is read-only: choose another --out folder)"
        }
        io::ErrorKind::PermissionDenied => {
            " (check that you may write to the folder that holds the output folder)"
        }
        _ => "",
    }
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
    if !out.is_dir() {
        return Err(OutputError::NotOurs(out.to_path_buf()));
    }
    let empty = out.read_dir().map_err(io_error(out))?.next().is_none();
    if empty || out.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(OutputError::NotOurs(out.to_path_buf()))
    }
}

/// Whether `out` holds a site recto wrote (so a failed build can say it left it untouched).
pub fn is_site(out: &Path) -> bool {
    out.join(MARKER).is_file()
}

/// Writes `files` (site-relative '/'-separated paths) as the new content of `out`.
pub fn write_site(out: &Path, files: &[(String, Vec<u8>)]) -> Result<(), OutputError> {
    if let Some((path, _)) = files.iter().find(|(p, _)| !is_inside(p)) {
        return Err(OutputError::Escapes(path.clone()));
    }
    let staging = Staging::begin(out)?;
    for (path, bytes) in files {
        staging.write(path, bytes)?;
    }
    staging.commit()
}

/// A site being written: a fresh temporary folder beside `out`, marked as recto's.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    temp: PathBuf,
    /// The marker of `temp`, locked for as long as this build runs.
    lock: Option<File>,
}

/// The kinds of temporary folders beside an output folder.
const BUILDING: &str = "building";
const PREVIOUS: &str = "previous";

impl Staging {
    /// Checks `out` may be replaced, restores a `.NAME.previous-*` folder as `out` when `out`
    /// is missing (a build killed in the middle of the fallback swap), removes stale
    /// temporary folders of recto's own beside it, and creates the temporary folder.
    pub fn begin(out: &Path) -> Result<Staging, OutputError> {
        let (parent, name) = parent_and_name(out);
        if out.symlink_metadata().is_err() {
            restore_previous(out, &parent, &name);
        }
        check_target(out)?;
        if parent.exists() && !parent.is_dir() {
            let e = io::Error::new(
                io::ErrorKind::NotADirectory,
                format!("{} is a file, not a folder", parent.display()),
            );
            return Err(io_error(out)(e));
        }
        std::fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        remove_stale(&parent, &name);
        let temp = create_fresh(&parent, &name, BUILDING)?;
        let marker = temp.join(MARKER);
        let written = File::create(&marker).and_then(|mut file| {
            file.write_all(MARKER_TEXT)?;
            Ok(file)
        });
        let file = match written {
            Ok(file) => file,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&temp);
                return Err(io_error(&marker)(e));
            }
        };
        // Where the file system has no locks, liveness falls back to the PID (see `in_use`).
        let lock = file.try_lock().is_ok().then_some(file);
        Ok(Staging {
            out: out.to_path_buf(),
            temp,
            lock,
        })
    }

    /// Writes one file (site-relative '/'-separated path; refuses paths leaving the folder).
    /// Callable from many threads at once; creates parent folders. An error names the file
    /// as it would have been in `out`.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        if !is_inside(path) {
            return Err(OutputError::Escapes(path.to_string()));
        }
        let target = self.temp.join(path);
        let shown = self.out.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(io_error(&shown))?;
        }
        std::fs::write(&target, bytes).map_err(io_error(&shown))
    }

    /// The temporary folder (for the build cache and tests).
    pub fn path(&self) -> &Path {
        &self.temp
    }

    /// Whether committing replaces a previous site (rather than creating `out`).
    pub fn replaces_site(&self) -> bool {
        self.out.symlink_metadata().is_ok()
    }

    /// Swaps the finished folder in atomically, then removes the old site. On error the
    /// previous site (if any) is in place and the temporary folder is removed.
    pub fn commit(mut self) -> Result<(), OutputError> {
        if self.out.symlink_metadata().is_err() {
            std::fs::rename(&self.temp, &self.out).map_err(io_error(&self.out))?;
            self.lock = None;
            self.temp = PathBuf::new();
            return Ok(());
        }
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            use rustix::fs::{renameat_with, RenameFlags, CWD};
            match renameat_with(CWD, &self.temp, CWD, &self.out, RenameFlags::EXCHANGE) {
                Ok(()) => {
                    // The old site now sits in the temporary folder; Drop removes it.
                    self.lock = None;
                    return Ok(());
                }
                Err(e) if !exchange_unsupported(e) => {
                    return Err(io_error(&self.out)(e.into()));
                }
                Err(_) => {}
            }
        }
        self.swap_by_renames()
    }

    /// The fallback swap: `out` → `.NAME.previous-*`, temporary folder → `out`. A build
    /// killed between the two renames leaves the previous site for the next build to restore.
    fn swap_by_renames(mut self) -> Result<(), OutputError> {
        let (parent, name) = parent_and_name(&self.out);
        // Held during the swap, so that a concurrent build does not restore it meanwhile.
        let old_lock = File::open(self.out.join(MARKER)).ok();
        if let Some(f) = &old_lock {
            let _ = f.try_lock();
        }
        let previous = fresh_name(&parent, &name, PREVIOUS);
        std::fs::rename(&self.out, &previous).map_err(io_error(&self.out))?;
        if let Err(e) = std::fs::rename(&self.temp, &self.out) {
            let _ = std::fs::rename(&previous, &self.out);
            return Err(io_error(&self.out)(e));
        }
        // A `.previous-*` folder is always a complete site: rename it away before removing.
        let trash = fresh_name(&parent, &name, BUILDING);
        self.lock = None;
        self.temp = match std::fs::rename(&previous, &trash) {
            Ok(()) => trash,
            Err(_) => previous,
        };
        drop(old_lock);
        Ok(())
    }
}

impl Drop for Staging {
    /// Removes the temporary folder: an unfinished site, or the old site after a commit.
    /// `out` itself is never touched here.
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            remove_site(&self.temp, self.lock.take());
        }
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange_unsupported(e: rustix::io::Errno) -> bool {
    use rustix::io::Errno;
    [
        Errno::INVAL,
        Errno::NOSYS,
        Errno::OPNOTSUPP,
        Errno::NOTSUP,
        Errno::XDEV,
    ]
    .contains(&e)
}

fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_string());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (parent, name)
}

/// Tells apart the temporary folders of one process (a server, tests running in threads).
static SEQUENCE: AtomicUsize = AtomicUsize::new(0);

fn fresh_name(parent: &Path, name: &str, kind: &str) -> PathBuf {
    let n = SEQUENCE.fetch_add(1, Ordering::Relaxed);
    parent.join(format!(".{name}.{kind}-{}-{n}", std::process::id()))
}

/// Creates a new, empty temporary folder; never reuses one that exists.
fn create_fresh(parent: &Path, name: &str, kind: &str) -> Result<PathBuf, OutputError> {
    loop {
        let dir = fresh_name(parent, name, kind);
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_error(&dir)(e)),
        }
    }
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

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

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
        assert_eq!(names(dir.path()), ["public", "src"]);
    }

    #[test]
    fn an_aborted_build_leaves_the_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[("index.html".into(), b"one".to_vec())]).unwrap();
        let staging = Staging::begin(&out).unwrap();
        assert!(staging.replaces_site());
        staging.write("documents/a.html", b"new").unwrap();
        assert!(matches!(
            staging.write("../escape.html", b"x"),
            Err(OutputError::Escapes(_))
        ));
        drop(staging);
        assert_eq!(names(dir.path()), ["public"]);
        assert_eq!(names(&out), [MARKER, "index.html"]);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
    }

    #[test]
    fn writes_from_many_threads() {
        fn shared_between_threads<T: Sync + Send>() {}
        shared_between_threads::<Staging>();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&out).unwrap();
        assert!(!staging.replaces_site());
        std::thread::scope(|s| {
            for t in 0..4 {
                let staging = &staging;
                s.spawn(move || {
                    for i in 0..50 {
                        staging
                            .write(&format!("d/{}/{t}.html", i % 5), b"x")
                            .unwrap();
                    }
                });
            }
        });
        staging.commit().unwrap();
        assert_eq!(
            names(&out.join("d").join("3")),
            ["0.html", "1.html", "2.html", "3.html"]
        );
        assert_eq!(names(dir.path()), ["public"]);
    }

    /// What killed builds leave: a temporary folder of a dead process (its marker is
    /// unlocked), an old one without the `-N` suffix, and a previous site.
    fn leave_leftovers(parent: &Path) {
        for name in [
            ".public.building-999999999-3",
            ".public.building-999999998",
            ".public.previous-999999997-0",
        ] {
            let d = parent.join(name);
            std::fs::create_dir_all(d.join("documents")).unwrap();
            std::fs::write(d.join(MARKER), MARKER_TEXT).unwrap();
            std::fs::write(d.join("documents/a.html"), name).unwrap();
        }
    }

    #[test]
    fn stale_folders_are_removed_but_not_a_live_build_or_a_foreign_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[("index.html".into(), b"one".to_vec())]).unwrap();
        leave_leftovers(dir.path());
        // Not recto's: no marker.
        std::fs::create_dir(dir.path().join(".public.building-1")).unwrap();
        let live = Staging::begin(&out).unwrap();
        let live_name = live
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert_eq!(
            names(dir.path()),
            [".public.building-1", &live_name, "public"]
        );
        // A second build beside a live one leaves it alone.
        write_site(&out, &[("index.html".into(), b"two".to_vec())]).unwrap();
        assert!(live.path().join(MARKER).is_file());
        drop(live);
        assert_eq!(names(dir.path()), [".public.building-1", "public"]);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"two");
    }

    #[test]
    fn a_missing_site_is_restored_from_the_previous_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        leave_leftovers(dir.path());
        let staging = Staging::begin(&out).unwrap();
        assert_eq!(
            std::fs::read(out.join("documents/a.html")).unwrap(),
            b".public.previous-999999997-0"
        );
        assert!(staging.replaces_site());
        drop(staging);
        assert_eq!(names(dir.path()), ["public"]);
    }

    #[test]
    fn the_fallback_swap_replaces_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[("index.html".into(), b"one".to_vec())]).unwrap();
        let staging = Staging::begin(&out).unwrap();
        staging.write("index.html", b"two").unwrap();
        staging.swap_by_renames().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["public"]);
    }
}
