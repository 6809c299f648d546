//! Source documents: raw bytes → text → prose.
//!
//! Every later stage works on [`Document::prose`], a copy of the file's text of exactly the same
//! byte length in which everything that is not prose (Markdown markup, code, URLs, link targets,
//! HTML comments, front matter) is blanked with ASCII spaces. Offsets found in the prose are
//! therefore offsets into the original file, with no mapping table to get wrong. Block
//! boundaries are marked with a `\n` so sentence splitting sees them.
//!
//! HTML character references (`&minus;`, `&#8239;`) are the one thing the prose cannot show
//! as read without moving bytes: there the prose has the reference's character at its first
//! byte and blanks the rest, and [`Document::reading`] is the prose with every reference
//! decoded, with the map from its offsets to the file's ([`charref`]). The grammar and the
//! rules read that; every span they report is still a file span.

use crate::quantity::Span;
use charref::{CharRef, Reading};
use jiff::civil::Date;
use std::borrow::Cow;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

/// The kind of input, decided from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: all of it is prose but bare URLs.
    Text,
    /// CommonMark with optional YAML front matter.
    Markdown,
    /// HTML: text nodes are prose; tags, attributes, script and style are not.
    Html,
}

impl Format {
    /// Guesses the format from a path's extension (`.md`, `.markdown`, `.html`, `.htm`).
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
            Format::Markdown
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// Why a file could not be read as a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// The file could not be opened or read.
    Io(String),
    /// The bytes are not UTF-8; the offset of the first bad byte.
    NotUtf8(usize),
    /// The file has NUL bytes: binary, not prose.
    Binary,
    /// A front-matter date (the key, the value) that cannot be read as a date.
    BadDate(String, String),
    /// The input is larger than the size limit (in bytes); reading stopped there.
    TooLarge(u64),
    /// Not a regular file: a FIFO, a character or block device, or a socket (the kind).
    /// Such a file may never end; it is read only as standard input (`-`).
    Special(&'static str),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io(e) => write!(f, "cannot read: {e}"),
            SourceError::NotUtf8(at) => {
                write!(f, "not valid UTF-8 (first bad byte at offset {at})")
            }
            SourceError::Binary => write!(f, "looks like a binary file (contains NUL bytes)"),
            SourceError::BadDate(key, d) => write!(
                f,
                "front matter `{key}: {d}` is not a date (write YYYY-MM-DD or, e.g., March 10, 2026)"
            ),
            SourceError::TooLarge(limit) => write!(
                f,
                "larger than the input size limit of {} (reading stopped there; raise it \
                 with --max-size or `[limits] max_file_bytes` in figcheck.toml)",
                size_text(*limit)
            ),
            SourceError::Special(kind) => write!(
                f,
                "is a {kind}, not a regular file (it may never end); to read it, pass `-` \
                 and redirect it to standard input"
            ),
        }
    }
}

impl std::error::Error for SourceError {}

/// One input document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The name used in messages (the path as given).
    pub name: String,
    /// The file's text, exactly as read.
    pub text: String,
    /// Same length as `text`; non-prose blanked, character references written as their
    /// character at their first byte (see [`Document::reading`]).
    pub prose: String,
    /// The document date: `--date`, else front matter, HTML metadata, a dateline or a byline
    /// (see [`dated`]); `None` when none was found or it has no year.
    pub date: Option<Date>,
    /// Where [`Document::date`] (or [`Document::month_day`]) came from.
    pub date_source: dated::DateSource,
    /// The document date's month and day, also when a dateline gave no year ("Jan 30").
    pub month_day: Option<(i8, i8)>,
    /// How the text was read.
    pub format: Format,
    /// Byte offset of the start of every line, for `line_col` in O(log n).
    line_starts: Vec<usize>,
    /// The character references decoded in the prose, in order.
    refs: Vec<CharRef>,
    /// The prose with them decoded; `None` when there are none (the prose is the reading).
    reading: Option<Reading>,
    /// Characters before every [`MARK_EVERY`]-th byte, built the first time a column is asked
    /// for far into a long line, so that no column costs more than counting `2 * MARK_EVERY`
    /// bytes however long its line.
    char_marks: OnceLock<Vec<usize>>,
}

/// Byte offset of the start of every line: after each `\n`, and after each `\r` that no `\n`
/// follows (a lone CR, old Mac line ends, starts a line too). One pass over the bytes.
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = vec![0];
    for i in memchr::memchr2_iter(b'\n', b'\r', b) {
        if b[i] == b'\n' || b.get(i + 1) != Some(&b'\n') {
            out.push(i + 1);
        }
    }
    out
}

/// The length of a leading byte-order mark (U+FEFF): it is not a column.
fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// Bytes between two entries of a document's character marks.
const MARK_EVERY: usize = 1024;

/// Characters in a byte slice of UTF-8 text: the bytes that are not continuation bytes (a
/// slice may start or end inside a character; each character is counted at its first byte).
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl Document {
    /// Builds a document from text already in memory.
    pub fn from_text(name: &str, text: String, format: Format) -> Result<Document, SourceError> {
        let (prose, date, refs) = match format {
            Format::Text => {
                // Bare URLs are no prose in plain text either: "?q=30%25%2020" has no percent.
                let mut buf = crate::grammar::sentence::join_soft_breaks(&text).into_bytes();
                crate::source::markdown::blank_urls(&mut buf);
                // Blanking writes ASCII over whole chars: still UTF-8.
                let prose = String::from_utf8(buf)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                (prose, None, Vec::new())
            }
            Format::Markdown => crate::source::markdown::prose(&text)?,
            Format::Html => {
                let (prose, refs) = crate::source::html::prose(&text);
                (prose, None, refs)
            }
        };
        debug_assert_eq!(prose.len(), text.len());
        let (source, found) = match date {
            Some(d) => (
                dated::DateSource::FrontMatter,
                Some((Some(d.year()), d.month(), d.day())),
            ),
            None => {
                let meta = (format == Format::Html)
                    .then(|| crate::source::html::published(&text))
                    .flatten();
                match meta {
                    Some(d) => (
                        dated::DateSource::HtmlMeta,
                        Some((Some(d.year()), d.month(), d.day())),
                    ),
                    // Plain text's prose has its soft line breaks joined: read the lines.
                    None => match dated::from_head(if format == Format::Text {
                        &text
                    } else {
                        &prose
                    }) {
                        Some(h) => (h.source, Some((h.year, h.month, h.day))),
                        None => (dated::DateSource::None, None),
                    },
                }
            }
        };
        let date = found.and_then(|(y, m, d)| Date::new(y?, m, d).ok());
        let month_day = found.map(|(_, m, d)| (m, d));
        let reading = (!refs.is_empty()).then(|| Reading::new(&prose, &refs));
        let line_starts = line_starts(&text);
        Ok(Document {
            name: name.to_string(),
            text,
            prose,
            date,
            date_source: source,
            month_day,
            format,
            line_starts,
            refs,
            reading,
            char_marks: OnceLock::new(),
        })
    }

    /// Builds a document from raw bytes, rejecting binary and non-UTF-8 input.
    pub fn from_bytes(name: &str, bytes: Vec<u8>, format: Format) -> Result<Document, SourceError> {
        if bytes.contains(&0) {
            return Err(SourceError::Binary);
        }
        let text = String::from_utf8(bytes)
            .map_err(|e| SourceError::NotUtf8(e.utf8_error().valid_up_to()))?;
        // A leading byte-order mark is not prose; blank it but keep offsets.
        Document::from_text(name, text, format)
    }

    /// Reads a file from disk, up to [`DEFAULT_MAX_SIZE`] bytes.
    pub fn read(path: &Path) -> Result<Document, SourceError> {
        Document::read_limited(path, DEFAULT_MAX_SIZE)
    }

    /// Reads a regular file from disk, refusing one larger than `max_size` bytes and any file
    /// that is not regular (a FIFO without a writer would block for ever, `/dev/zero` never
    /// ends) before opening it.
    pub fn read_limited(path: &Path, max_size: u64) -> Result<Document, SourceError> {
        let name = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| SourceError::Io(io_reason(&e)))?;
        if let Some(kind) = special_kind(&meta.file_type()) {
            return Err(SourceError::Special(kind));
        }
        if meta.is_dir() {
            return Err(SourceError::Io("is a directory".to_string()));
        }
        if meta.len() > max_size {
            return Err(SourceError::TooLarge(max_size));
        }
        let file = std::fs::File::open(path).map_err(|e| SourceError::Io(io_reason(&e)))?;
        // One byte more than the size given, so that reading to the end needs no growth.
        let bytes = read_bounded_sized(file, max_size, meta.len().saturating_add(1))?;
        Document::from_bytes(&name, bytes, Format::from_path(&name))
    }

    /// Sets the document date (`--date`), overriding every date found in the document.
    pub fn with_date(mut self, date: Option<Date>) -> Document {
        if let Some(d) = date {
            self.set_date(Some(d), dated::DateSource::Option);
        }
        self
    }

    /// Sets the document date and its source (`None` clears it, source and all).
    pub fn set_date(&mut self, date: Option<Date>, source: dated::DateSource) {
        self.date = date;
        self.month_day = date.map(|d| (d.month(), d.day()));
        self.date_source = if date.is_some() {
            source
        } else {
            dated::DateSource::None
        };
    }

    /// Lets go of what only reading the figures needs: the prose, its character references
    /// and their decoded reading. The name, the text, the date, the format and line and column
    /// lookups stay; the prose then reads as empty ([`Document::prose_of`] gives ""). For a
    /// caller done with the prose: `reconcile`, once a source's claims are taken, when its
    /// output needs only the text.
    pub fn shed_prose(&mut self) {
        self.prose = String::new();
        self.refs = Vec::new();
        self.reading = None;
    }

    /// The character references decoded in the prose, in order of position.
    pub fn references(&self) -> &[CharRef] {
        &self.refs
    }

    /// The prose with its character references decoded, with the map between its offsets and
    /// the file's; `None` when the prose has no references (then it is its own reading).
    pub fn reading(&self) -> Option<&Reading> {
        self.reading.as_ref()
    }

    /// The text the grammar reads: the prose with its character references decoded. Its
    /// offsets are file offsets only when [`Document::reading`] is `None`.
    pub fn reading_text(&self) -> &str {
        self.reading.as_ref().map_or(&self.prose, Reading::text)
    }

    /// The decoded prose of the file range `[start, end)` (a bound inside a character
    /// reference takes the whole reference); empty when the range is not on char boundaries.
    pub fn prose_of(&self, start: usize, end: usize) -> &str {
        match &self.reading {
            None => self.prose.get(start..end),
            Some(r) => {
                let s = r.span_from_file(Span::new(start, end.max(start)));
                (start <= end)
                    .then(|| r.text().get(s.start..s.end))
                    .flatten()
            }
        }
        .unwrap_or("")
    }

    /// The sentences of the prose, as file spans: split on the decoded reading, so
    /// `Quantity::sentence` indexes this list.
    pub fn sentences(&self) -> Vec<Span> {
        match &self.reading {
            None => crate::grammar::sentence::sentences(&self.prose),
            Some(r) => crate::grammar::sentence::sentences(r.text())
                .into_iter()
                .map(|s| r.span_to_file(s))
                .collect(),
        }
    }

    /// The file's text of a span with the character references inside it decoded: "−8 °C"
    /// for `&minus;8 &deg;C`. The file's own bytes are `text[span.start..span.end]`.
    pub fn decoded(&self, span: Span) -> Cow<'_, str> {
        let Some(raw) = self.text.get(span.start..span.end) else {
            return Cow::Borrowed("");
        };
        let from = self.refs.partition_point(|r| r.start < span.start);
        let n = self.refs[from..]
            .iter()
            .take_while(|r| r.end <= span.end)
            .count();
        if n == 0 {
            return Cow::Borrowed(raw);
        }
        let mut out = String::with_capacity(raw.len());
        let mut at = span.start;
        for r in &self.refs[from..from + n] {
            out.push_str(&self.text[at..r.start]);
            out.extend(r.ch);
            at = r.end;
        }
        out.push_str(&self.text[at..span.end]);
        Cow::Owned(out)
    }

    /// 1-based line and column (in characters) of a byte offset: the line by binary search in
    /// the line index, the column by counting at most `2 * MARK_EVERY` bytes (from the line's
    /// start, or from the nearest character mark on a long line).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let mut start = self.line_starts[line - 1];
        if line == 1 && offset >= bom_len(&self.text) {
            start = bom_len(&self.text);
        }
        (line, self.chars_between(start, offset) + 1)
    }

    /// A cursor for [`Document::line_col`] of offsets taken in increasing order (figures as
    /// they are emitted): a step within a line counts only the bytes stepped over.
    pub fn line_cols(&self) -> LineCols<'_> {
        LineCols {
            doc: self,
            at: bom_len(&self.text),
            line: 1,
            col: 1,
        }
    }

    /// Characters in `text[start..end]`, both char boundaries.
    fn chars_between(&self, start: usize, end: usize) -> usize {
        if end - start <= 2 * MARK_EVERY {
            return self.text[start..end].chars().count();
        }
        let bytes = self.text.as_bytes();
        let marks = self.char_marks.get_or_init(|| {
            let mut marks = Vec::with_capacity(bytes.len() / MARK_EVERY + 2);
            let mut n = 0;
            marks.push(0);
            for chunk in bytes.chunks(MARK_EVERY) {
                n += chars_in(chunk);
                marks.push(n);
            }
            marks
        });
        let before = |at: usize| {
            let k = at / MARK_EVERY;
            marks[k] + chars_in(&bytes[k * MARK_EVERY..at])
        };
        before(end) - before(start)
    }
}

/// Line and column of increasing offsets in one document (see [`Document::line_cols`]). An
/// offset before the previous one, or on another line, is looked up afresh.
#[derive(Debug, Clone)]
pub struct LineCols<'a> {
    doc: &'a Document,
    at: usize,
    line: usize,
    col: usize,
}

impl LineCols<'_> {
    /// As [`Document::line_col`].
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let text = &self.doc.text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let next_line = self
            .doc
            .line_starts
            .get(self.line)
            .copied()
            .unwrap_or(usize::MAX);
        if offset >= self.at && offset < next_line {
            self.col += text[self.at..offset].chars().count();
        } else {
            (self.line, self.col) = self.doc.line_col(offset);
        }
        // Every offset inside a leading byte-order mark is column 1, as is the one after it.
        self.at = offset.max(bom_len(text));
        (self.line, self.col)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`: a line ends at `\n`,
/// `\r\n` or a lone `\r`; a leading byte-order mark is no column. Counts from the start of
/// the text (for one offset; [`Document::line_col`] is the indexed form).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let b = text.as_bytes();
    let breaks =
        (0..offset).filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')));
    let (mut line, mut line_start) = (1, 0);
    for i in breaks {
        line += 1;
        line_start = i + 1;
    }
    if line == 1 && offset >= bom_len(text) {
        line_start = bom_len(text);
    }
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// Whether a Markdown text opens front matter (`---` on its first line) that no `---` or
/// `...` line closes: then it is no front matter and is read as prose, which the binary
/// says in a warning.
pub fn unterminated_front_matter(text: &str) -> bool {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(body) = t
        .strip_prefix("---\n")
        .or_else(|| t.strip_prefix("---\r\n"))
    else {
        return false;
    };
    !body.lines().any(|l| matches!(l.trim_end(), "---" | "..."))
}

/// The default limit on one input's size: 256 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 256 << 20;

/// Reads at most `max_size` bytes from `r` (a file, or standard input): more is
/// [`SourceError::TooLarge`], and a NUL byte is [`SourceError::Binary`] as soon as it is
/// read, so that an endless source (`- < /dev/zero`) stops at once and a long one at the
/// limit, never filling memory.
pub fn read_bounded(r: impl std::io::Read, max_size: u64) -> Result<Vec<u8>, SourceError> {
    read_bounded_sized(r, max_size, 0)
}

/// [`read_bounded`] of a file expected to hold `expected` bytes: the buffer is that size from
/// the start (not doubled past it as it grows), so a large file costs its own size in memory.
fn read_bounded_sized(
    mut r: impl std::io::Read,
    max_size: u64,
    expected: u64,
) -> Result<Vec<u8>, SourceError> {
    let mut out = Vec::with_capacity(expected.min(max_size) as usize);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(SourceError::Io(io_reason(&e))),
        };
        if buf[..n].contains(&0) {
            return Err(SourceError::Binary);
        }
        if (out.len() + n) as u64 > max_size {
            return Err(SourceError::TooLarge(max_size));
        }
        out.extend_from_slice(&buf[..n]);
    }
}

/// Parses a size: bytes, or with a suffix `K`, `M`, `G` (powers of 1024; `KB`, `MiB` and
/// lower case also read).
pub fn parse_size(s: &str) -> Option<u64> {
    let t = s.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let n: u64 = t[..digits].parse().ok()?;
    let unit = t[digits..].trim().to_ascii_lowercase();
    let shift = match unit.trim_end_matches('b').trim_end_matches('i') {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        _ => return None,
    };
    n.checked_mul(1u64 << shift)
}

/// A size in the largest binary unit that shows it whole ("256 MiB", "1000 bytes").
fn size_text(n: u64) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if n >= 1 << shift && n % (1 << shift) == 0 {
            return format!("{} {unit}", n >> shift);
        }
    }
    format!("{n} bytes")
}

/// The kind of a file that is not regular and may never end, or `None`.
fn special_kind(t: &std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("FIFO (named pipe)");
        }
        if t.is_char_device() {
            return Some("character device");
        }
        if t.is_block_device() {
            return Some("block device");
        }
        if t.is_socket() {
            return Some("socket");
        }
    }
    let _ = t;
    None
}

/// The nearest char boundary of `text` at or before `i`.
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary of `text` at or after `i`, at most its length.
pub(crate) fn ceil_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => e.to_string(),
    }
}

/// Blanks `range` of `buf` (bytes) with spaces, keeping newlines.
pub(crate) fn blank(buf: &mut [u8], start: usize, end: usize) {
    let end = end.min(buf.len());
    // Written as a select on every byte (not a conditional store), so it vectorises.
    for b in &mut buf[start..end] {
        *b = if *b == b'\n' { b'\n' } else { b' ' };
    }
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim().trim_matches('"').trim_matches('\'');
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i16 = s.get(0..4)?.parse().ok()?;
    let m: i8 = s.get(5..7)?.parse().ok()?;
    let d: i8 = s.get(8..10)?.parse().ok()?;
    Date::new(y, m, d).ok()
}

/// Why `s`, written in the form `YYYY-MM-DD`, names no day: the month is not 1 to 12, or the
/// month has no such day ("February 2026 has 28 days"). `None` when `s` is not in that form
/// (digits where digits go), or when it is a real date.
pub fn impossible_date(s: &str) -> Option<String> {
    let s = s.trim().trim_matches('"').trim_matches('\'');
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) {
        return None;
    }
    if !digits(8..10) {
        return None;
    }
    let y: i16 = s[0..4].parse().ok()?;
    let m: i8 = s[5..7].parse().ok()?;
    let d: i8 = s[8..10].parse().ok()?;
    if Date::new(y, m, d).is_ok() {
        return None;
    }
    if !(1..=12).contains(&m) {
        return Some(format!("there is no month {m} (months are 01 to 12)"));
    }
    let first = Date::new(y, m, 1).ok()?;
    let days = first.days_in_month();
    let month = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][usize::try_from(m - 1).ok()?];
    Some(format!(
        "the day does not exist: {month} {y} has {days} days, not {d}"
    ))
}

pub mod charref;
pub mod dated;
pub mod html;
pub mod markdown;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn impossible_dates_say_why() {
        let feb = impossible_date("2026-02-30").unwrap();
        assert!(feb.contains("February 2026 has 28 days"), "{feb}");
        assert!(impossible_date("2028-02-30").unwrap().contains("29 days"));
        assert!(
            impossible_date("2026-04-31")
                .unwrap()
                .contains("April 2026 has 30")
        );
        assert!(
            impossible_date("2026-13-01")
                .unwrap()
                .contains("no month 13")
        );
        assert!(
            impossible_date("2026-00-10")
                .unwrap()
                .contains("no month 0")
        );
        assert!(impossible_date("2026-02-00").unwrap().contains("not 0"));
        // Real dates and other forms are not "impossible days".
        assert_eq!(impossible_date("2028-02-29"), None);
        assert_eq!(impossible_date("Feb 30"), None);
        assert_eq!(impossible_date("2026-2-30"), None);
        assert_eq!(impossible_date("2026-02-3x"), None);
    }

    /// Lines of every length around the mark spacing, ASCII and multi-byte characters.
    fn text_of(parts: &[(u8, usize)]) -> String {
        let pieces = [
            "a", "é", "€", "𝄞", " ", "\n", "12 km", "\r", "\r\n", "\u{feff}",
        ];
        let mut t = String::new();
        for &(p, n) in parts {
            for _ in 0..n {
                t.push_str(pieces[usize::from(p) % pieces.len()]);
            }
        }
        t
    }

    proptest! {
        /// `Document::line_col` and the in-order cursor agree with counting from the start of
        /// the text, at every offset kind (inside characters too), on lines far longer than the
        /// mark spacing.
        #[test]
        fn line_col_is_the_plain_count(
            parts in proptest::collection::vec((0u8..10, 0usize..900), 0..12),
            picks in proptest::collection::vec(0usize..1_000_000, 0..40),
        ) {
            let text = text_of(&parts);
            let doc = Document::from_text("t.txt", text.clone(), Format::Text).unwrap();
            let mut offsets: Vec<usize> = picks.iter().map(|p| p % (text.len() + 2)).collect();
            for &o in &offsets {
                prop_assert_eq!(doc.line_col(o), line_col(&text, o), "offset {}", o);
            }
            offsets.sort_unstable();
            let mut cursor = doc.line_cols();
            for &o in &offsets {
                prop_assert_eq!(cursor.line_col(o), line_col(&text, o), "offset {}", o);
            }
        }
    }

    /// A 1.5 MB single line: a figure every 40 bytes, each column from the cursor and from the
    /// document, in time linear in the text (quadratic counting would take minutes here).
    #[test]
    fn columns_on_one_long_line_are_linear() {
        let text = "é 12 km, ".repeat(150_000);
        let doc = Document::from_text("t.txt", text.clone(), Format::Text).unwrap();
        let mut cursor = doc.line_cols();
        let mut chars = 0;
        let mut prev = 0;
        for at in (0..text.len())
            .step_by(40)
            .filter(|&i| text.is_char_boundary(i))
        {
            chars += text[prev..at].chars().count();
            prev = at;
            assert_eq!(cursor.line_col(at), (1, chars + 1));
            assert_eq!(doc.line_col(at), (1, chars + 1));
        }
    }

    /// A lone CR starts a line as LF and CRLF do; a leading byte-order mark is no column.
    #[test]
    fn lone_cr_starts_a_line_and_a_bom_is_no_column() {
        let text = "\u{feff}ab\rcd\r\nef\ngh";
        let doc = Document::from_text("t.txt", text.to_string(), Format::Text).unwrap();
        let at = |s: &str| text.find(s).unwrap();
        let expect = [
            ("a", (1, 1)),
            ("b", (1, 2)),
            ("c", (2, 1)),
            ("e", (3, 1)),
            ("h", (4, 2)),
        ];
        let mut cursor = doc.line_cols();
        for (s, lc) in expect {
            assert_eq!(doc.line_col(at(s)), lc, "{s}");
            assert_eq!(line_col(text, at(s)), lc, "{s}");
            assert_eq!(cursor.line_col(at(s)), lc, "{s}");
        }
    }

    #[test]
    fn bare_urls_are_no_prose_in_plain_text() {
        let text = "Go to https://x.org/s?q=30%25%2020% or www.kyiv.ua/2026 for 12 maps.";
        let d = Document::from_text("a.txt", text.to_string(), Format::Text).unwrap();
        assert_eq!(d.prose.len(), text.len());
        assert!(!d.prose.contains("30%") && !d.prose.contains("2026"));
        assert!(d.prose.contains("for 12 maps."));
    }
}
