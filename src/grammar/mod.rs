//! The grammar: nom productions that turn prose into [`Quantity`] values, built bottom-up
//! (`text` → `number` → `quantity` and `date` → `scan`). The data it reads lives in
//! `grammar/*.toml`; `grammar/quantities.ebnf` documents every production.

pub mod date;
pub mod memo;
pub mod number;
pub mod quantity;
pub mod scan;
pub mod sentence;
pub mod tables;
pub mod text;

use crate::quantity::Quantity;
use crate::source::Document;

/// Extracts every figure of a document, in order of position.
pub fn extract(doc: &Document) -> Vec<Quantity> {
    scan::scan(&doc.prose, doc.date)
}
