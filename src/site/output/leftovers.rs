//! What killed or failed builds leave beside the output folder, and how the next build
//! deals with it: a temporary folder whose marker no live build holds locked is removed; a
//! previous site is put back when the output folder is missing.

use super::{BUILDING, MARKER, PREVIOUS};
use std::fs::File;
use std::path::{Path, PathBuf};

/// A temporary folder of recto's beside the output: its kind and the PID that made it.
struct Leftover {
    path: PathBuf,
    kind: &'static str,
    pid: Option<u32>,
}

fn leftovers(parent: &Path, name: &str) -> Vec<Leftover> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        for kind in [BUILDING, PREVIOUS] {
            let Some(rest) = file_name.strip_prefix(&format!(".{name}.{kind}-")) else {
                continue;
            };
            // `PID` (before this version) or `PID-N`.
            let mut parts = rest.splitn(2, '-');
            let pid = parts.next().and_then(|p| p.parse::<u32>().ok());
            let tail_ok = parts.next().is_none_or(|n| n.parse::<usize>().is_ok());
            let path = entry.path();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if pid.is_some() && tail_ok && is_dir && path.join(MARKER).is_file() {
                found.push(Leftover { path, kind, pid });
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// Whether a live build still uses a leftover; if not, returns its marker, locked, so that
/// no other build takes it meanwhile.
fn claim(leftover: &Leftover) -> Option<Option<File>> {
    let Ok(file) = File::open(leftover.path.join(MARKER)) else {
        return None;
    };
    match file.try_lock() {
        Ok(()) => Some(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => None,
        Err(std::fs::TryLockError::Error(_)) => {
            (!process_alive(leftover.pid.unwrap_or(0))).then_some(None)
        }
    }
}

/// Without file locks: a process of that PID is running (on Linux, per /proc; elsewhere
/// assumed, so nothing a live build uses is ever removed).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Puts back the newest complete previous site when `out` is missing.
pub(super) fn restore_previous(out: &Path, parent: &Path, name: &str) {
    let mut previous: Vec<(std::time::SystemTime, Leftover)> = leftovers(parent, name)
        .into_iter()
        .filter(|l| l.kind == PREVIOUS)
        .map(|l| {
            let modified = std::fs::metadata(l.path.join(MARKER))
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (modified, l)
        })
        .collect();
    previous.sort_by_key(|p| std::cmp::Reverse(p.0));
    for (_, leftover) in previous {
        if let Some(lock) = claim(&leftover) {
            let restored = std::fs::rename(&leftover.path, out).is_ok();
            drop(lock);
            if restored {
                return;
            }
        }
    }
}

/// Removes every leftover of a killed or failed build beside the output, whatever its PID,
/// except those a live build still uses.
pub(super) fn remove_stale(parent: &Path, name: &str) {
    for leftover in leftovers(parent, name) {
        if let Some(lock) = claim(&leftover) {
            remove_site(&leftover.path, lock);
        }
    }
}

/// Removes a folder of recto's, its marker last, so that a removal cut short still leaves
/// a marked folder that the next build recognises and removes.
pub(super) fn remove_site(dir: &Path, lock: Option<File>) {
    match dir.symlink_metadata() {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            let _ = std::fs::remove_file(dir);
            return;
        }
        Err(_) => return,
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_name() == MARKER {
                continue;
            }
            let _ = match entry.file_type() {
                Ok(t) if t.is_dir() => std::fs::remove_dir_all(entry.path()),
                _ => std::fs::remove_file(entry.path()),
            };
        }
    }
    drop(lock);
    let _ = std::fs::remove_file(dir.join(MARKER));
    let _ = std::fs::remove_dir(dir);
}
