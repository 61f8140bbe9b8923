//! The repairs made to one document, grouped by kind and counted, so that the front
//! matter's `repairs:` list and the report say exactly what the importer changed.

use serde::Serialize;

/// One kind of repair, how often it was made, and what it touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repair {
    /// A stable key, for the JSON report ("ocr-name", "latex", …).
    pub kind: &'static str,
    /// What was done, in plain words.
    pub what: String,
    pub count: usize,
    /// The places or words affected, in order of appearance, without repeats.
    pub examples: Vec<String>,
}

/// The repairs of one document, in the order they were first made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Repairs(pub Vec<Repair>);

/// At most this many examples are listed for one kind of repair.
const MAX_EXAMPLES: usize = 6;

impl Repairs {
    /// Records one repair of `kind`; `example` (may be empty) names what was touched.
    pub fn add(&mut self, kind: &'static str, what: &str, example: impl Into<String>) {
        self.add_many(kind, what, 1, example);
    }

    /// Records `count` repairs of one kind at once.
    pub fn add_many(
        &mut self,
        kind: &'static str,
        what: &str,
        count: usize,
        example: impl Into<String>,
    ) {
        if count == 0 {
            return;
        }
        let repair = self.entry(kind, what);
        repair.count += count;
        repair.note(example.into());
    }

    /// Adds every repair of `other`, keeping their order.
    pub fn extend(&mut self, other: Repairs) {
        for r in other.0 {
            let mine = self.entry(r.kind, &r.what);
            mine.count += r.count;
            for e in r.examples {
                mine.note(e);
            }
        }
    }

    fn entry(&mut self, kind: &'static str, what: &str) -> &mut Repair {
        let index = match self.0.iter().position(|r| r.kind == kind && r.what == what) {
            Some(i) => i,
            None => {
                self.0.push(Repair {
                    kind,
                    what: what.to_string(),
                    count: 0,
                    examples: Vec::new(),
                });
                self.0.len() - 1
            }
        };
        &mut self.0[index]
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The total number of single repairs.
    pub fn total(&self) -> usize {
        self.0.iter().map(|r| r.count).sum()
    }

    /// The lines of the front matter's `repairs:` field.
    pub fn lines(&self) -> Vec<String> {
        self.0.iter().map(Repair::line).collect()
    }
}

impl Repair {
    fn note(&mut self, example: String) {
        if !example.is_empty()
            && !self.examples.contains(&example)
            && self.examples.len() < MAX_EXAMPLES
        {
            self.examples.push(example);
        }
    }

    /// "What was done, 3×: example; example".
    pub fn line(&self) -> String {
        let mut line = self.what.clone();
        if self.count > 1 {
            line.push_str(&format!(", {}×", self.count));
        }
        if !self.examples.is_empty() {
            line.push_str(": ");
            line.push_str(&self.examples.join("; "));
            if self.examples.len() < self.count && self.examples.len() == MAX_EXAMPLES {
                line.push_str("; …");
            }
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_are_grouped_and_counted() {
        let mut r = Repairs::default();
        r.add("ocr", "Kim II Sung → Kim Il Sung (OCR confusion)", "");
        r.add("ocr", "Kim II Sung → Kim Il Sung (OCR confusion)", "");
        r.add("latex", "$N^{\\circ}$ → Nº (LaTeX fragment)", "line 3");
        assert_eq!(r.total(), 3);
        assert_eq!(
            r.lines(),
            [
                "Kim II Sung → Kim Il Sung (OCR confusion), 2×",
                "$N^{\\circ}$ → Nº (LaTeX fragment): line 3"
            ]
        );
    }

    #[test]
    fn examples_are_capped() {
        let mut r = Repairs::default();
        for i in 0..10 {
            r.add("x", "Joined", format!("e{i}"));
        }
        assert!(r.lines()[0].ends_with("; …"));
        assert_eq!(r.0[0].examples.len(), MAX_EXAMPLES);
    }
}
