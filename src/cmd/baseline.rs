//! `figcheck baseline PATH... > figcheck-baseline.json`: records the current findings (after
//! configuration and suppressions) so that `check --baseline FILE` reports only new ones.

use crate::cli::Common;
use crate::cmd::Outcome;
use crate::cmd::gate::{check_findings, process};
use figcheck::baseline::Baseline;
use std::path::Path;

/// Runs `baseline`; returns the exit status.
pub fn run(common: &Common) -> Outcome {
    let (docs, mut failed, mut configs) = crate::cmd::plan::read_docs(common)?;
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
            Err(e) => return Err(e.into()),
        };
        per_doc.push((
            doc,
            process(&mut configs, None, std::slice::from_ref(doc), found)?,
        ));
    }
    // A baseline missing a file's findings would let them all through later as "new" (or
    // hide them): with any file unread, nothing is written.
    if failed {
        return Err(
            "baseline not written: some files could not be read (see above)"
                .to_string()
                .into(),
        );
    }
    let b = Baseline::record(&per_doc);
    let status = crate::cmd::print(0, &b.to_json())?;
    if !crate::cli::quiet() {
        eprintln!(
            "recorded {} findings in {} files",
            b.findings.len(),
            b.counts().len()
        );
    }
    Ok(status)
}
