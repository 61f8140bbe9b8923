//! The edition's own settings, from `content/edition.yaml`.

use serde::Deserialize;

/// Which mentions of a person in a document become links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkMentions {
    /// Every mention is a link.
    #[default]
    All,
    /// Only the first mention of each person in each document.
    First,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EditionConfig {
    /// Required; checked when loading, so a missing title is reported like any other field.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Markdown shown on the home page.
    #[serde(default)]
    pub introduction: Option<String>,
    #[serde(default)]
    pub editors: Vec<String>,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub licence: Option<String>,
    /// Absolute address of the published site; used only for feeds and sitemaps,
    /// never for links between pages.
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub link_mentions: LinkMentions,
    /// Show quotes and ellipses typographically. Off shows the archive's characters as typed.
    #[serde(default = "default_true")]
    pub smart_punctuation: bool,
    /// Past this many documents, the timeline gets one page per year.
    #[serde(default = "default_year_pages")]
    pub timeline_year_pages_after: usize,
    /// Show the births and deaths of registered persons that fall within the edition's span.
    #[serde(default = "default_true")]
    pub timeline_lives: bool,
    /// How many of the newest documents the Atom feed carries.
    #[serde(default = "default_feed_entries")]
    pub feed_entries: usize,
    /// When the edition was last revised (YYYY-MM-DD): the feed's `updated`, so builds stay
    /// reproducible instead of stamping the build time.
    #[serde(default)]
    pub updated: Option<String>,
}

fn default_feed_entries() -> usize {
    50
}

fn default_year_pages() -> usize {
    60
}

fn default_true() -> bool {
    true
}

fn default_language() -> String {
    "en".to_string()
}

impl Default for EditionConfig {
    fn default() -> Self {
        EditionConfig {
            title: "Untitled edition".to_string(),
            subtitle: None,
            description: None,
            introduction: None,
            editors: Vec::new(),
            language: default_language(),
            licence: None,
            base_url: None,
            link_mentions: LinkMentions::All,
            smart_punctuation: true,
            timeline_year_pages_after: default_year_pages(),
            feed_entries: default_feed_entries(),
            timeline_lives: true,
            updated: None,
        }
    }
}
