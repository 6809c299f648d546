//! `check` on one document: every finding's span (and related span) in bounds of its file,
//! on char boundaries, with a message.
#![no_main]
use figcheck_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (format, rest) = split_format(data);
    let Some(d) = doc("f.md", rest, format) else {
        return;
    };
    let qs = figcheck::extract(&d);
    let ds = figcheck::check(&d, &qs, &figcheck::CheckOptions::default());
    assert_findings(&[&d], &ds);
});
