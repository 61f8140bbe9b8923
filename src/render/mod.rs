//! Turning the edition's texts into HTML and pages into files' contents. Never reads the disk:
//! templates arrive as text (see `site::theme`).

pub mod editorial;
pub mod escape;
pub(crate) mod lines;
pub mod links;
pub mod markdown;
pub mod snippet;
pub mod templates;

pub use markdown::{render, Mention, Rendered, TextContext};
