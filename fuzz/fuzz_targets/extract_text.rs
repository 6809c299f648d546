//! Plain-text extraction: figures' spans in bounds, on char boundaries, sorted, text equal to
//! the slice; line and column from the index and the cursor agree.
#![no_main]
use figcheck::Format;
use figcheck_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(d) = doc("f.txt", data, Format::Text) else {
        return;
    };
    assert_document(&d);
    let qs = figcheck::extract(&d);
    assert_quantities(&d, &qs);
});
