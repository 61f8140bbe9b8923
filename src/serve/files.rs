//! From a request path to a file of the site folder, and never to anything outside it.
//!
//! The path is percent-decoded first, then checked segment by segment, so `%2e%2e` is
//! treated exactly like `..`: any `.` or `..` segment, hidden name, backslash or NUL is
//! refused rather than normalised (a browser never sends them; only probes do). The file is
//! then resolved with every symlink followed and must still lie inside the site folder.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};
use std::path::{Path, PathBuf};

/// What a request path leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file inside the site folder (symlinks resolved).
    File(PathBuf),
    /// A folder asked for without its trailing slash: its `index.html` would break
    /// relative links, so the browser is sent to `location` (always a local path).
    Redirect(String),
    /// Nothing there, or not allowed: answered with the site's 404 page.
    NotFound,
}

/// Characters percent-encoded in a path segment of a redirect.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\');

/// The segments of a raw (still percent-encoded) request path, or `None` when the path
/// may not be served. The flag tells whether the path ends with a slash.
pub fn segments(raw: &str) -> Option<(Vec<String>, bool)> {
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        if part.is_empty() {
            continue;
        }
        if part.starts_with('.') || part.contains(['\\', '\0']) {
            return None;
        }
        parts.push(part.to_string());
    }
    let folder = decoded.ends_with('/') || parts.is_empty();
    Some((parts, folder))
}

/// Resolves a raw request path against `site`, which must be canonical (see
/// [`std::fs::canonicalize`]). Touches the disk: call it off the async threads.
pub fn resolve(site: &Path, raw: &str) -> Target {
    let Some((parts, folder)) = segments(raw) else {
        return Target::NotFound;
    };
    let mut candidate = site.to_path_buf();
    candidate.extend(&parts);
    let Some(real) = inside(site, &candidate) else {
        return Target::NotFound;
    };
    if real.is_dir() {
        if !folder {
            let mut location = String::from("/");
            for part in &parts {
                location.extend(utf8_percent_encode(part, SEGMENT));
                location.push('/');
            }
            return Target::Redirect(location);
        }
        return match inside(site, &real.join("index.html")) {
            Some(index) if index.is_file() => Target::File(index),
            _ => Target::NotFound,
        };
    }
    if folder || !real.is_file() {
        return Target::NotFound;
    }
    Target::File(real)
}

/// `path` with every symlink resolved, if it exists and stays inside `site`.
fn inside(site: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    real.starts_with(site).then_some(real)
}

/// The `Content-Type` of a file, by its extension; text types say they are UTF-8 (recto
/// writes every text file in UTF-8).
pub fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.essence_str(),
            "application/javascript" | "application/json" | "application/xml" | "image/svg+xml"
        );
    if textual && mime.get_param(mime_guess::mime::CHARSET).is_none() {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.to_string()
    }
}

/// Whether a file is a page the reload script is added to.
pub fn is_html(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_refuse_every_way_up() {
        assert_eq!(segments("/"), Some((vec![], true)));
        assert_eq!(
            segments("/documents/a.html"),
            Some((vec!["documents".into(), "a.html".into()], false))
        );
        assert_eq!(
            segments("/timeline/"),
            Some((vec!["timeline".into()], true))
        );
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/documents/..%2f..%2fx",
            "/.%2e/x",
            "/./index.html",
            "/.recto-site",
            "/a%5c..%5cb",
            "/a%00b",
            "/%ff",
        ] {
            assert_eq!(segments(bad), None, "{bad}");
        }
    }

    #[test]
    fn resolves_files_folders_and_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("timeline")).unwrap();
        std::fs::write(site.join("index.html"), "home").unwrap();
        std::fs::write(site.join("timeline/index.html"), "time").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let site = site.canonicalize().unwrap();
        assert_eq!(resolve(&site, "/"), Target::File(site.join("index.html")));
        assert_eq!(
            resolve(&site, "/timeline/"),
            Target::File(site.join("timeline/index.html"))
        );
        assert_eq!(
            resolve(&site, "/timeline"),
            Target::Redirect("/timeline/".into())
        );
        assert_eq!(
            resolve(&site, "//timeline"),
            Target::Redirect("/timeline/".into())
        );
        assert_eq!(resolve(&site, "/index.html/"), Target::NotFound);
        assert_eq!(resolve(&site, "/missing.html"), Target::NotFound);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("leak.txt"))
                .unwrap();
            std::os::unix::fs::symlink(dir.path(), site.join("up")).unwrap();
            std::os::unix::fs::symlink(site.join("index.html"), site.join("home.html")).unwrap();
            assert_eq!(resolve(&site, "/leak.txt"), Target::NotFound);
            assert_eq!(resolve(&site, "/up/secret.txt"), Target::NotFound);
            assert_eq!(resolve(&site, "/up/"), Target::NotFound);
            assert_eq!(
                resolve(&site, "/home.html"),
                Target::File(site.join("index.html"))
            );
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Path::new("a.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("s/style.css")),
            "text/css; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("s/x.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("a.png")), "image/png");
        assert_eq!(
            content_type(Path::new("feed.xml")),
            "text/xml; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }
}
