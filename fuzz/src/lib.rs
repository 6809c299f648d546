//! Invariants every fuzz target asserts (the ones the tests claim), shared.

use figcheck::{Diagnostic, Document, Format, Quantity, Span};

/// A document from fuzz bytes, in `format`; `None` when the bytes are refused (not UTF-8,
/// NUL), which is itself an answer, not a failure.
pub fn doc(name: &str, bytes: &[u8], format: Format) -> Option<Document> {
    Document::from_bytes(name, bytes.to_vec(), format).ok()
}

/// The format named by the first byte (so one corpus reaches all three readers), and the rest.
pub fn split_format(data: &[u8]) -> (Format, &[u8]) {
    match data.split_first() {
        Some((b, rest)) => {
            let f = match b % 3 {
                0 => Format::Text,
                1 => Format::Markdown,
                _ => Format::Html,
            };
            (f, rest)
        }
        None => (Format::Text, data),
    }
}

/// A span in bounds of `text` with both ends on char boundaries.
pub fn assert_span(text: &str, s: Span, what: &str) {
    assert!(
        s.start <= s.end && s.end <= text.len(),
        "{what}: span {s:?} out of bounds (len {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what}: span {s:?} not on char boundaries"
    );
}

/// The source reading's invariants: the prose has the text's length, and the sentences are
/// in bounds, on char boundaries, in order and disjoint.
pub fn assert_document(d: &Document) {
    assert_eq!(
        d.prose.len(),
        d.text.len(),
        "prose and text differ in length"
    );
    let mut prev = 0;
    for s in d.sentences() {
        assert_span(&d.text, s, "sentence");
        assert!(
            s.start >= prev,
            "sentences out of order or overlapping: {s:?} after {prev}"
        );
        prev = s.end;
    }
}

/// The extraction's invariants: every figure non-empty, in bounds, on char boundaries, sorted
/// by position, `text` equal to the file's slice; its line and column are 1-based and the
/// in-order cursor agrees with the indexed lookup.
pub fn assert_quantities(d: &Document, qs: &[Quantity]) {
    let mut cursor = d.line_cols();
    let mut prev = 0;
    for q in qs {
        assert_span(&d.text, q.span, "figure");
        assert!(q.span.start < q.span.end, "empty figure at {:?}", q.span);
        assert!(q.span.start >= prev, "figures out of order at {:?}", q.span);
        prev = q.span.start;
        assert_eq!(q.text(&d.text), &d.text[q.span.start..q.span.end]);
        let (line, col) = d.line_col(q.span.start);
        assert!(line >= 1 && col >= 1);
        assert_eq!(
            cursor.line_col(q.span.start),
            (line, col),
            "cursor and index differ"
        );
    }
}

/// A finding's spans are in bounds of the document it names, on char boundaries.
pub fn assert_findings(docs: &[&Document], ds: &[Diagnostic]) {
    for d in ds {
        let doc = docs
            .iter()
            .find(|x| x.name == d.file)
            .unwrap_or_else(|| panic!("finding names no document: {}", d.file));
        assert_span(&doc.text, d.span, &d.code);
        for r in &d.related {
            let rd = docs
                .iter()
                .find(|x| x.name == r.file)
                .unwrap_or_else(|| panic!("related span names no document: {}", r.file));
            assert_span(&rd.text, r.span, &d.code);
        }
        assert!(!d.message.is_empty(), "{}: empty message", d.code);
    }
}

/// Two documents from one input: split at the first `\n=====\n` (or in the middle).
pub fn split_two(data: &[u8]) -> (&[u8], &[u8]) {
    const SEP: &[u8] = b"\n=====\n";
    match data.windows(SEP.len()).position(|w| w == SEP) {
        Some(i) => (&data[..i], &data[i + SEP.len()..]),
        None => {
            let mut m = data.len() / 2;
            while m > 0 && m < data.len() && (data[m] & 0xC0) == 0x80 {
                m -= 1;
            }
            data.split_at(m)
        }
    }
}

/// The lines of `text` as the protocol counts them (ending at `\n`, `\r\n` or a lone `\r`):
/// each line's length in UTF-16 units, without its terminator. Counted here independently of
/// the server's line index.
pub fn utf16_lines(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut units = 0u32;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push(units);
                units = 0;
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(units);
                units = 0;
            }
            c => units += c.len_utf16() as u32,
        }
    }
    out.push(units);
    out
}

/// Every LSP range in `v` (any object with `start` and `end` positions) lies inside `text`:
/// its lines exist, its columns are within their lines, and it does not end before it starts.
pub fn assert_lsp_ranges(text: &str, v: &serde_json::Value) {
    let lines = utf16_lines(text);
    let position = |p: &serde_json::Value| -> Option<(u64, u64)> {
        Some((p.get("line")?.as_u64()?, p.get("character")?.as_u64()?))
    };
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        match x {
            serde_json::Value::Object(m) => {
                if let (Some(s), Some(e)) = (
                    m.get("start").and_then(position),
                    m.get("end").and_then(position),
                ) {
                    for (line, col) in [s, e] {
                        let len = lines.get(line as usize).copied();
                        assert!(
                            len.is_some_and(|l| col <= u64::from(l)),
                            "range {x} outside the document (lines {lines:?})"
                        );
                    }
                    assert!(s <= e, "range {x} ends before it starts");
                }
                stack.extend(m.values());
            }
            serde_json::Value::Array(a) => stack.extend(a),
            _ => {}
        }
    }
}

/// Every object of `v` with a numeric `start` and `end` (a figure, a finding, a related
/// figure, a claim) is a span in bounds of the text its `file` names (the only text when it
/// names none), on char boundaries, with a `line` and `column` of at least 1 when it has
/// them.
pub fn assert_json_spans(texts: &std::collections::HashMap<String, String>, v: &serde_json::Value) {
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        match x {
            serde_json::Value::Object(m) => {
                if let (Some(s), Some(e)) = (
                    m.get("start").and_then(serde_json::Value::as_u64),
                    m.get("end").and_then(serde_json::Value::as_u64),
                ) {
                    let text = match m.get("file").and_then(serde_json::Value::as_str) {
                        Some(f) => texts.get(f),
                        None if texts.len() == 1 => texts.values().next(),
                        None => None,
                    };
                    let text = text.unwrap_or_else(|| panic!("{x}: no such file"));
                    let span = Span {
                        start: s as usize,
                        end: e as usize,
                    };
                    assert_span(text, span, &x.to_string());
                    for k in ["line", "column"] {
                        if let Some(n) = m.get(k).and_then(serde_json::Value::as_u64) {
                            assert!(n >= 1, "{x}: {k} 0");
                        }
                    }
                }
                stack.extend(m.values());
            }
            serde_json::Value::Array(a) => stack.extend(a),
            _ => {}
        }
    }
}
