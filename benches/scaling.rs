//! Linear time on hostile shapes (issue 16): extraction plus the line and column of every
//! figure, at 1×, 10× and 100× input, for
//! - `one_long_line`: a file that is one line of news-like clauses with a figure every ~40
//!   bytes (multi-byte characters among them): columns come from the line index and the
//!   character marks, so 100× the line is ~100× the time, not 10,000×;
//! - `dense_sentence`: one sentence that is a long run of figures ("1 drone, 2 drones, …"),
//!   where the context pass must not rescan the sentence for every figure.
//!
//! Run: `cargo bench --bench scaling`; compare the time per iteration across the three
//! arguments (divan's bytes counter gives the throughput, which stays flat when linear).
//! Under `cargo test --all-targets` each size runs once on a base a hundred times smaller.

use divan::Bencher;
use divan::counter::BytesCount;
use figcheck::{Document, Format};

fn main() {
    divan::main();
}

/// The 1× size in repetitions of the unit; a hundred times smaller as a smoke test.
fn base(full: usize) -> usize {
    if std::env::args().any(|a| a == "--bench") {
        full
    } else {
        (full / 100).max(1)
    }
}

/// Extraction and the position of every figure, as the renderers ask for them.
fn extract_and_place(doc: &Document) -> usize {
    let qs = figcheck::extract(doc);
    let mut cursor = doc.line_cols();
    let mut sum = 0;
    for q in &qs {
        let (l, c) = cursor.line_col(q.span.start);
        let (l2, c2) = doc.line_col(q.span.end);
        sum += l + c + l2 + c2;
    }
    sum
}

#[divan::bench(args = [1, 10, 100], sample_count = 5)]
fn one_long_line(bencher: Bencher, scale: usize) {
    // ~40 bytes a clause: 100 KB at 1×, 10 MB at 100×.
    let unit = "the café fed 12 pupils, €3 each; ";
    let text = unit.repeat(base(3_000) * scale);
    let doc = Document::from_text("line.txt", text, Format::Text).unwrap();
    bencher
        .counter(BytesCount::new(doc.text.len()))
        .bench(|| extract_and_place(&doc));
}

#[divan::bench(args = [1, 10, 100], sample_count = 5)]
fn dense_sentence(bencher: Bencher, scale: usize) {
    // One sentence, no stop: 400 figures at 1×, 40,000 at 100×.
    let text = "1 drone, ".repeat(base(400) * scale) + "in all.";
    let doc = Document::from_text("dense.txt", text, Format::Text).unwrap();
    bencher
        .counter(BytesCount::new(doc.text.len()))
        .bench(|| extract_and_place(&doc));
}
