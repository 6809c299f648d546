//! `figcheck baseline PATH... > figcheck-baseline.json`: records the current findings (after
//! configuration and suppressions) so that `check --baseline FILE` reports only new ones.

use crate::cli::Common;
use crate::cmd::gate::{check_findings, process};
use figcheck::baseline::Baseline;
use std::path::Path;

/// Runs `baseline`; returns the exit status.
pub fn run(common: &Common) -> i32 {
    let (docs, mut failed, mut configs) = match crate::cmd::gate::open(common) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut per_doc = Vec::new();
    for doc in &docs {
        let found = match configs.for_path(Path::new(&doc.name)) {
            Ok((_, cfg)) => match crate::cmd::isolated(&doc.name, || check_findings(doc, cfg)) {
                Some(f) => f,
                None => {
                    failed = true;
                    continue;
                }
            },
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        };
        match process(common, None, std::slice::from_ref(doc), found) {
            Ok(f) => per_doc.push((doc, f)),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        }
    }
    // A baseline missing a file's findings would let them all through later as "new" (or
    // hide them): with any file unread, nothing is written.
    if failed {
        eprintln!("error: baseline not written: some files could not be read (see above)");
        return 2;
    }
    let b = Baseline::record(&per_doc);
    print!("{}", b.to_json());
    if !crate::cli::quiet() {
        eprintln!(
            "recorded {} findings in {} files",
            b.findings.len(),
            b.counts().len()
        );
    }
    0
}
