//! Markdown → prose: pulldown-cmark events with their source ranges.
//!
//! Text events keep their bytes; everything else is blanked. Code blocks, inline code, HTML
//! (comments included), link and image destinations, autolinks and bare URLs are not prose.
//! A character reference pulldown-cmark decodes (its own text event) is decoded as in HTML
//! ([`super::charref`]); one it leaves alone (escaped, in code) stays as written.

use super::charref::{self, CharRef};
use super::dated::parse_value;
use super::{SourceError, blank};
use jiff::civil::Date;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Returns the prose copy of `text`, the front matter date, if any, and the character
/// references decoded in the prose.
pub fn prose(text: &str) -> Result<(String, Option<Date>, Vec<CharRef>), SourceError> {
    // 1 where a byte is prose (a byte per flag, so runs are found with `memchr`).
    let mut keep = vec![0u8; text.len()];
    let mut refs: Vec<CharRef> = Vec::new();
    let (body_start, date) = front_matter(text)?;
    let body = &text[body_start..];
    let mut block_ends: Vec<usize> = Vec::new();
    let mut in_code_block = 0usize;
    let mut in_link = 0usize;
    let mut hard: Vec<(usize, usize)> = Vec::new();
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let (s, e) = (range.start + body_start, range.end + body_start);
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block += 1,
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = in_code_block.saturating_sub(1);
                block_ends.push(e);
            }
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                in_link = in_link.saturating_sub(1)
            }
            Event::Text(t) if in_code_block == 0 => {
                // An autolink's text is its URL: not prose.
                let is_url = in_link > 0
                    && (t.starts_with("http://")
                        || t.starts_with("https://")
                        || t.starts_with("mailto:"));
                if is_url {
                    hard.push((s, e));
                }
                // Escapes and entities make the source range differ from the text: the source
                // bytes are kept, and a reference (an event of its own) is recorded to be
                // decoded like one in HTML.
                if !is_url {
                    keep[s..e].fill(1);
                    let src = &text.as_bytes()[s..e];
                    if src.first() == Some(&b'&')
                        && src.last() == Some(&b';')
                        && t.as_bytes() != src
                        && let Some((len, ch)) = charref::decode(src)
                        && len == src.len()
                    {
                        refs.push(CharRef {
                            start: s,
                            end: e,
                            ch,
                        });
                    }
                }
            }
            Event::SoftBreak => keep[s..e].fill(1),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => block_ends.push(e),
            Event::Code(_) => hard.push((s, e)),
            _ => {}
        }
    }
    let mut buf = text.as_bytes().to_vec();
    let mut i = 0;
    while i < buf.len() {
        if keep[i] == 0 {
            let j = memchr::memchr(1, &keep[i..]).map_or(buf.len(), |k| i + k);
            blank(&mut buf, i, j);
            i = j;
        } else {
            i = memchr::memchr(0, &keep[i..]).map_or(buf.len(), |k| i + k);
        }
    }
    // Soft breaks inside a paragraph are spaces; block ends are newlines.
    for b in buf.iter_mut() {
        // A select on every byte (not a conditional store), so it vectorises.
        *b = if *b == b'\n' { b' ' } else { *b };
    }
    for &e in &block_ends {
        // Mark the block's end with a newline on the nearest blank byte at or after its end.
        let from = e.saturating_sub(1);
        if let Some(k) = (from..buf.len().min(from + 8)).find(|&k| buf[k] == b' ') {
            buf[k] = b'\n';
        }
    }
    blank_urls(&mut buf);
    for (s, e) in hard {
        mark_boundary(&mut buf, s, e);
    }
    // Last, so no newline or boundary mark lands inside a reference's bytes.
    refs.sort_unstable_by_key(|r| r.start);
    refs.dedup_by_key(|r| r.start);
    charref::pad(&mut buf, text.as_bytes(), &mut refs);
    // Every byte we changed was ASCII in a blanked run whose ends are char boundaries, a
    // whole kept char, or a reference's char at its start: the result is valid UTF-8.
    let out = String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok((out, date, refs))
}

/// The front-matter keys that date a document, in order of preference.
pub const DATE_KEYS: &[&str] = &["date", "published", "publishDate", "pubDate"];

/// Finds a leading `---` YAML front matter block; returns where the body starts and its date:
/// the first of [`DATE_KEYS`] present, ISO or written ("March 10, 2026"). A value that cannot
/// be read is an error naming its key.
fn front_matter(text: &str) -> Result<(usize, Option<Date>), SourceError> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - t.len();
    if !(t.starts_with("---\n") || t.starts_with("---\r\n")) {
        return Ok((0, None));
    }
    let mut pos = bom + t.find('\n').map_or(t.len(), |i| i + 1);
    // (rank in DATE_KEYS, key, value)
    let mut best: Option<(usize, &str, &str)> = None;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let date = match best {
                None => None,
                Some((_, key, v)) => Some(
                    parse_value(v)
                        .ok_or_else(|| SourceError::BadDate(key.to_string(), v.to_string()))?,
                ),
            };
            return Ok((end, date));
        }
        // Top-level keys only (an indented `date:` belongs to a nested map).
        if let Some((key, v)) = line.split_once(':')
            && let Some(rank) = DATE_KEYS.iter().position(|k| *k == key)
        {
            let v = v.trim();
            if !v.is_empty() && best.is_none_or(|(r, _, _)| rank < r) {
                best = Some((rank, DATE_KEYS[rank], v));
            }
        }
        pos = end;
    }
    // No closing fence: not front matter.
    Ok((0, None))
}

/// Blanks bare URLs (`http://…`, `https://…`, `www.…`) that Markdown left as text.
pub(crate) fn blank_urls(buf: &mut [u8]) {
    // Where a URL could start, found with a vectorised search: every form starts with `http`
    // or `www.`. Blanking writes only inside a URL, so later candidates stay as found.
    let mut starts: Vec<usize> = memchr::memmem::find_iter(buf, b"http")
        .chain(memchr::memmem::find_iter(buf, b"www."))
        .collect();
    starts.sort_unstable();
    let mut done = 0;
    for i in starts {
        if i < done || (i > 0 && buf[i - 1].is_ascii_alphanumeric()) {
            continue;
        }
        let rest = &buf[i..];
        if !(rest.starts_with(b"http://")
            || rest.starts_with(b"https://")
            || rest.starts_with(b"www."))
        {
            continue;
        }
        let mut j = i;
        while j < buf.len()
            && !buf[j].is_ascii_whitespace()
            && buf[j] != b')'
            && buf[j] != b'>'
            && buf[j] != b'"'
        {
            j += 1;
        }
        // Keep multi-byte chars intact: extend to a char boundary.
        while j < buf.len() && (buf[j] & 0xC0) == 0x80 {
            j += 1;
        }
        blank(buf, i, j);
        mark_boundary(buf, i, j);
        done = j;
    }
}

/// The byte written at the start of blanked code and URLs: not a space, so no production
/// joins a number before them to a word after them ("12 <https://x.org/1> dozens").
pub const BOUNDARY: u8 = 0x1f;

/// Marks a blanked run as a hard boundary.
pub(crate) fn mark_boundary(buf: &mut [u8], start: usize, end: usize) {
    if let Some(k) = (start..end.min(buf.len())).find(|&k| buf[k] == b' ') {
        buf[k] = BOUNDARY;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain byte-by-byte statement of [`blank_urls`]: at each word start, a URL prefix
    /// blanks up to the URL's end.
    fn blank_urls_reference(buf: &mut [u8]) {
        let mut i = 0;
        while i < buf.len() {
            let rest = &buf[i..];
            let starts = rest.starts_with(b"http://")
                || rest.starts_with(b"https://")
                || rest.starts_with(b"www.");
            if starts && (i == 0 || !buf[i - 1].is_ascii_alphanumeric()) {
                let mut j = i;
                while j < buf.len() && !buf[j].is_ascii_whitespace() && !b")>\"".contains(&buf[j]) {
                    j += 1;
                }
                while j < buf.len() && (buf[j] & 0xC0) == 0x80 {
                    j += 1;
                }
                blank(buf, i, j);
                mark_boundary(buf, i, j);
                i = j;
            } else {
                i += 1;
            }
        }
    }

    #[test]
    fn references_read_as_in_html() {
        use crate::source::{Document, Format};
        let para =
            "It fell to &minus;8 &deg;C (18 &deg;F); rain reached 250&nbsp;mm (6&#160;inches).";
        let md = Document::from_text("d.md", para.to_string(), Format::Markdown).unwrap();
        let html = format!("<p>{para}</p>");
        let ht = Document::from_text("d.html", html.clone(), Format::Html).unwrap();
        let read = |d: &Document, t: &str| -> Vec<(String, String)> {
            crate::extract(d)
                .iter()
                .map(|q| (q.text(t).to_string(), format!("{:?} {:?}", q.value, q.unit)))
                .collect()
        };
        let m = read(&md, para);
        assert_eq!(m, read(&ht, &html));
        assert_eq!(m[0].0, "&minus;8 &deg;C");
        assert_eq!(m.len(), 4, "{m:?}");
        // Escaped, in code, or unknown: as written, and nothing is decoded there.
        let t = "Not \\&minus;5 or `&minus;6 &deg;C` or &bogus;7.\n\n```\n&minus;9 &deg;C\n```\n";
        let d = Document::from_text("d.md", t.to_string(), Format::Markdown).unwrap();
        assert!(d.references().is_empty(), "{:?}", d.references());
        assert!(d.reading().is_none());
    }

    #[test]
    fn bare_urls_are_blanked() {
        let mut b =
            b"see https://x.org/a?b=1 and www.kyiv.ua/2026, not xhttp://y or http:/z".to_vec();
        blank_urls(&mut b);
        let s = String::from_utf8(b).unwrap();
        assert!(!s.contains("x.org") && !s.contains("kyiv.ua"), "{s}");
        assert!(s.contains("xhttp://y") && s.contains("http:/z"), "{s}");
    }

    proptest! {
        /// The vectorised search blanks exactly what the byte-by-byte statement blanks.
        #[test]
        fn blank_urls_agrees_with_the_reference(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "http://", "https://", "www.", "http", "www", "h", "w", "x", " ", "\n",
                    ")", ">", "\"", "é", "2026", ".", "/", "a",
                ]),
                0..40,
            )
        ) {
            let text = parts.concat();
            let mut fast = text.clone().into_bytes();
            let mut reference = text.into_bytes();
            blank_urls(&mut fast);
            blank_urls_reference(&mut reference);
            prop_assert_eq!(fast, reference);
        }
    }
}
