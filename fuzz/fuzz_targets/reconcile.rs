//! `reconcile` of two documents (split at `\n=====\n`): findings' spans in bounds of the file
//! they name; every claim names a source.
#![no_main]
use figcheck::Format;
use figcheck_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (a, b) = split_two(data);
    let (Some(da), Some(db)) = (
        doc("a.md", a, Format::Markdown),
        doc("b.txt", b, Format::Text),
    ) else {
        return;
    };
    let qa = figcheck::extract(&da);
    let qb = figcheck::extract(&db);
    let r = figcheck::reconcile(&[(da.clone(), qa), (db.clone(), qb)]);
    assert_eq!(r.sources.len(), 2);
    assert_findings(&[&da, &db], &r.findings);
});
