//! Cost must grow linearly with the input (issue 9, items 1 and 2): renders one long
//! paragraph of names and editorial brackets, loads a document whose body is that
//! paragraph, checks one (`recto check` also looks for names to suggest), and loads a
//! document whose front matter is deeply nested YAML, each at 1, 10 and 50 MB, printing
//! MB/s per size. Linear cost shows as a steady MB/s; quadratic cost as MB/s falling
//! tenfold per tenfold size. A bench binary, not a timed test:
//! `cargo bench --bench linear` (sizes can be chosen: `cargo bench --bench linear -- 1 10`).
//!
//! A measurement that takes longer than a minute is reported as unfinished and the larger
//! sizes of that input are skipped, so a regression shows as a line, not as a hang.

use recto::link::Linker;
use recto::model::{Edition, Person};
use recto::site::TextRenderer;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const MB: usize = 1_000_000;
const BUDGET: Duration = Duration::from_secs(60);

/// The repro sentence: three names of the register and two brackets.
const SENTENCE: &str = "Kim Il Sung told Puzanov about Mao Zedong and the [sic] volunteers [...] ";

fn register() -> Vec<Person> {
    vec![
        Person::named("kim-il-sung", "Kim Il Sung"),
        Person::named("puzanov", "Puzanov"),
        Person::named("mao-zedong", "Mao Zedong"),
    ]
}

/// One paragraph of `size` bytes, without a line break (an OCR export's single block).
fn paragraph(size: usize) -> String {
    SENTENCE.repeat(size / SENTENCE.len() + 1)
}

/// One paragraph whose sentences also name someone the register does not know, which
/// `recto check` suggests adding (a candidate per sentence).
fn paragraph_with_candidates(size: usize) -> String {
    let sentence = format!("{SENTENCE}of Comrade Zhukov. ");
    sentence.repeat(size / sentence.len() + 1)
}

/// `funders:` followed by nested flow sequences, `size` bytes in all.
fn nested_front_matter(size: usize) -> String {
    let depth = size.saturating_sub(40) / 2;
    format!(
        "---\ntitle: T\ndate: 1957\nfunders: {}{}\n---\nText.\n",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

/// Renders the paragraph with the register, as the build does for a document's text.
fn render(size: usize) -> String {
    let text = paragraph(size);
    let edition = Edition {
        persons: register(),
        ..Default::default()
    };
    let linker = Linker::new(&edition.persons);
    let renderer = TextRenderer::new(&edition, &linker);
    let rendered = renderer.render(&text, "../", Path::new("d.md"), 5, true);
    format!(
        "{} mentions, {} MB of HTML",
        rendered.mentions.len(),
        rendered.html.len() / MB
    )
}

/// Loads an edition of one document (`text` is the file) and the register.
fn load(document: String) -> String {
    edition_of(document, |root| match recto::content::load(root) {
        Ok(loaded) => format!("loaded, {} warnings", loaded.warnings.len()),
        Err(problems) => match problems.first() {
            Some(p) => format!(
                "refused: {}",
                p.message.chars().take(70).collect::<String>()
            ),
            None => "refused".into(),
        },
    })
}

/// `recto check` of an edition of one document.
fn check(document: String) -> String {
    edition_of(document, |root| match recto::check::check(root) {
        Ok(_) => "checked".into(),
        Err(problems) => format!("{} problems", problems.len()),
    })
}

/// Writes an edition of one document and the register, and runs `work` on it.
fn edition_of(document: String, work: impl FnOnce(&Path) -> String) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("documents")).expect("documents folder");
    std::fs::create_dir_all(content.join("persons")).expect("persons folder");
    std::fs::write(content.join("edition.yaml"), "title: Bench\n").expect("edition.yaml");
    for person in register() {
        std::fs::write(
            content.join(format!("persons/{}.md", person.id)),
            format!("---\nname: {}\n---\n", person.name),
        )
        .expect("person");
    }
    std::fs::write(content.join("documents/long.md"), document).expect("document");
    work(dir.path())
}

/// Runs `work` on a thread and waits at most `BUDGET`; `None` when it did not finish.
fn timed(work: impl FnOnce() -> String + Send + 'static) -> Option<(Duration, String)> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let start = Instant::now();
        let outcome = work();
        let _ = send.send((start.elapsed(), outcome));
    });
    receive.recv_timeout(BUDGET).ok()
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1, 10, 50]
    } else {
        sizes
    };
    type Case = (&'static str, fn(usize) -> String);
    let cases: [Case; 4] = [
        ("render one paragraph", render),
        ("load a document of one paragraph", |size| {
            load(format!(
                "---\ntitle: Long\ndate: 1957\n---\n{}\n",
                paragraph(size)
            ))
        }),
        (
            "check a document of one paragraph with a name to suggest",
            |size| {
                check(format!(
                    "---\ntitle: Long\ndate: 1957\n---\n{}\n",
                    paragraph_with_candidates(size)
                ))
            },
        ),
        ("load nested YAML front matter", |size| {
            load(nested_front_matter(size))
        }),
    ];
    let mut stuck = false;
    for (name, case) in cases {
        println!("{name}:");
        for &size in &sizes {
            match timed(move || case(size * MB)) {
                Some((took, outcome)) => println!(
                    "  {size:>3} MB  {:>8.2} s  {:>8.1} MB/s  ({outcome})",
                    took.as_secs_f64(),
                    size as f64 / took.as_secs_f64()
                ),
                None => {
                    println!(
                        "  {size:>3} MB  did not finish in {} s: not linear",
                        BUDGET.as_secs()
                    );
                    stuck = true;
                    break;
                }
            }
        }
        if stuck {
            // The unfinished thread still runs; the process must end to stop it.
            break;
        }
    }
    if !stuck {
        // Under the size bound, only the nesting bound stands between the text and the parser.
        println!("load nested YAML front matter just under the size bound:");
        let size = 250_000;
        match timed(move || load(nested_front_matter(size))) {
            Some((took, outcome)) => println!(
                "  0.25 MB  {:>8.2} s  {:>8.1} MB/s  ({outcome})",
                took.as_secs_f64(),
                size as f64 / MB as f64 / took.as_secs_f64()
            ),
            None => {
                println!(
                    "  0.25 MB  did not finish in {} s: not linear",
                    BUDGET.as_secs()
                );
                stuck = true;
            }
        }
    }
    std::process::exit(if stuck { 1 } else { 0 });
}
