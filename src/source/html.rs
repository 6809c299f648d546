//! HTML → prose: text between tags is prose; tags, attributes, comments, `script` and `style`
//! contents are blanked. Character references in the text are found and decoded
//! ([`super::charref`]): the prose keeps every byte at its file offset.

use super::blank;
use super::charref::{self, CharRef};

/// Returns the prose copy of `text` and the character references in it.
pub fn prose(text: &str) -> (String, Vec<CharRef>) {
    let mut buf = text.as_bytes().to_vec();
    let lower = text.to_ascii_lowercase();
    let lb = lower.as_bytes();
    let mut i = 0;
    while i < buf.len() {
        if lb[i] != b'<' {
            i += 1;
            continue;
        }
        let end = if lb[i..].starts_with(b"<!--") {
            find(lb, i + 4, b"-->").map_or(lb.len(), |k| k + 3)
        } else if lb[i..].starts_with(b"<script") || lb[i..].starts_with(b"<style") {
            let close: &[u8] = if lb[i..].starts_with(b"<script") {
                b"</script"
            } else {
                b"</style"
            };
            let k = find(lb, i + 1, close).unwrap_or(lb.len());
            find(lb, k, b">").map_or(lb.len(), |k| k + 1)
        } else {
            find(lb, i + 1, b">").map_or(lb.len(), |k| k + 1)
        };
        // Block-level tags end a sentence: leave a newline.
        let tag = &lb[i..end];
        let is_block = [
            &b"<p"[..],
            b"</p",
            b"<br",
            b"<div",
            b"</div",
            b"<h1",
            b"<h2",
            b"<h3",
            b"<h4",
            b"</h",
            b"<li",
            b"</li",
            b"<tr",
            b"<td",
            b"</td",
            b"<blockquote",
            b"</blockquote",
            b"<title",
            b"</title",
        ]
        .iter()
        .any(|p| tag.starts_with(p));
        blank(&mut buf, i, end);
        if is_block && end > i {
            buf[end - 1] = b'\n';
        }
        i = end;
    }
    super::markdown::blank_urls(&mut buf);
    // Only text is left unblanked, so every reference still in the prose is in the text.
    let mut refs = charref::find(&buf);
    charref::pad(&mut buf, text.as_bytes(), &mut refs);
    let prose = String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (prose, refs)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|k| k + from)
}
