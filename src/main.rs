//! The command line: parse, call the library, map outcomes to exit codes
//! (0 success, 1 problems in the edition, 2 usage errors, 3 the site could not be written).

use clap::{Parser, Subcommand};
use recto::site::{self, output, BuildError};
use recto::Diagnostic;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Problems in the edition's content.
const EDITION_PROBLEMS: u8 = 1;
/// A command line that cannot be carried out as given.
const USAGE: u8 = 2;
/// The site could not be written (disk full, no permission, …); the previous one stays.
const OUTPUT_FAILED: u8 = 3;

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
        /// Where to write the site, replaced atomically on success; a relative path is taken
        /// inside --root.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Print the time each stage took.
        #[arg(long)]
        timings: bool,
        /// Keep rendered texts in .recto-cache/ (in --root) and reuse the unchanged ones
        /// next time: faster rebuilds, a slower first build.
        #[arg(long)]
        cache: bool,
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

/// A build allocates and frees many small strings on every thread (events, views, pages);
/// mimalloc does that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    if let Command::Build { root, .. } | Command::Check { root } | Command::Serve { root, .. } =
        &cli.command
    {
        if !root.is_dir() {
            eprintln!(
                "error: --root {}: there is no such folder\n  hint: pass the edition's folder, the one that holds content/",
                root.display()
            );
            return ExitCode::from(USAGE);
        }
    }
    match cli.command {
        Command::Build {
            root,
            out,
            timings,
            cache,
        } => build(&root, &out, timings, site::BuildOptions { cache }),
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
                    ExitCode::from(USAGE)
                }
            }
        }
    }
}

/// What a failed build did to the output folder, for the last line of its report.
fn left_alone(out: &Path) -> String {
    if output::is_site(out) {
        format!("the previous site in {} is untouched", out.display())
    } else {
        format!("no site was written to {}", out.display())
    }
}

/// A relative `--out` is resolved against `--root`.
fn build(root: &Path, out: &Path, timings: bool, options: site::BuildOptions) -> ExitCode {
    let out = if out.is_relative() {
        root.join(out)
    } else {
        out.to_path_buf()
    };
    match site::build_with(root, &out, options) {
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
            eprintln!("build failed: {errors} error(s); {}", left_alone(&out));
            ExitCode::from(EDITION_PROBLEMS)
        }
        Err(BuildError::Output(e)) => {
            eprintln!("error: {e}");
            eprintln!("build failed: {}", left_alone(&out));
            // Refusing to replace a folder that is not recto's is about the command line.
            ExitCode::from(match e {
                output::OutputError::NotOurs(_) => USAGE,
                _ => OUTPUT_FAILED,
            })
        }
    }
}

fn recto_check(root: &Path) -> ExitCode {
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
            ExitCode::from(EDITION_PROBLEMS)
        }
    }
}

fn print_problems(problems: &[Diagnostic]) {
    for p in problems {
        eprintln!("{p}");
    }
}
