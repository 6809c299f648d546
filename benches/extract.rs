//! Throughput of extraction, single thread, over a ~1 MB corpus made of every fixture file
//! (read from `fixtures/` at start, concatenated, repeated).
//!
//! Run: `cargo bench --bench extract`. divan prints time per iteration and, from the bytes
//! counter, throughput (MB/s) for:
//! - `extract_markdown`: `figcheck::extract` on a prepared Markdown document (the grammar);
//! - `extract_text`: the same corpus read as plain text (no blanked markup);
//! - `read_and_extract_markdown`: Markdown → prose (pulldown-cmark) plus extraction, the work
//!   `figcheck extract` does per file;
//! - `extract_news`: `figcheck::extract` on news copy only (the five `fixtures/kyiv-pause/`
//!   drafts, repeated to the same size): about one figure in fifteen words, where the whole
//!   fixture corpus, full of grammar traps, has one in six;
//! - `end_to_end_news` and `end_to_end_markdown`: what `figcheck extract --format json` does
//!   per file after reading it, on the news and the fixture corpus: Markdown → prose,
//!   extraction, and the JSON the binary writes (the library's writer, `figcheck::json`) into a
//!   buffered sink.
//!
//! `benches/end_to_end.sh` times the release binary itself on a generated ~20 MB news file
//! against `wc -w`.

use divan::Bencher;
use divan::counter::BytesCount;
use figcheck::{Document, Format};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The binary's JSON renderer, compiled into the bench (it is not part of the library).
use figcheck::json;

/// Corpus size to aim for under `cargo bench`.
const TARGET_BYTES: usize = 1 << 20;

/// Under `cargo test --all-targets` divan runs each bench once as a smoke test (no `--bench`
/// argument); one copy of the fixtures is enough there and keeps the test suite fast.
fn target_bytes() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        TARGET_BYTES
    } else {
        1
    }
}

fn main() {
    let c = corpus();
    eprintln!(
        "corpus: {} bytes from {} fixture files",
        c.text.len(),
        c.files
    );
    divan::main();
}

struct Corpus {
    text: String,
    files: usize,
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| build_corpus("fixtures"))
}

fn news_corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| build_corpus("fixtures/kyiv-pause"))
}

/// Every prose fixture under `dir`, concatenated and repeated to the target size.
fn build_corpus(dir: &str) -> Corpus {
    let mut paths = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut paths);
    paths.sort();
    let mut one = String::new();
    let mut files = 0;
    for p in &paths {
        // Only prose fixtures: skip data files and anything that is not UTF-8.
        let is_prose = matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("md" | "txt" | "markdown")
        );
        if let (true, Ok(t)) = (is_prose, std::fs::read_to_string(p)) {
            one.push_str(&t);
            one.push_str("\n\n");
            files += 1;
        }
    }
    assert!(!one.is_empty(), "no fixtures found under {dir}/");
    let target = target_bytes();
    let mut text = String::with_capacity(target + one.len());
    while text.len() < target {
        text.push_str(&one);
    }
    Corpus { text, files }
}

fn document(format: Format) -> Document {
    Document::from_text("corpus.md", corpus().text.clone(), format).expect("corpus reads")
}

#[divan::bench(sample_count = 30)]
fn extract_markdown(bencher: Bencher) {
    let doc = document(Format::Markdown);
    bencher
        .counter(BytesCount::of_str(&doc.text))
        .bench_local(|| figcheck::extract(divan::black_box(&doc)));
}

#[divan::bench(sample_count = 30)]
fn extract_text(bencher: Bencher) {
    let doc = document(Format::Text);
    bencher
        .counter(BytesCount::of_str(&doc.text))
        .bench_local(|| figcheck::extract(divan::black_box(&doc)));
}

#[divan::bench(sample_count = 30)]
fn read_and_extract_markdown(bencher: Bencher) {
    let text = &corpus().text;
    bencher
        .counter(BytesCount::of_str(text))
        .with_inputs(|| text.clone())
        .bench_local_values(|t| {
            let doc = Document::from_text("corpus.md", t, Format::Markdown).expect("corpus reads");
            figcheck::extract(&doc).len()
        });
}

#[divan::bench(sample_count = 30)]
fn extract_news(bencher: Bencher) {
    let doc = Document::from_text("news.md", news_corpus().text.clone(), Format::Markdown)
        .expect("corpus reads");
    bencher
        .counter(BytesCount::of_str(&doc.text))
        .bench_local(|| figcheck::extract(divan::black_box(&doc)));
}

/// Reads `text` as Markdown, extracts, writes the JSON into a buffered sink; returns the bytes
/// written.
fn end_to_end(text: String) -> u64 {
    let doc = Document::from_text("corpus.md", text, Format::Markdown).expect("corpus reads");
    let mut sink = Counted(0);
    let w = std::io::BufWriter::with_capacity(1 << 16, &mut sink);
    let mut out = json::ExtractJson::begin(w, &[&doc]).expect("sink writes");
    out.document(&doc, &figcheck::extract(&doc))
        .expect("sink writes");
    drop(out.finish().expect("sink writes"));
    sink.0
}

/// A sink that counts what it is given.
struct Counted(u64);

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[divan::bench(sample_count = 30)]
fn end_to_end_news(bencher: Bencher) {
    let text = &news_corpus().text;
    bencher
        .counter(BytesCount::of_str(text))
        .with_inputs(|| text.clone())
        .bench_local_values(end_to_end);
}

#[divan::bench(sample_count = 30)]
fn end_to_end_markdown(bencher: Bencher) {
    let text = &corpus().text;
    bencher
        .counter(BytesCount::of_str(text))
        .with_inputs(|| text.clone())
        .bench_local_values(end_to_end);
}
