//! The document's address at the archive. Exports carry mirror hosts
//! (wilson-center.drivingcreative.com, wilson-center-digital-archive.dvincitest.com);
//! the edition cites the archive's own address, which the record id determines.

/// The archive's own address for documents; the record id follows.
pub const CANONICAL: &str = "https://digitalarchive.wilsoncenter.org/document/";

/// A web address found in a text, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundUrl {
    /// The address as written, without angle brackets.
    pub url: String,
    /// Byte range in the text, angle brackets included when present.
    pub start: usize,
    pub end: usize,
    pub bracketed: bool,
}

/// The first web address in a text.
pub fn find(text: &str) -> Option<FoundUrl> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let len = text[start..]
        .find(|c: char| c.is_whitespace() || c == '>' || c == '"' || c == '”')
        .unwrap_or(text.len() - start);
    let url = text[start..start + len]
        .trim_end_matches(['.', ',', ';', ')'])
        .to_string();
    let end = start + url.len();
    let bracketed = text[..start].ends_with('<') && text[end..].starts_with('>');
    Some(if bracketed {
        FoundUrl {
            url,
            start: start - 1,
            end: end + 1,
            bracketed,
        }
    } else {
        FoundUrl {
            url,
            start,
            end,
            bracketed,
        }
    })
}

/// An address made canonical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    pub url: String,
    pub record_id: Option<String>,
    /// The mirror host that was replaced, if any.
    pub replaced_host: Option<String>,
}

/// Makes an address canonical when it is the archive's or one of its mirrors' (a host
/// naming the Wilson Center or its digital archive, with a `/document/<number>` path).
/// Other addresses are kept as written.
pub fn canonical(url: &str) -> Canonical {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_lowercase();
    let archive_like = host.contains("wilson") || host.contains("digitalarchive");
    let record = path
        .strip_prefix("document/")
        .map(|p| {
            p.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .filter(|id| !id.is_empty());
    match record {
        Some(id) if archive_like => {
            let canonical = format!("{CANONICAL}{id}");
            let replaced_host =
                (canonical != url && host != "digitalarchive.wilsoncenter.org").then_some(host);
            Canonical {
                url: canonical,
                record_id: Some(id),
                replaced_host,
            }
        }
        _ => Canonical {
            url: url.to_string(),
            record_id: None,
            replaced_host: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirrors_become_the_archive() {
        let c = canonical("https://wilson-center.drivingcreative.com/document/115956");
        assert_eq!(
            c.url,
            "https://digitalarchive.wilsoncenter.org/document/115956"
        );
        assert_eq!(c.record_id.as_deref(), Some("115956"));
        assert_eq!(
            c.replaced_host.as_deref(),
            Some("wilson-center.drivingcreative.com")
        );
        let c = canonical(
            "https://wilson-center-digital-archive.dvincitest.com/document/115932/some-slug",
        );
        assert_eq!(
            c.url,
            "https://digitalarchive.wilsoncenter.org/document/115932"
        );
        let c = canonical("https://digitalarchive.wilsoncenter.org/document/114905");
        assert_eq!(c.replaced_host, None);
    }

    #[test]
    fn other_addresses_are_kept() {
        let c = canonical("https://example.org/document/12");
        assert_eq!(c.url, "https://example.org/document/12");
        assert_eq!(c.record_id, None);
    }

    #[test]
    fn addresses_in_text() {
        let f = find("Goldberg. <https://x.org/document/1>").unwrap();
        assert_eq!(f.url, "https://x.org/document/1");
        assert!(f.bracketed);
        let f = find("Goldberg. https://x.org/document/1").unwrap();
        assert!(!f.bracketed);
        assert_eq!(find("no address"), None);
    }
}
