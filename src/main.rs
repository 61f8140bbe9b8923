//! The command line: parse, call the library, map outcomes to exit codes
//! (0 success, 1 problems in the edition, 2 usage errors).

use clap::{Parser, Subcommand};
use recto::site::{self, BuildError};
use recto::Diagnostic;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "recto",
    version,
    about = "Static site generator for scholarly digital editions"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the edition into a static site.
    Build {
        /// The edition's folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; replaced atomically on success.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Print the time each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Validate the edition without writing anything.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Import raw archive exports (files or folders) as edition documents.
    Import {
        /// Raw export files, or folders of them.
        #[arg(default_value = "content/sources")]
        paths: Vec<PathBuf>,
        /// The documents folder to write into.
        #[arg(long, default_value = "content/documents")]
        out: PathBuf,
        /// The persons register (default: persons/ beside the documents folder).
        #[arg(long)]
        register: Option<PathBuf>,
        /// Show what would be done; write no document (a --report file is still written).
        #[arg(long)]
        dry_run: bool,
        /// Replace editors' changes that are not listed in a document's `curated:` field.
        #[arg(long)]
        force: bool,
        /// Also write the report as JSON to this file.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Preview the edition locally, rebuilding and reloading the browser on every save.
    Serve {
        /// The edition's folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on; 0 takes any free port.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The interface to listen on; anything but loopback makes the preview visible to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Build { root, out, timings } => build(&root, &out, timings),
        Command::Check { root } => recto_check(&root),
        Command::Import {
            paths,
            out,
            register,
            dry_run,
            force,
            report,
        } => {
            let options = recto::import::Options {
                inputs: paths,
                out,
                register,
                dry_run,
                force,
            };
            ExitCode::from(recto::import::cli::main(&options, report.as_deref()))
        }
        Command::Serve { root, port, bind } => {
            let options = recto::serve::Options {
                bind,
                port,
                ..recto::serve::Options::new(root)
            };
            match recto::serve::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

fn build(root: &std::path::Path, out: &std::path::Path, timings: bool) -> ExitCode {
    let out = if out.is_relative() {
        root.join(out)
    } else {
        out.to_path_buf()
    };
    match site::build(root, &out) {
        Ok(summary) => {
            print_problems(&summary.warnings);
            if timings {
                for (stage, time) in &summary.timings {
                    eprintln!("  {stage:<8} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                }
            }
            println!(
                "built {} documents, {} persons, {} pages into {} in {:.0} ms",
                summary.documents,
                summary.persons,
                summary.pages,
                out.display(),
                summary.elapsed.as_secs_f64() * 1000.0
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(problems)) => {
            print_problems(&problems);
            let errors = problems.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "build failed: {errors} error(s); the previous site in {} is untouched",
                out.display()
            );
            ExitCode::from(1)
        }
        Err(BuildError::Output(e)) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn recto_check(root: &std::path::Path) -> ExitCode {
    match recto::check::check(root) {
        Ok(report) => {
            print_problems(&report.problems);
            let count =
                |s: recto::Severity| report.problems.iter().filter(|d| d.severity == s).count();
            println!(
                "ok: {} documents, {} persons; {} warning(s), {} suggestion(s)",
                report.documents,
                report.persons,
                count(recto::Severity::Warning),
                count(recto::Severity::Suggestion)
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems);
            ExitCode::from(1)
        }
    }
}

fn print_problems(problems: &[Diagnostic]) {
    for p in problems {
        eprintln!("{p}");
    }
}
