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
#[serde(deny_unknown_fields)]
pub struct EditionConfig {
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
        }
    }
}
