//! The build cache: rendered document texts kept between builds, content-addressed.
//!
//! Rendering a text (Markdown, editorial marks, linking, snippets) is most of a build's
//! work, and its result depends only on the text, where it stands, and the surroundings
//! every text shares (the register, the ids, the settings, recto's own version). A text's
//! entry is named by a hash of all of those, so an entry is either right or never asked
//! for: nothing needs invalidating. Entries live in the edition's `.recto-cache/` (not
//! beside the output, which may be a web root: a cache there would be served); each carries a magic number, its own key and a checksum, so a corrupted,
//! truncated or foreign file is ignored (and the text rendered again). Only texts that met
//! no problem are cached, so every problem is reported on every build. After a build,
//! entries it did not use are removed, so the cache holds one edition's texts.

use super::findings::Finding;
use super::views::SnippetView;
use crate::render::Rendered;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Changes whenever the format or the renderer's output could change.
const MAGIC: &[u8; 8] = b"RECTOTX1";

/// What a cached text gives back: everything the build keeps of a rendered document text.
pub struct Entry {
    pub html: String,
    pub marks: Vec<String>,
    pub findings: Vec<Finding>,
}

/// A fingerprint of what every document text's rendering depends on besides the text:
/// what the linker reads of each person, the ids `person:` and `document:` links resolve
/// to, the site's paths (links are checked against them) and the settings that change HTML.
pub fn surroundings(edition: &crate::model::Edition) -> u64 {
    let mut h = DefaultHasher::new();
    for p in &edition.persons {
        (&p.id, &p.name, &p.sort_name, &p.aliases).hash(&mut h);
        (&p.ambiguous_aliases, &p.not_mentions).hash(&mut h);
    }
    for d in &edition.documents {
        d.id.hash(&mut h);
    }
    edition.site_paths.hash(&mut h);
    format!("{:?}", edition.config.link_mentions).hash(&mut h);
    edition.config.smart_punctuation.hash(&mut h);
    h.finish()
}

/// The cache of one output folder.
pub struct TextCache {
    folder: PathBuf,
    /// Keys used by this build (kept at the end, the others removed).
    used: Mutex<HashSet<u64>>,
}

impl TextCache {
    /// The cache of the edition under `root` (`.recto-cache/texts`).
    pub fn of_edition(root: &Path) -> TextCache {
        TextCache {
            folder: root.join(".recto-cache").join("texts"),
            used: Mutex::new(HashSet::new()),
        }
    }

    /// The key of a text: the surroundings' fingerprint, the text and where it stands.
    pub fn key(surroundings: u64, body: &str, path: &Path, body_line: usize) -> u64 {
        let mut h = DefaultHasher::new();
        MAGIC.hash(&mut h);
        env!("CARGO_PKG_VERSION").hash(&mut h);
        surroundings.hash(&mut h);
        body.hash(&mut h);
        path.hash(&mut h);
        body_line.hash(&mut h);
        h.finish()
    }

    fn file(&self, key: u64) -> PathBuf {
        self.folder.join(format!("{:02x}/{key:016x}", key >> 56))
    }

    /// The entry of `key`, if the cache has a sound one.
    pub fn get(&self, key: u64) -> Option<Entry> {
        let bytes = std::fs::read(self.file(key)).ok()?;
        let entry = decode(&bytes, key)?;
        if let Ok(mut used) = self.used.lock() {
            used.insert(key);
        }
        Some(entry)
    }

    /// Keeps a rendered text under `key` (texts with problems are not kept). A failure to
    /// write is no failure of the build: the text is rendered again next time.
    pub fn put(&self, key: u64, rendered: &Rendered, findings: &[Finding]) {
        if !rendered.problems.is_empty() {
            return;
        }
        if let Ok(mut used) = self.used.lock() {
            used.insert(key);
        }
        let file = self.file(key);
        let Some(dir) = file.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let bytes = encode(key, rendered, findings);
        // A temporary file of its own, renamed into place: a reader never sees half an entry.
        if let Ok(mut temp) = tempfile::NamedTempFile::new_in(dir) {
            if std::io::Write::write_all(&mut temp, &bytes).is_ok() {
                let _ = temp.persist(&file);
            }
        }
    }

    /// Removes the entries this build did not use (called after a successful build).
    pub fn prune(&self) {
        let Ok(used) = self.used.lock() else { return };
        let Ok(shards) = std::fs::read_dir(&self.folder) else {
            return;
        };
        for shard in shards.flatten() {
            let Ok(files) = std::fs::read_dir(shard.path()) else {
                continue;
            };
            for file in files.flatten() {
                let name = file.file_name();
                let keep = name
                    .to_str()
                    .and_then(|n| u64::from_str_radix(n, 16).ok())
                    .is_some_and(|k| used.contains(&k));
                if !keep {
                    let _ = std::fs::remove_file(file.path());
                }
            }
        }
    }
}

fn encode(key: u64, rendered: &Rendered, findings: &[Finding]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rendered.html.len() + 256);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&key.to_le_bytes());
    let mut body = Vec::with_capacity(rendered.html.len() + 200);
    put_str(&mut body, &rendered.html);
    put_len(&mut body, rendered.marks.len());
    for mark in &rendered.marks {
        put_str(&mut body, mark);
    }
    put_len(&mut body, findings.len());
    for f in findings {
        put_len(&mut body, f.person);
        put_len(&mut body, f.mentions);
        put_len(&mut body, f.snippets.len());
        for s in &f.snippets {
            put_str(&mut body, &s.before);
            put_str(&mut body, &s.text);
            put_str(&mut body, &s.after);
        }
    }
    out.extend_from_slice(&checksum(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

fn decode(bytes: &[u8], key: u64) -> Option<Entry> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (stored_key, rest) = take_u64(rest)?;
    let (sum, body) = take_u64(rest)?;
    if stored_key != key || checksum(body) != sum {
        return None;
    }
    let mut r = Reader(body);
    let html = r.string()?;
    let marks = (0..r.len()?)
        .map(|_| r.string())
        .collect::<Option<Vec<_>>>()?;
    let mut findings = Vec::new();
    for _ in 0..r.len()? {
        let person = r.len()?;
        let mentions = r.len()?;
        let snippets = (0..r.len()?)
            .map(|_| {
                Some(SnippetView {
                    before: r.string()?,
                    text: r.string()?,
                    after: r.string()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        findings.push(Finding {
            person,
            mentions,
            snippets,
        });
    }
    r.0.is_empty().then_some(Entry {
        html,
        marks,
        findings,
    })
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn take_u64(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let (head, rest) = bytes.split_at_checked(8)?;
    Some((u64::from_le_bytes(head.try_into().ok()?), rest))
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn len(&mut self) -> Option<usize> {
        let (n, rest) = take_u64(self.0)?;
        self.0 = rest;
        usize::try_from(n).ok()
    }

    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        String::from_utf8(head.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Rendered, Vec<Finding>) {
        let mut rendered = Rendered {
            html: "<p>Kim Il Sung [sic]</p>\n".into(),
            ..Rendered::default()
        };
        rendered.marks.insert("sic");
        let findings = vec![Finding {
            person: 3,
            mentions: 2,
            snippets: vec![SnippetView {
                before: "…said ".into(),
                text: "Kim Il Sung".into(),
                after: " [sic]".into(),
            }],
        }];
        (rendered, findings)
    }

    #[test]
    fn entries_round_trip_and_damage_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TextCache::of_edition(dir.path());
        let (rendered, findings) = sample();
        let key = TextCache::key(7, "Kim Il Sung [sic]", Path::new("d.md"), 5);
        cache.put(key, &rendered, &findings);
        let entry = cache.get(key).expect("cached");
        assert_eq!(entry.html, rendered.html);
        assert_eq!(entry.marks, ["sic"]);
        assert_eq!(entry.findings, findings);
        // Another key, a truncated file, a flipped byte, a foreign file: all ignored.
        assert!(cache.get(key ^ 1).is_none());
        let file = cache.file(key);
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() - 3]).unwrap();
        assert!(cache.get(key).is_none());
        let mut flipped = bytes.clone();
        let last = flipped.len() - 10;
        flipped[last] ^= 0x20;
        std::fs::write(&file, &flipped).unwrap();
        assert!(cache.get(key).is_none());
        std::fs::write(&file, b"not a cache entry at all").unwrap();
        assert!(cache.get(key).is_none());
        // A text with problems is not kept.
        let mut bad = rendered.clone();
        bad.problems
            .push(crate::diagnostic::Diagnostic::warning("d.md", "x"));
        let other = TextCache::key(7, "other", Path::new("d.md"), 5);
        cache.put(other, &bad, &findings);
        assert!(cache.get(other).is_none());
    }

    #[test]
    fn the_key_covers_text_place_and_surroundings() {
        let k = TextCache::key(1, "a", Path::new("x.md"), 5);
        assert_ne!(k, TextCache::key(2, "a", Path::new("x.md"), 5));
        assert_ne!(k, TextCache::key(1, "b", Path::new("x.md"), 5));
        assert_ne!(k, TextCache::key(1, "a", Path::new("y.md"), 5));
        assert_ne!(k, TextCache::key(1, "a", Path::new("x.md"), 6));
    }
}
