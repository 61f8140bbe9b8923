//! `recto import`: raw archive exports → edition documents (YAML front matter and
//! Markdown), faithfully and safely.
//!
//! - `source` reads the files; `detect` tells the export family from its features;
//!   `family` holds one reader per family; `metadata` builds typed fields; `body` cleans
//!   the text; `persons` and `candidates` use the register; `repairs` lists every change;
//!   `convert` ties these together for one file, without touching the disk.
//! - `run` imports many files: ids (`id`), editors' curation (`curation`, the `curated:`
//!   field), the fingerprint of what was written (`fingerprint`), atomic writes (`write`), and
//!   the `report`.

pub mod body;

pub mod cli;
pub mod convert;
pub mod curation;
pub mod detect;
pub mod document;
pub mod family;
pub mod fingerprint;
pub mod id;
pub mod metadata;
pub mod persons;
pub mod repairs;
pub mod report;
pub mod run;
pub mod source;
pub mod write;

pub use convert::{convert, Converted};
pub use detect::Family;
pub use persons::Register;
pub use report::{Report, Status};
pub use run::{run, Options};
