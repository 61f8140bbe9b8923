//! recto: a static site generator for scholarly digital editions of archival documents.
//!
//! The pipeline runs one way: `import` (raw exports to Markdown) → `content` (read and
//! validate) → `model` (pure data) → `link` and `render` (texts to HTML) → `site` (plan,
//! render pages in parallel, write atomically).

pub mod check;
pub mod content;
pub mod diagnostic;
pub mod import;
pub mod link;
pub mod model;
pub mod render;
pub mod serve;
pub mod site;

pub use diagnostic::{Diagnostic, Severity};
