//! Build-time data: the line index of the lexicon's word lists (`grammar/lexicon/*.tsv`), so
//! a look-up is a binary search over offsets embedded in the binary, with nothing built at
//! start-up. Each index is the little-endian `u32` byte offset of every non-empty line.

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["words", "exceptions", "extra-exceptions"] {
        let src = format!("grammar/lexicon/{name}.tsv");
        println!("cargo:rerun-if-changed={src}");
        let text = std::fs::read(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let mut idx = Vec::with_capacity(text.len() / 3);
        let mut at = 0usize;
        for (i, &b) in text.iter().enumerate() {
            if b == b'\n' {
                if i > at {
                    idx.extend_from_slice(&(at as u32).to_le_bytes());
                }
                at = i + 1;
            }
        }
        if at < text.len() {
            idx.extend_from_slice(&(at as u32).to_le_bytes());
        }
        std::fs::write(Path::new(&out).join(format!("{name}.idx")), idx)
            .unwrap_or_else(|e| panic!("{name}.idx: {e}"));
    }
}
