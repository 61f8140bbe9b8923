//! The Atom feed of the documents (RFC 4287).
//!
//! Builds are reproducible, so `updated` is the edition's own revision date from
//! `edition.yaml` (`updated:`), never the build time; without it, the latest document date
//! stands in. Without a `base_url`, ids are URNs and links are relative to the feed.

use super::views::document_url;
use crate::model::{slugify, Edition, EditionDate};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    pub id: String,
    pub title: String,
    pub href: String,
    pub updated: String,
    pub summary: String,
    pub date: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedView {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub updated: String,
    pub self_href: String,
    pub home_href: String,
    pub authors: Vec<String>,
    pub rights: Option<String>,
    pub entries: Vec<FeedEntry>,
}

/// The feed: the newest documents (by date) first, as many as `feed_entries` asks.
pub fn feed(edition: &Edition) -> FeedView {
    let base = edition.config.base_url.as_deref().map(|b| {
        let mut b = b.to_string();
        if !b.ends_with('/') {
            b.push('/');
        }
        b
    });
    let slug = slugify(&edition.config.title);
    let updated = edition
        .config
        .updated
        .as_deref()
        .and_then(|u| EditionDate::parse(u).ok())
        .map(|d| d.earliest())
        .or_else(|| edition.documents.iter().map(|d| d.date.latest()).max())
        .map_or_else(
            || "1970-01-01T00:00:00Z".to_string(),
            |d| format!("{}T00:00:00Z", d.format("%Y-%m-%d")),
        );
    let link = |path: &str| match &base {
        Some(b) => format!("{b}{path}"),
        None => path.to_string(),
    };
    let id = |path: &str, local: &str| match &base {
        Some(b) => format!("{b}{path}"),
        None => format!("urn:recto:{slug}:{local}"),
    };
    // Documents are sorted by date: the newest are at the end.
    let entries: Vec<FeedEntry> = edition
        .documents
        .iter()
        .rev()
        .take(edition.config.feed_entries)
        .map(|d| {
            let words = d.date.words();
            FeedEntry {
                id: id(&document_url(&d.id), &format!("document:{}", d.id)),
                title: d.title.clone(),
                href: link(&document_url(&d.id)),
                updated: updated.clone(),
                summary: d
                    .summary
                    .clone()
                    .unwrap_or_else(|| format!("{} ({words})", d.title)),
                date: words,
            }
        })
        .collect();
    FeedView {
        id: id("", "edition"),
        title: edition.config.title.clone(),
        subtitle: edition.config.subtitle.clone(),
        updated,
        self_href: link("feed.xml"),
        home_href: link("index.html"),
        authors: if edition.config.editors.is_empty() {
            vec![edition.config.title.clone()]
        } else {
            edition.config.editors.clone()
        },
        rights: edition.config.licence.clone(),
        entries,
    }
}
