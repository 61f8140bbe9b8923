//! What `recto import` does around a run: progress on a terminal, the report printed,
//! `--report FILE` as JSON, and the exit code (0: all imported; 1: a file failed or was
//! not written because an editor changed it; 2: the report file could not be written).

use super::run::{run, Options};
use super::write::atomic_write;
use std::io::IsTerminal;
use std::path::Path;

pub fn main(options: &Options, report_file: Option<&Path>) -> u8 {
    let show_progress = std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize| {
        if show_progress && total > 1 {
            eprint!("\rimporting {done}/{total} …");
            if done == total {
                eprint!("\r{}\r", " ".repeat(30));
            }
        }
    };
    let report = run(options, &progress);
    print!("{}", report.text());
    if let Some(path) = report_file {
        let written = serde_json::to_string_pretty(&report)
            .map_err(std::io::Error::other)
            .and_then(|mut json| {
                json.push('\n');
                atomic_write(path, json.as_bytes())
            });
        if let Err(e) = written {
            eprintln!("error: cannot write the report to {}: {e}", path.display());
            return 2;
        }
    }
    u8::from(report.failed())
}
