//! Linking throughput over a generated corpus with registers of 100, 1,000 and 10,000
//! persons, and the build time of the shipped edition. A bench binary, not a timed test:
//! `cargo bench --bench linking`.

use recto::link::Linker;
use recto::model::Person;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A deterministic pseudo-random sequence (xorshift), so every run sees the same corpus.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const SYLLABLES: &[&str] = &[
    "kim", "pak", "ri", "choe", "jeong", "han", "sung", "il", "won", "dong", "geon", "yong", "guk",
    "ok", "bong", "nov", "ov", "sky", "ev", "enko", "mir", "lai", "mao", "zhou", "peng", "de",
    "huai", "ta", "li", "ser",
];

fn word(seq: &mut Sequence, parts: usize) -> String {
    let mut w = String::new();
    for _ in 0..parts {
        w.push_str(SYLLABLES[(seq.next() % SYLLABLES.len() as u64) as usize]);
    }
    let mut chars = w.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => w,
    }
}

fn register(size: usize, seq: &mut Sequence) -> Vec<Person> {
    (0..size)
        .map(|i| {
            let family = word(seq, 1);
            let given = format!("{}-{}", word(seq, 1), word(seq, 1).to_lowercase());
            let surname = word(seq, 3);
            let western = i % 2 == 0;
            let name = if western {
                format!("{} {surname}", word(seq, 2))
            } else {
                format!("{family} {given}")
            };
            let sort_name = if western {
                format!("{surname}, {} {}", word(seq, 2), word(seq, 3))
            } else {
                format!("{family} {given}")
            };
            Person {
                sort_name,
                aliases: vec![format!("{family} {given}{}", i)],
                ..Person::named(&format!("p{i}"), &name)
            }
        })
        .collect()
}

/// About `bytes` of prose where one word in twenty is a register name.
fn corpus(persons: &[Person], bytes: usize, seq: &mut Sequence) -> String {
    let names: Vec<String> = persons.iter().map(|p| p.name.clone()).collect();
    let words: Vec<String> = (0..500).map(|_| word(seq, 2).to_lowercase()).collect();
    let mut text = String::with_capacity(bytes + 100);
    while text.len() < bytes {
        if seq.next().is_multiple_of(20) {
            text.push_str(seq.pick(&names));
        } else {
            text.push_str(seq.pick(&words));
        }
        text.push(if seq.next().is_multiple_of(15) {
            '.'
        } else {
            ' '
        });
        if seq.next().is_multiple_of(120) {
            text.push_str("\n\n");
        }
    }
    text
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing special. Keep quick
    // when run as a test.
    let quick =
        std::env::args().any(|a| a == "--quick") || !std::env::args().any(|a| a == "--bench");
    let corpus_bytes = if quick { 200_000 } else { 8_000_000 };
    println!(
        "linking throughput, corpus of {:.1} MB",
        corpus_bytes as f64 / 1e6
    );
    println!(
        "{:>10} {:>12} {:>12} {:>12} {:>12}",
        "persons", "compile ms", "MB/s", "one text", "mentions"
    );
    for size in [100, 1_000, 10_000] {
        let mut seq = Sequence(0x9E37_79B9_7F4A_7C15 ^ size as u64);
        let persons = register(size, &mut seq);
        let text = corpus(&persons, corpus_bytes, &mut seq);
        let (compile, linker) = best_of(3, || Linker::new(&persons));
        // The renderer links a paragraph at a time; so does the first figure. The second
        // links the corpus as one text with its line breaks (the folded view's slow path).
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        let (time, found) = best_of(if quick { 1 } else { 5 }, || {
            paragraphs
                .iter()
                .map(|p| linker.find(p).len())
                .sum::<usize>()
        });
        let (whole, _) = best_of(if quick { 1 } else { 5 }, || linker.find(&text).len());
        let mb_per_s = text.len() as f64 / 1e6 / time.as_secs_f64();
        let whole_mb_per_s = text.len() as f64 / 1e6 / whole.as_secs_f64();
        println!(
            "{size:>10} {:>12.1} {mb_per_s:>12.1} {whole_mb_per_s:>12.1} {found:>12}",
            compile.as_secs_f64() * 1000.0
        );
    }
    for (documents, persons) in if quick {
        vec![(50, 50)]
    } else {
        vec![(500, 200), (2_000, 1_000)]
    } {
        let mut seq = Sequence(0xD1B5_4A32_D192_ED03 ^ documents as u64);
        let root = generated_edition(documents, persons, &mut seq);
        let out = root.join("public");
        let (time, summary) = best_of(if quick { 1 } else { 3 }, || {
            recto::site::build(&root, &out)
                .map_err(|e| format!("{e:?}"))
                .expect("the generated edition builds")
        });
        let bytes: u64 = walk_size(&root.join("content/documents"));
        println!(
            "generated edition build: {:.0} ms best of runs ({} documents of {:.1} MB text, {} persons, {} pages)",
            time.as_secs_f64() * 1000.0,
            summary.documents,
            bytes as f64 / 1e6,
            summary.persons,
            summary.pages
        );
        if std::env::var_os("RECTO_BENCH_KEEP").is_none() {
            let _ = std::fs::remove_dir_all(&root);
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile_dir();
    let (time, summary) = best_of(if quick { 1 } else { 10 }, || {
        recto::site::build(&root, &out)
            .map_err(|e| format!("{e:?}"))
            .expect("the shipped edition builds")
    });
    println!(
        "shipped edition build: {:.1} ms best of runs ({} documents, {} persons, {} pages)",
        time.as_secs_f64() * 1000.0,
        summary.documents,
        summary.persons,
        summary.pages
    );
    let _ = std::fs::remove_dir_all(&out);
}

/// An edition of `documents` documents (about 4 KB of text each, names in it) and
/// `persons` persons, written into a fresh folder.
fn generated_edition(documents: usize, persons: usize, seq: &mut Sequence) -> PathBuf {
    let root = std::env::temp_dir().join(format!(
        "recto-bench-edition-{}-{documents}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    for folder in ["documents", "persons"] {
        std::fs::create_dir_all(root.join("content").join(folder)).expect("create folder");
    }
    std::fs::write(
        root.join("content/edition.yaml"),
        "title: Generated edition\n",
    )
    .expect("write config");
    let register = register(persons, seq);
    for person in &register {
        let text = format!("---\nname: {}\nsort_name: \"{}\"\naliases: [\"{}\"]\n---\nA person of the generated edition.\n", person.name, person.sort_name, person.aliases[0]);
        std::fs::write(root.join(format!("content/persons/{}.md", person.id)), text)
            .expect("write person");
    }
    for i in 0..documents {
        let body = corpus(&register, 4_000, seq);
        let (year, month, day) = (
            1945 + (seq.next() % 20),
            1 + seq.next() % 12,
            1 + seq.next() % 28,
        );
        let text = format!("---\ntitle: Generated document {i}\ndate: {year}-{month:02}-{day:02}\nkind: memorandum\nsummary: A generated document.\n---\n{body}\n");
        std::fs::write(root.join(format!("content/documents/d{i}.md")), text)
            .expect("write document");
    }
    root
}

fn walk_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn tempfile_dir() -> PathBuf {
    std::env::temp_dir()
        .join(format!("recto-bench-{}", std::process::id()))
        .join("public")
}
