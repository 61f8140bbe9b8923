//! A generated edition of any size with the statistical shape of a real one: about 1,100
//! words of prose per document, 2–6 persons per document drawn Zipf-distributed (a few
//! persons occur in half of all documents, most in a handful), editorial brackets, dates
//! over twenty years at mixed precision, and a register whose persons have aliases.

use std::fmt::Write as _;
use std::path::Path;

/// A deterministic pseudo-random sequence (xorshift), so every run writes the same edition.
pub struct Sequence(pub u64);

impl Sequence {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// A uniform number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const SYLLABLES: &[&str] = &[
    "kim", "pak", "ri", "choe", "jeong", "han", "sung", "il", "won", "dong", "geon", "yong", "guk",
    "ok", "bong", "nov", "ov", "sky", "ev", "enko", "mir", "lai", "mao", "zhou", "peng", "de",
    "huai", "ta", "li", "ser",
];

const WORDS: &[&str] = &[
    "the",
    "ambassador",
    "said",
    "that",
    "delegation",
    "would",
    "arrive",
    "in",
    "Pyongyang",
    "on",
    "question",
    "of",
    "economic",
    "aid",
    "government",
    "party",
    "comrade",
    "informed",
    "me",
    "about",
    "situation",
    "plan",
    "five-year",
    "industry",
    "cooperatives",
    "and",
    "was",
    "of",
    "to",
    "a",
    "with",
    "conversation",
    "Central",
    "Committee",
    "meeting",
    "decision",
    "we",
    "agreed",
    "it",
    "is",
    "necessary",
    "to",
    "discuss",
    "further",
    "embassy",
    "minister",
    "received",
    "visit",
    "Soviet",
    "Union",
    "Chinese",
    "volunteers",
    "troops",
    "withdrawal",
    "border",
    "trade",
    "grain",
    "harvest",
    "steel",
    "plant",
    "workers",
    "policy",
    "his",
    "opinion",
];

const BRACKETS: &[&str] = &[
    "[sic]",
    "[...]",
    "[[illegible signature]]",
    "[Translator's Note: the word is unclear]",
    "[me]",
];

fn capital(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn syllables(seq: &mut Sequence, count: usize) -> String {
    (0..count)
        .map(|_| SYLLABLES[seq.below(SYLLABLES.len())])
        .collect()
}

/// One register entry as written: id, name, sort name, an alias.
pub struct Entry {
    pub id: String,
    pub name: String,
    pub sort_name: String,
    pub alias: String,
}

fn register(size: usize, seq: &mut Sequence) -> Vec<Entry> {
    (0..size)
        .map(|i| {
            let western = i % 2 == 0;
            let surname = capital(&syllables(seq, 3));
            let given = capital(&syllables(seq, 2));
            let (name, sort_name) = if western {
                (
                    format!("{given} {surname}{i}"),
                    format!("{surname}{i}, {given}"),
                )
            } else {
                let family = capital(&syllables(seq, 1));
                let n = format!("{family} {given}-{}{i}", syllables(seq, 1));
                (n.clone(), n)
            };
            let alias = format!("{} {}{i}", capital(&syllables(seq, 1)), surname);
            Entry {
                id: format!("p{i}"),
                name,
                sort_name,
                alias,
            }
        })
        .collect()
}

/// Zipf weights over the register (exponent 1): person 0 most frequent.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|k| {
                total += 1.0 / k as f64;
                total
            })
            .collect::<Vec<_>>();
        Zipf {
            cumulative: cumulative.iter().map(|c| c / total).collect(),
        }
    }
    fn draw(&self, seq: &mut Sequence) -> usize {
        let u = seq.unit();
        self.cumulative
            .partition_point(|&c| c < u)
            .min(self.cumulative.len() - 1)
    }
}

/// What was written.
pub struct Written {
    pub documents: usize,
    pub persons: usize,
    pub text_bytes: u64,
}

/// Writes an edition of `documents` documents and `persons` persons under `root`.
pub fn write(root: &Path, documents: usize, persons: usize) -> std::io::Result<Written> {
    let mut seq = Sequence(0x9E37_79B9_7F4A_7C15 ^ (documents as u64) << 8 ^ persons as u64);
    for folder in ["documents", "persons"] {
        std::fs::create_dir_all(root.join("content").join(folder))?;
    }
    std::fs::write(
        root.join("content/edition.yaml"),
        "title: A generated edition\ndescription: Generated for measuring recto.\nupdated: 2026-12-01\n",
    )?;
    let register = register(persons, &mut seq);
    for p in &register {
        let text = format!(
            "---\nname: \"{}\"\nsort_name: \"{}\"\naliases: [\"{}\"]\nroles: [Official]\n---\nA person of the generated edition.\n",
            p.name, p.sort_name, p.alias
        );
        std::fs::write(root.join(format!("content/persons/{}.md", p.id)), text)?;
    }
    let zipf = Zipf::new(persons.max(1));
    let mut text_bytes = 0u64;
    let mut body = String::with_capacity(9_000);
    for i in 0..documents {
        let cast: Vec<usize> = if persons == 0 {
            Vec::new()
        } else {
            (0..2 + seq.below(5)).map(|_| zipf.draw(&mut seq)).collect()
        };
        body.clear();
        write_body(&mut body, &register, &cast, &mut seq);
        let year = 1945 + seq.below(20);
        let date = match seq.below(10) {
            0 => format!("{year}"),
            1 | 2 => format!("{year}-{:02}", 1 + seq.below(12)),
            _ => format!("{year}-{:02}-{:02}", 1 + seq.below(12), 1 + seq.below(28)),
        };
        let kind = [
            "memorandum",
            "record-of-conversation",
            "journal-entry",
            "telegram",
        ][seq.below(4)];
        let text = format!(
            "---\ntitle: Record of conversation number {i}\ndate: {date}\nkind: {kind}\nsummary: A generated document about the questions discussed, number {i}.\narchive: AVPRF\narchive_ref: F. 0102, Op. {}, Delo {}, Listy {}-{}\ntranslator: Gary Goldberg\noriginal_language: Russian\n---\n{body}",
            seq.below(20),
            seq.below(100),
            seq.below(300),
            300 + seq.below(50)
        );
        text_bytes += body.len() as u64;
        std::fs::write(root.join(format!("content/documents/d{i:06}.md")), text)?;
    }
    Ok(Written {
        documents,
        persons,
        text_bytes,
    })
}

/// About 1,100 words in paragraphs of 60–120 words; the cast's names (and aliases) recur,
/// one word in about twenty-five; brackets now and then.
fn write_body(out: &mut String, register: &[Entry], cast: &[usize], seq: &mut Sequence) {
    let mut words = 0;
    while words < 1_100 {
        let length = 60 + seq.below(60);
        for w in 0..length {
            if w > 0 {
                out.push(' ');
            }
            if !cast.is_empty() && seq.below(25) == 0 {
                let p = &register[cast[seq.below(cast.len())]];
                out.push_str(if seq.below(5) == 0 { &p.alias } else { &p.name });
            } else if seq.below(150) == 0 {
                out.push_str(BRACKETS[seq.below(BRACKETS.len())]);
            } else {
                let word = WORDS[seq.below(WORDS.len())];
                if w == 0 {
                    out.push_str(&capital(word));
                } else {
                    out.push_str(word);
                }
            }
            if seq.below(14) == 0 {
                out.push('.');
            }
        }
        out.push_str(".\n\n");
        words += length;
    }
    let _ = writeln!(out, "[[illegible signature]]");
}
