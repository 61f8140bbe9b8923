//! A historical event that gives the documents their context on the timeline
//! (the armistice of 27 July 1953, say). Not a document: drawn distinctly.

use super::EditionDate;

#[derive(Debug, Clone)]
pub struct ContextEvent {
    pub date: EditionDate,
    pub title: String,
    pub description: Option<String>,
    /// Register ids of persons concerned.
    pub persons: Vec<String>,
    /// The line of `content/events.yaml` where the event starts.
    pub line: usize,
}
