//! Reading `content/edition.yaml`: each setting on its own, so every bad value is reported
//! in one run, at its line, with what the setting accepts.

use super::fields::{self, Expect, FieldReader};
use super::values::Values;
use super::yaml::{self, FieldLines};
use super::{limits, shown, text};
use crate::diagnostic::Diagnostic;
use crate::model::{EditionConfig, EditionDate, LinkMentions, Precision};
use std::path::Path;

const KNOWN: &[&str] = &[
    "title",
    "subtitle",
    "description",
    "introduction",
    "editors",
    "language",
    "licence",
    "base_url",
    "link_mentions",
    "smart_punctuation",
    "timeline_year_pages_after",
    "feed_entries",
    "timeline_lives",
    "updated",
];

const TRUE_OR_FALSE: Expect = Expect {
    what: "true or false",
    example: "false",
};

/// Reads the settings; a setting that cannot be read keeps its default (and is reported).
pub fn load(root: &Path, problems: &mut Vec<Diagnostic>) -> EditionConfig {
    let relative = Path::new("content/edition.yaml");
    let path = root.join(relative);
    let shown_path = shown(root, relative);
    if path.exists() && !path.is_file() {
        problems.push(
            Diagnostic::error(&shown_path, "edition.yaml is not a regular file")
                .hint("replace it with a text file holding the edition's settings (`title: …`)"),
        );
        return EditionConfig::default();
    }
    if !path.is_file() {
        problems.push(
            Diagnostic::error(&shown_path, "the edition has no edition.yaml")
                .hint("create content/edition.yaml with at least `title: …`"),
        );
        return EditionConfig::default();
    }
    let text = match text::read_text(&path, &shown_path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(e);
            return EditionConfig::default();
        }
    };
    let lines = FieldLines::scan(&text, 1);
    problems.extend(yaml::unknown_fields(&lines, KNOWN, &shown_path));
    let values = Values::read(
        &text,
        1,
        &limits::EDITION_YAML,
        &lines,
        &shown_path,
        problems,
    );
    let mut r = FieldReader {
        shown: &shown_path,
        lines: &lines,
        values,
        problems,
    };
    let defaults = EditionConfig::default();
    let title = r.required_text("title", "The name of the edition");
    let language = r.optional_text("language");
    if let Some(tag) = &language {
        if let Some(problem) = language_problem(tag) {
            r.error(
                "language",
                format!("`language: {tag}` {problem}"),
                "write the language of the edition's pages as a tag such as en, de, ru, pt-BR or zh-Hant".into(),
            );
        }
    }
    let base_url = r.optional_text("base_url");
    if let Some(url) = &base_url {
        if !is_web_address(url) {
            r.error(
                "base_url",
                format!("`base_url: {url}` is not an absolute web address"),
                "write the address the site is published at, starting with https:// or http:// and a host, e.g. `base_url: https://example.org/edition/`, or leave the field out".into(),
            );
        }
    }
    let updated = r.optional_text("updated");
    if let Some(day) = &updated {
        let valid = EditionDate::parse(day)
            .is_ok_and(|d| d.precision() == Precision::Day && !d.is_imprecise());
        if !valid {
            r.error(
                "updated",
                format!("`updated: {day}` is not a day"),
                "write the day the edition was last revised as YYYY-MM-DD".into(),
            );
        }
    }
    EditionConfig {
        title: title.unwrap_or(defaults.title),
        subtitle: r.optional_text("subtitle"),
        description: r.optional_text("description"),
        introduction: r.optional_text("introduction"),
        editors: r.list("editors", fields::NAMES),
        language: language.unwrap_or(defaults.language),
        licence: r.optional_text("licence"),
        base_url,
        link_mentions: r
            .get::<LinkMentions>(
                "link_mentions",
                Expect {
                    what: "`all` or `first`",
                    example: "first",
                },
            )
            .unwrap_or(defaults.link_mentions),
        smart_punctuation: r
            .get("smart_punctuation", TRUE_OR_FALSE)
            .unwrap_or(defaults.smart_punctuation),
        timeline_year_pages_after: r
            .get(
                "timeline_year_pages_after",
                Expect {
                    what: "a whole number",
                    example: "60",
                },
            )
            .unwrap_or(defaults.timeline_year_pages_after),
        feed_entries: r
            .get(
                "feed_entries",
                Expect {
                    what: "a whole number",
                    example: "50",
                },
            )
            .unwrap_or(defaults.feed_entries),
        timeline_lives: r
            .get("timeline_lives", TRUE_OR_FALSE)
            .unwrap_or(defaults.timeline_lives),
        updated,
    }
}

/// What is wrong with a language tag: not well-formed BCP 47 (RFC 5646), or a primary
/// language of 4 to 8 letters, a form the grammar allows but no language has ("english").
pub fn language_problem(tag: &str) -> Option<&'static str> {
    match oxilangtag::LanguageTag::parse(tag) {
        Err(_) => Some("is not a BCP 47 language tag"),
        Ok(parsed) => {
            let primary = parsed.primary_language();
            let word = primary.len() > 3 && primary.bytes().all(|b| b.is_ascii_alphabetic());
            word.then_some(
                "is not a language code: languages are named by two or three letters (ISO 639)",
            )
        }
    }
}

/// An absolute `http://` or `https://` address with a host: what a feed and a sitemap can
/// put before a page's path. Anything else (`javascript:`, `//host`, `example.org`) is not.
pub fn is_web_address(url: &str) -> bool {
    let Ok(uri) = url.parse::<http::Uri>() else {
        return false;
    };
    let scheme_ok = uri
        .scheme_str()
        .is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
    let host_ok = uri.host().is_some_and(|h| !h.is_empty());
    let no_user = uri.authority().is_some_and(|a| !a.as_str().contains('@'));
    scheme_ok && host_ok && no_user
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_checked() {
        for good in [
            "en",
            "de-CH",
            "zh-Hant-TW",
            "sr-Latn",
            "x-private",
            "i-klingon",
            "es-419",
        ] {
            assert_eq!(language_problem(good), None, "{good}");
        }
        for bad in ["en_US", "english", "", "e", "en-", "123", "de--CH"] {
            assert!(language_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn only_absolute_web_addresses_are_base_urls() {
        for good in [
            "https://example.org",
            "https://example.org/edition/",
            "http://localhost:8000/x",
            "HTTPS://EXAMPLE.ORG",
        ] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "javascript:alert(37)//",
            "example.org",
            "//example.org",
            "https://",
            "https:///x",
            "ftp://example.org",
            "/edition/",
            "https://user@evil.org",
            "https://exa mple.org",
            "data:text/html,x",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
