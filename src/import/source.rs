//! The raw exports to import: which files a command names, and each file's text as
//! numbered lines (the numbers are the file's own, for messages and the report).

use crate::diagnostic::Diagnostic;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One line of a raw export, without its line ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// 1-based line number in the source file.
    pub no: usize,
    pub text: String,
}

impl SourceLine {
    pub fn new(no: usize, text: impl Into<String>) -> SourceLine {
        SourceLine {
            no,
            text: text.into(),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Splits decoded text (already `\n` line endings) into numbered lines.
pub fn lines(text: &str) -> Vec<SourceLine> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| SourceLine::new(i + 1, l))
        .collect()
}

/// File extensions taken from a folder; a file named on the command line is always taken.
const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// The files to import, in a stable order: each path as given, folders walked in name
/// order (hidden files skipped), duplicates dropped. Paths that do not exist are reported.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    let mut take = |path: &Path, files: &mut Vec<PathBuf>| {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if seen.insert(key) {
            files.push(path.to_path_buf());
        }
    };
    for path in paths {
        if path.is_file() {
            take(path, &mut files);
        } else if path.is_dir() {
            let mut found = 0;
            for entry in WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
            {
                let Ok(entry) = entry else { continue };
                let wanted = entry.file_type().is_file()
                    && entry
                        .path()
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if wanted {
                    take(entry.path(), &mut files);
                    found += 1;
                }
            }
            if found == 0 {
                problems.push(
                    Diagnostic::warning(path, "the folder holds no raw exports").hint(format!(
                        "recto imports files ending in {}",
                        EXTENSIONS
                            .iter()
                            .map(|e| format!(".{e}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }
        } else {
            problems.push(Diagnostic::error(path, "no such file or folder").hint(
                "name the raw export files, or a folder that holds them (e.g. content/sources)",
            ));
        }
    }
    (files, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_from_one() {
        let l = lines("a\n\nb");
        assert_eq!(l.len(), 3);
        assert_eq!(l[2], SourceLine::new(3, "b"));
        assert!(l[1].is_blank());
    }

    #[test]
    fn folders_are_walked_in_order_and_missing_paths_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "x").unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
        std::fs::write(dir.path().join("c.png"), "x").unwrap();
        let (files, problems) = collect(&[
            dir.path().to_path_buf(),
            dir.path().join("a.txt"),
            dir.path().join("nope.txt"),
        ]);
        let names: Vec<_> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "b.txt"]);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].is_error());
    }
}
