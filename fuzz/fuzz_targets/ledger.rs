//! The facts ledger: entries of two versions (split at `\n=====\n`) and their diff. A version
//! against itself has no change; every entry is rendered as one line; every change refers to
//! entries of the versions diffed.
#![no_main]
use figcheck::Format;
use figcheck::ledger::{self, Change};
use figcheck_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (a, b) = split_two(data);
    let (Some(da), Some(db)) = (
        doc("a.md", a, Format::Markdown),
        doc("a.md", b, Format::Markdown),
    ) else {
        return;
    };
    let ea = ledger::entries(&da, &figcheck::extract(&da));
    let eb = ledger::entries(&db, &figcheck::extract(&db));
    for e in &ea {
        assert!(e.start <= da.text.len());
        assert!(
            !ledger::line(e).contains('\n'),
            "an entry's line has a line break"
        );
    }
    let _ = ledger::render("a.md", &ea);
    assert!(
        ledger::diff(&ea, &ea).is_empty(),
        "a version differs from itself"
    );
    for c in ledger::diff(&ea, &eb) {
        match c {
            Change::Added { new } => assert!(eb.contains(&new)),
            Change::Removed { old } => assert!(ea.contains(&old)),
            Change::Changed { old, new } => assert!(ea.contains(&old) && eb.contains(&new)),
        }
    }
});
