//! Line and column of byte offsets in a text, for messages about what the text links to.

/// A cursor over a text that counts lines as it moves. Messages are asked for in text
/// order, so each costs only the distance from the previous one: a long text with many
/// links is counted once, not once per link (which was quadratic).
pub struct Lines<'t> {
    text: &'t str,
    offset: usize,
    /// Line breaks before `offset`.
    line: usize,
    /// Characters between the last line break and `offset`.
    column: usize,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text,
            offset: 0,
            line: 0,
            column: 0,
        }
    }

    /// The line breaks before `offset` (0 on the first line) and the 1-based column, in
    /// characters. An offset past the end is the end; one inside a character, its start.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            // Out of order (not met in practice): count again from the start.
            *self = Lines::new(self.text);
        }
        for c in self.text[self.offset..offset].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 0;
            } else {
                self.column += 1;
            }
        }
        self.offset = offset;
        (self.line, self.column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_in_any_order() {
        let text = "ab\ncé\n\nxyz";
        let mut lines = Lines::new(text);
        assert_eq!(lines.at(0), (0, 1));
        assert_eq!(lines.at(2), (0, 3));
        assert_eq!(lines.at(3), (1, 1));
        assert_eq!(lines.at(6), (1, 3), "é is one character");
        assert_eq!(lines.at(9), (3, 2));
        assert_eq!(lines.at(4), (1, 2), "backwards");
        assert_eq!(lines.at(5), (1, 2), "inside é: its start");
        assert_eq!(lines.at(100), (3, 4), "past the end");
    }
}
