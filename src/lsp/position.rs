//! Byte offsets ↔ LSP positions.
//!
//! The library speaks byte offsets into the file; the protocol speaks a line and a column in
//! UTF-16 code units (its default, and the only encoding every client supports). A line ends at
//! `\n`, `\r\n` or a lone `\r`, as the protocol says. Conversion is exact both ways: a character
//! outside the Basic Multilingual Plane (an emoji) is two units, a combining mark is its own
//! character, a CRLF ends one line.

use lsp_types::{Position, Range};

/// The start of every line of a text, to convert offsets in O(log lines + line length).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the first byte of each line.
    starts: Vec<usize>,
    /// Length of the text.
    len: usize,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let b = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(rel) = memchr::memchr2(b'\n', b'\r', &b[i..]) {
            let at = i + rel;
            let next = if b[at] == b'\r' && b.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(next);
            i = next;
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The end of line `line`'s content (before its terminator).
    fn content_end(&self, text: &str, line: usize) -> usize {
        let Some(&next) = self.starts.get(line + 1) else {
            return self.len;
        };
        let b = text.as_bytes();
        let mut end = next;
        if end > 0 && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > self.starts[line] && b[end - 1] == b'\r' {
            end -= 1;
        }
        end
    }

    /// The position of byte `offset` of `text` (the text this index was built from). An offset
    /// past the end is the end; one inside a character or a line terminator is taken back to
    /// the start of that character, or the end of that line's content.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(self.len);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset.min(self.content_end(text, line));
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let units: usize = text[start..end].chars().map(char::len_utf16).sum();
        Position::new(line as u32, units as u32)
    }

    /// The byte offset of `pos` in `text`. A line past the last is the end of the text; a
    /// column past the end of its line is the end of the line's content; a column inside a
    /// surrogate pair is the start of that character.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.len;
        };
        let end = self.content_end(text, line);
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let next = units + c.len_utf16();
            if next > want {
                return start + i;
            }
            units = next;
        }
        end
    }

    /// The range of the byte span `[start, end)`.
    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(self.position(text, start), self.position(text, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    /// Every character boundary of `text` round-trips, and positions count UTF-16 units.
    fn round_trips(text: &str) {
        let ix = LineIndex::new(text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let p = ix.position(text, i);
            let back = ix.offset(text, p);
            // A terminator's bytes all map to the end of its line's content.
            let is_terminator = matches!(text.as_bytes().get(i), Some(b'\n'))
                && i > 0
                && text.as_bytes()[i - 1] == b'\r';
            if !is_terminator {
                assert_eq!(back, i, "{text:?} at {i}: {p:?}");
            }
        }
    }

    #[test]
    fn ascii_lines() {
        let t = "one 12\ntwo 34\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.position(t, 4), pos(0, 4));
        assert_eq!(ix.position(t, 7), pos(1, 0));
        assert_eq!(ix.position(t, 11), pos(1, 4));
        assert_eq!(ix.position(t, t.len()), pos(2, 0));
        assert_eq!(ix.offset(t, pos(1, 4)), 11);
        round_trips(t);
    }

    #[test]
    fn emoji_are_two_units() {
        // U+1F6A8 is 4 bytes in UTF-8 and a surrogate pair in UTF-16.
        let t = "🚨 40 km";
        let ix = LineIndex::new(t);
        let at = t.find("40").unwrap();
        assert_eq!(at, 5);
        assert_eq!(ix.position(t, at), pos(0, 3));
        assert_eq!(ix.offset(t, pos(0, 3)), at);
        // Inside the pair: the start of the emoji.
        assert_eq!(ix.offset(t, pos(0, 1)), 0);
        round_trips(t);
    }

    #[test]
    fn combining_marks_are_their_own_units() {
        // "é" as e + U+0301 (2 bytes): two UTF-16 units; "ñ" precomposed: one.
        let t = "Cafe\u{301} ñ 7";
        let ix = LineIndex::new(t);
        let at = t.find('7').unwrap();
        assert_eq!(ix.position(t, at), pos(0, 8));
        assert_eq!(ix.offset(t, pos(0, 8)), at);
        round_trips(t);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let t = "a 1\r\nb 2\rc 3\n\r\nd";
        let ix = LineIndex::new(t);
        assert_eq!(ix.position(t, t.find('b').unwrap()), pos(1, 0));
        assert_eq!(ix.position(t, t.find('c').unwrap()), pos(2, 0));
        assert_eq!(ix.position(t, t.find('d').unwrap()), pos(4, 0));
        // The \n of a CRLF belongs to the end of the line's content.
        assert_eq!(ix.position(t, 4), pos(0, 3));
        assert_eq!(ix.position(t, 3), pos(0, 3));
        // A column past the end of a line is its end, not the next line.
        assert_eq!(ix.offset(t, pos(0, 99)), 3);
        assert_eq!(ix.offset(t, pos(9, 0)), t.len());
        round_trips(t);
    }

    #[test]
    fn mixed_text_round_trips() {
        round_trips("");
        round_trips("\n");
        round_trips("– 3 °F 🌡️\r\n👩‍👩‍👧 2 ч\u{300}\u{301}\rx");
        round_trips("日本語 12 km\n\u{10FFFF}");
    }
}
