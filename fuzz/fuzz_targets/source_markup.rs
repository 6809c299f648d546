//! Markdown and HTML source reading (the first byte picks the format): the prose keeps the
//! file's length, sentences and figures keep their invariants, references decode in bounds.
#![no_main]
use figcheck::Format;
use figcheck_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (format, rest) = split_format(data);
    let name = match format {
        Format::Html => "f.html",
        Format::Markdown => "f.md",
        Format::Text => "f.txt",
    };
    let Some(d) = doc(name, rest, format) else {
        return;
    };
    assert_document(&d);
    for r in d.references() {
        assert!(
            r.start < r.end && r.end <= d.text.len(),
            "reference out of bounds"
        );
    }
    let qs = figcheck::extract(&d);
    assert_quantities(&d, &qs);
    for q in &qs {
        // The decoded text of a figure is never longer than the figure plus its references.
        let _ = d.decoded(q.span);
        let _ = d.prose_of(q.span.start, q.span.end);
    }
});
