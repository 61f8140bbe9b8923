//! The document's text: from the lines a reader left to Markdown blocks. Each step is a
//! file of its own and lists what it changed in the repairs:
//! `characters` (no-break spaces, LaTeX, invisible characters) → `blocks` (paragraphs,
//! lists, wraps, hard breaks) → `structure` (headings, passages kept together, paragraphs
//! split by page breaks) → `emphasis` (stray markers) → `markdown` (escaping, writing);
//! `cut_off` tells whether the text seems to stop mid-document.

pub mod blocks;
pub mod characters;
pub mod cut_off;
pub mod emphasis;
pub mod latex;
pub mod markdown;
pub mod structure;
pub mod vocabulary;

use crate::import::repairs::Repairs;
use crate::import::source::SourceLine;
use vocabulary::Vocabulary;

/// A block of the document's text. Texts are plain (not yet escaped for Markdown);
/// emphasis kept from PDF exports is marked with private-use characters (see `emphasis`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
        line: usize,
    },
    /// Lines separated by hard line breaks.
    Paragraph {
        lines: Vec<String>,
        line: usize,
    },
    List {
        items: Vec<String>,
        line: usize,
    },
}

impl Block {
    pub fn paragraph(text: impl Into<String>, line: usize) -> Block {
        Block::Paragraph {
            lines: vec![text.into()],
            line,
        }
    }

    /// The texts of the block: a heading's text, a paragraph's lines, a list's items.
    pub fn lines(&self) -> Vec<&str> {
        match self {
            Block::Heading { text, .. } => vec![text.as_str()],
            Block::Paragraph { lines, .. } => lines.iter().map(String::as_str).collect(),
            Block::List { items, .. } => items.iter().map(String::as_str).collect(),
        }
    }

    /// Every text of the block, for changing in place (OCR repairs).
    pub fn texts_mut(&mut self) -> Vec<&mut String> {
        match self {
            Block::Heading { text, .. } => vec![text],
            Block::Paragraph { lines, .. } => lines.iter_mut().collect(),
            Block::List { items, .. } => items.iter_mut().collect(),
        }
    }

    /// The source line the block starts on.
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. }
            | Block::Paragraph { line, .. }
            | Block::List { line, .. } => *line,
        }
    }

    /// The block's text on one line, for rules that look at it whole.
    pub fn text(&self) -> String {
        self.lines().join(" ")
    }
}

/// The cleaned body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub blocks: Vec<Block>,
    /// The export seems to stop mid-document.
    pub cut_off: bool,
}

/// Cleans the lines of a body into blocks, recording every repair.
pub fn clean(lines: &[SourceLine], markdown: bool, repairs: &mut Repairs) -> Body {
    let cleaned: Vec<SourceLine> = lines
        .iter()
        .map(|l| SourceLine::new(l.no, characters::clean_line(&l.text, l.no, repairs)))
        .collect();
    let vocabulary = Vocabulary::of(cleaned.iter().map(|l| l.text.as_str()));
    let mut blocks = blocks::build(&cleaned, markdown, &vocabulary, repairs);
    structure::apply(&mut blocks, &vocabulary, repairs);
    for block in &mut blocks {
        for text in block.texts_mut() {
            *text = if markdown {
                emphasis::repair(text, repairs)
            } else {
                text.clone()
            };
        }
    }
    blocks.retain(|b| !b.text().trim().is_empty());
    let cut_off = cut_off::looks_cut_off(&blocks);
    Body { blocks, cut_off }
}
