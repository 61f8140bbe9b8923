//! Relative links in texts: resolved against the page's own address, they must land on a
//! page or file the site has. The renderer never reads the disk, so the site's paths come
//! in with the text's context (worked out when the edition is loaded).

use std::collections::BTreeSet;
use std::path::{Component, Path};

/// The folder of the page a text is shown on ("documents/", "persons/", ""), from where
/// the page is (`root`: "" at the site root) and which content folder the text comes from.
pub fn page_folder(root: &str, path: &Path) -> &'static str {
    if root.is_empty() {
        return "";
    }
    let parts: Vec<&std::ffi::OsStr> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p),
            _ => None,
        })
        .collect();
    let in_persons = parts
        .windows(2)
        .any(|w| w[0] == "content" && w[1] == "persons");
    if in_persons {
        "persons/"
    } else {
        "documents/"
    }
}

/// What is wrong with a relative address: the words of a message and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub message: String,
    pub hint: &'static str,
}

/// What a relative address asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Target<'a> {
    /// Not a link within the site (a scheme, `//host`), or one that needs no check.
    Elsewhere,
    /// A fragment of this very page (`#note-1`), to check against the ids the text defines.
    Fragment(&'a str),
    /// A checked path within the site.
    Checked(Result<(), Broken>),
}

/// Resolves `dest`, written on a page in `folder`, against the site's `paths`.
pub fn check<'a>(dest: &'a str, folder: &str, paths: &BTreeSet<String>) -> Target<'a> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
        return Target::Elsewhere;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return match fragment {
            Some(f) if !f.is_empty() => Target::Fragment(f),
            _ => Target::Elsewhere,
        };
    }
    if path.starts_with('/') {
        return Target::Checked(Err(Broken {
            message: format!("the link `{dest}` starts with /, so it works only when the site is at a domain's root"),
            hint: "write the address relative to the page (documents/x.html from a page, ../persons/x.html from a document)",
        }));
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Checked(Err(Broken {
                        message: format!("the link `{dest}` leads outside the site"),
                        hint: "link only to pages and files of the edition; use https://… for anything else",
                    }));
                }
            }
            p => parts.push(p),
        }
    }
    let mut resolved = parts.join("/");
    if decoded.ends_with('/') || resolved.is_empty() {
        resolved = if resolved.is_empty() {
            "index.html".into()
        } else {
            format!("{resolved}/index.html")
        };
    }
    let found = paths.contains(&resolved) || paths.contains(&format!("{resolved}/index.html"));
    if found {
        Target::Checked(Ok(()))
    } else {
        Target::Checked(Err(Broken {
            message: format!("the link `{dest}` leads to {resolved}, which the site does not have"),
            hint: "link with document:ID or person:ID, to a page of content/pages/ (ID.html), or to a file you put in static/",
        }))
    }
}

/// Whether an address starts with a scheme (`https:`, `mailto:`), which makes it absolute.
fn has_scheme(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && !scheme.contains(['/', '?', '#'])
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> BTreeSet<String> {
        [
            "index.html",
            "documents/index.html",
            "documents/a.html",
            "persons/kim.html",
            "about.html",
            "static/map.png",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn broken(dest: &str, folder: &str) -> Option<String> {
        match check(dest, folder, &site()) {
            Target::Checked(Err(b)) => Some(b.message),
            _ => None,
        }
    }

    #[test]
    fn links_resolve_against_the_page() {
        for (dest, folder) in [
            ("a.html", "documents/"),
            ("../persons/kim.html#x", "documents/"),
            ("../about.html", "persons/"),
            ("documents/a.html?x=1", ""),
            ("static/map.png", ""),
            ("../static/map%2Epng", "documents/"),
            ("./", "documents/"),
            ("../", "documents/"),
            ("documents", ""),
            ("https://example.org/x.html", "documents/"),
            ("mailto:a@b.org", ""),
            ("//example.org", ""),
        ] {
            assert_eq!(broken(dest, folder), None, "{dest} from {folder}");
        }
        assert!(broken("missing-page.html", "documents/")
            .unwrap()
            .contains("documents/missing-page.html"));
        assert!(broken("../../../etc/passwd", "documents/")
            .unwrap()
            .contains("outside the site"));
        assert!(broken("kim.html", "documents/").is_some());
        assert!(broken("/about.html", "").unwrap().contains("starts with /"));
        assert_eq!(check("#nowhere", "", &site()), Target::Fragment("nowhere"));
    }
}
