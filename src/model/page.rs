//! A free page of the edition, such as "About this edition".

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub title: String,
    pub body: String,
    pub path: PathBuf,
    pub body_line: usize,
}
