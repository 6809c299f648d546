//! The JSON contract's writers, from the library ([`figcheck::json`]), where an embedder finds
//! them too.

pub use figcheck::json::{DocHead, ExtractJson, quantities_chunk, write_nested};
